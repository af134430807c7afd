#!/usr/bin/env tsx
/**
 * `npm run bench [-- options]`: builds a seeded synthetic course the usual
 * ways and ours, side by side, prints a table and writes the figures as JSON
 * to bench-results/. A script, not library code: it prints and exits.
 *
 *   --only a,b,c,d,e   scenarios to run (default all)
 *   --decks N --slides N --seed N   course size (default 10 × 45, seed 7)
 *   --timeout S        per-process limit in seconds (default 600)
 *   --keep             keep the temp course (its path is printed)
 *   --all              then run the other bench:* npm scripts that exist
 *   -- ...             after a bare `--`: extra `build` options for (c)-(e)
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { DEFAULT_COURSE, writeSyntheticCourse } from './bench/synthetic-course.js'
import { runLoop, runMarpInputDir, runPipeline, type BenchContext, type ScenarioId, type ScenarioResult } from './bench/run-builds.js'

const REPO = path.resolve(import.meta.dirname, '..')

async function main(argv: string[]): Promise<number> {
  const dashes = argv.indexOf('--')
  const args = dashes >= 0 ? argv.slice(0, dashes) : argv
  const buildArgs = dashes >= 0 ? argv.slice(dashes + 1) : []
  const opt = (name: string) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const only = (opt('--only') ?? 'a,b,c,d,e').split(',') as ScenarioId[]
  const course = {
    decks: Number(opt('--decks') ?? DEFAULT_COURSE.decks),
    slidesPerDeck: Number(opt('--slides') ?? DEFAULT_COURSE.slidesPerDeck),
    seed: Number(opt('--seed') ?? DEFAULT_COURSE.seed),
  }
  const chromePath = process.env.CHROME_PATH ?? (await import('@sparticuz/chromium')).default.executablePath()
  const resolvedChrome = typeof chromePath === 'string' ? chromePath : await chromePath
  const root = await mkdtemp(path.join(os.tmpdir(), 'dsi-bench-'))
  const log = (line: string) => process.stdout.write(line + '\n')
  try {
    const made = await writeSyntheticCourse(root, REPO, course)
    log(`course: ${made.deckNames.length} decks, ${made.slideCount} slides in ${root}; ${os.cpus().length} cores; noisy if others share the machine`)
    const ctx: BenchContext = {
      course: made,
      repo: REPO,
      chromePath: resolvedChrome,
      timeoutMs: Number(opt('--timeout') ?? 600) * 1000,
      buildArgs,
      log,
    }
    const results: ScenarioResult[] = []
    const run = async (id: ScenarioId, fn: () => Promise<ScenarioResult>) => {
      if (!only.includes(id)) return
      log(`running (${id})...`)
      const r = await fn()
      log(`  (${id}) ${(r.wallMs / 1000).toFixed(1)} s, ${r.failures} failures${r.notes.length ? ' — ' + r.notes.join('; ') : ''}`)
      results.push(r)
    }
    await run('a', () => runLoop(ctx))
    await run('b', () => runMarpInputDir(ctx))
    await run('c', () => runPipeline(ctx, 'c'))
    await run('d', () => runPipeline(ctx, 'd'))
    await run('e', () => runPipeline(ctx, 'e'))
    log('')
    log(table(results))
    log(verdict(results))
    const file = await saveJson(results, { course, slides: made.slideCount, buildArgs })
    log(`\nwrote ${path.relative(REPO, file)}`)
    if (args.includes('--keep')) log(`kept ${root}`)
    if (args.includes('--all')) await runOtherBenches()
    return results.some((r) => r.failures > 0 && (r.id === 'c' || r.id === 'd' || r.id === 'e')) ? 1 : 0
  } finally {
    if (!args.includes('--keep')) await rm(root, { recursive: true, force: true })
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`

export function table(results: ScenarioResult[]): string {
  const base = results.find((r) => r.id === 'a')
  const rows = results.map((r) => [
    `(${r.id}) ${r.label}`,
    `${(r.wallMs / 1000).toFixed(2)} s`,
    base ? `${(base.wallMs / r.wallMs).toFixed(1)}x` : '-',
    mb(r.peakRssBytes),
    String(r.failures),
  ])
  const header = ['scenario', 'wall', 'speed-up vs (a)', 'peak RSS', 'failures']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ') + ' |'
  const rule = '|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|'
  return [line(header), rule, ...rows.map(line)].join('\n')
}

/** The issue's targets, checked against what ran. */
function verdict(results: ScenarioResult[]): string {
  const get = (id: ScenarioId) => results.find((r) => r.id === id)
  const [a, b, c, d, e] = (['a', 'b', 'c', 'd', 'e'] as const).map(get)
  const checks: string[] = []
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL')
  if (a && c) checks.push(`${mark(a.wallMs / c.wallMs >= 4)} (c) >= 4x faster than (a): ${(a.wallMs / c.wallMs).toFixed(1)}x`)
  if (b && c) checks.push(`${mark(b.wallMs / c.wallMs >= 1.5)} (c) >= 1.5x faster than (b): ${(b.wallMs / c.wallMs).toFixed(1)}x${b.failures ? ` ((b) had ${b.failures} failures)` : ''}`)
  if (c) checks.push(`${mark(c.failures === 0)} (c) zero failures: ${c.failures}`)
  if (d) checks.push(`${mark(d.wallMs < 1000)} (d) no-op under 1 s: ${(d.wallMs / 1000).toFixed(2)} s`)
  if (c && e) checks.push(`${mark(e.wallMs < 0.25 * c.wallMs)} (e) under 25% of (c): ${((100 * e.wallMs) / c.wallMs).toFixed(0)}%`)
  const peak = Math.max(...results.filter((r) => 'cde'.includes(r.id)).map((r) => r.peakRssBytes), 0)
  if (peak > 0) checks.push(`${mark(peak < 1.5 * 1024 ** 3)} pipeline peak RSS under 1.5 GB: ${mb(peak)}`)
  return '\n' + checks.join('\n')
}

async function saveJson(results: ScenarioResult[], meta: Record<string, unknown>): Promise<string> {
  const dir = path.join(REPO, 'bench-results')
  await mkdir(dir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const file = path.join(dir, `build-${stamp}.json`)
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).stdout.trim()
  const json = { date: new Date().toISOString(), commit, cores: os.cpus().length, node: process.version, ...meta, results }
  await writeFile(file, JSON.stringify(json, null, 2) + '\n')
  return file
}

/** Other engineers' benchmarks (bench:check, bench:dev, bench:render), when package.json has them. */
async function runOtherBenches(): Promise<void> {
  const pkg = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  for (const name of Object.keys(pkg.scripts).filter((s) => s.startsWith('bench:')).sort()) {
    process.stdout.write(`\n== npm run ${name}\n`)
    spawnSync('npm', ['run', name], { cwd: REPO, stdio: 'inherit' })
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`)
    process.exitCode = 2
  },
)
