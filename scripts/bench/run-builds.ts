import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { measure, type Measurement } from './measure.js'
import { editOneSlide, type Course } from './synthetic-course.js'

export type ScenarioId = 'a' | 'b' | 'c' | 'd' | 'e'

export interface ScenarioResult {
  id: ScenarioId
  label: string
  wallMs: number
  peakRssBytes: number
  /** Outputs (deck × format) missing or empty, plus runs that failed or timed out. */
  failures: number
  notes: string[]
  /** One entry per process run, for the JSON. */
  runs: { what: string; wallMs: number; peakRssBytes: number; exitCode: number | null; timedOut: boolean }[]
}

export interface BenchContext {
  course: Course
  repo: string
  /** Chromium for marp-cli (CHROME_PATH) and for our pipeline. */
  chromePath: string
  /** Per process; the issue saw marp -I --pptx die after 3 minutes. */
  timeoutMs: number
  /** Extra `build` options for (c)-(e), e.g. ['--concurrency', '3']. */
  buildArgs: string[]
  log: (line: string) => void
}

const FORMATS = ['html', 'pdf', 'pptx'] as const
const marpFlag = { html: [], pdf: ['--pdf'], pptx: ['--pptx'] } as Record<string, string[]>

/** The classic `generate_slides.sh`: one marp process per deck per format, one after another. */
export async function runLoop(ctx: BenchContext): Promise<ScenarioResult> {
  const out = path.join(ctx.course.root, 'out-loop')
  const result = scenario('a', 'marp loop: 1 process per deck per format')
  for (const name of ctx.course.deckNames) {
    for (const format of FORMATS) {
      const m = await marp(ctx, [...marpFlag[format], `slides/${name}.md`, '-o', path.join(out, `${name}.${format}`)])
      add(result, `${name}.${format}`, m)
    }
  }
  result.failures += await missingOutputs(out, ctx.course.deckNames)
  return result
}

/** `marp -I slides` once per format, with marp-cli's default parallelism. */
export async function runMarpInputDir(ctx: BenchContext): Promise<ScenarioResult> {
  const out = path.join(ctx.course.root, 'out-input-dir')
  const result = scenario('b', 'marp -I, once per format')
  for (const format of FORMATS) {
    const m = await marp(ctx, [...marpFlag[format], '-I', 'slides', '-o', out])
    add(result, `-I ${format}`, m)
  }
  result.failures += await missingOutputs(out, ctx.course.deckNames)
  return result
}

/** Our pipeline through its CLI, as a user runs it: (c) cold, (d) no-op, (e) one slide edited. */
export async function runPipeline(ctx: BenchContext, id: 'c' | 'd' | 'e'): Promise<ScenarioResult> {
  const labels = { c: 'pipeline, cold (empty cache)', d: 'pipeline, nothing changed', e: 'pipeline, one slide edited' }
  const result = scenario(id, labels[id])
  if (id === 'c') {
    await rm(path.join(ctx.course.root, '.cache'), { recursive: true, force: true })
    await rm(path.join(ctx.course.root, 'site'), { recursive: true, force: true })
  }
  if (id === 'e') {
    const deck = ctx.course.deckNames[Math.floor(ctx.course.deckNames.length / 2)]
    const file = path.join(ctx.course.root, 'slides', `${deck}.md`)
    await writeFile(file, editOneSlide(await readFile(file, 'utf8'), 5))
    result.notes.push(`edited slide 6 of ${deck}`)
  }
  // The command `npm run build` runs (package.json), without npm's own start-up. The
  // launcher keeps its bundle of the CLI in the course folder, so (c) includes making it.
  const m = await measure(process.execPath, [path.join(ctx.repo, 'scripts/launch.mjs'), 'build', ...ctx.buildArgs], {
    cwd: ctx.course.root,
    env: { ...process.env, CHROME_PATH: ctx.chromePath, CI: '1', DSI_CLI_CACHE: path.join(ctx.course.root, '.cache', 'cli') },
    timeoutMs: ctx.timeoutMs,
  })
  add(result, 'build', m)
  // The process wall time includes Node's start-up and loading the CLI.
  const inBuild = /in (\d+(?:\.\d+)?) s/.exec(m.stdout.split('\n').filter((l) => l.startsWith('Built ')).pop() ?? '')
  if (inBuild) result.notes.push(`build() itself: ${inBuild[1]} s`)
  const rebuilt = rebuiltDecks(m.stdout)
  if (id !== 'c') result.notes.push(`rebuilt: ${rebuilt.length ? rebuilt.join(', ') : 'nothing'}`)
  if (m.exitCode !== 0) result.notes.push(lastLines(m.stderr || m.stdout))
  result.failures += await missingOutputs(path.join(ctx.course.root, 'site'), ctx.course.deckNames)
  return result
}

function marp(ctx: BenchContext, args: string[]): Promise<Measurement> {
  const bin = path.join(ctx.repo, 'node_modules/.bin/marp')
  return measure(bin, ['--no-config-file', '--theme-set', 'themes', '--allow-local-files', '--html', ...args], {
    cwd: ctx.course.root,
    env: { ...process.env, CHROME_PATH: ctx.chromePath },
    timeoutMs: ctx.timeoutMs,
  })
}

function scenario(id: ScenarioId, label: string): ScenarioResult {
  return { id, label, wallMs: 0, peakRssBytes: 0, failures: 0, notes: [], runs: [] }
}

function add(result: ScenarioResult, what: string, m: Measurement): void {
  result.wallMs += m.wallMs
  result.peakRssBytes = Math.max(result.peakRssBytes, m.peakRssBytes)
  result.runs.push({ what, wallMs: Math.round(m.wallMs), peakRssBytes: m.peakRssBytes, exitCode: m.exitCode, timedOut: m.timedOut })
  if (m.exitCode !== 0 || m.timedOut) {
    result.failures++
    result.notes.push(`${what}: ${m.timedOut ? 'timed out' : `exit ${m.exitCode}`}: ${lastLines(m.stderr || m.stdout)}`)
  }
}

/** Expected `<deck>.<format>` files that are missing or empty. */
export async function missingOutputs(dir: string, decks: string[]): Promise<number> {
  let missing = 0
  for (const deck of decks)
    for (const format of FORMATS) {
      const size = await stat(path.join(dir, `${deck}.${format}`)).then((s) => s.size, () => 0)
      if (size === 0) missing++
    }
  return missing
}

/** Decks whose row in the build summary has a format not marked `*` (cached). */
export function rebuiltDecks(stdout: string): string[] {
  const rows = stdout.split('\n').filter((l) => /^\S+\s+\d+\s+\S*(html|pdf|pptx)/.test(l))
  return rows.filter((l) => l.split(/\s+/)[2].split(',').some((f) => !f.endsWith('*'))).map((l) => l.split(/\s+/)[0])
}

const lastLines = (text: string) => text.trim().split('\n').slice(-2).join(' | ').slice(0, 300)

export async function listFiles(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort()
}
