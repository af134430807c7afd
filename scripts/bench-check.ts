#!/usr/bin/env tsx
/**
 * `npm run bench:check`: how long parsing and checking take, for the real
 * lecture and for a generated deck of 1,000 slides (images, captions,
 * citations, tables, notes, References slides). A script entry point, so it
 * prints; the library it times does not.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkDecks, type CheckContext } from './check.js'
import { loadConfig } from './config.js'
import type { Deck } from './deck.js'
import { discoverDecks } from './discover.js'
import { parseDeck } from './parse.js'
import { RULES } from './rules/index.js'
import { loadThemes } from './themes.js'

const SLIDES = 1000
const WARM_RUNS = 5

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/** A deck shaped like the lecture, repeated: every construct the parser handles. */
export function generatedDeck(slides: number): string {
  const authors = Array.from({ length: 40 }, (_, i) => `Author${String.fromCharCode(65 + (i % 26))}${i}`)
  const parts = ['---', 'marp: true', 'theme: default', 'paginate: true', '---', '', '# Generated deck', '## For the benchmark', '']
  for (let i = 1; i < slides - 2; i++) {
    const a = authors[i % authors.length]
    parts.push('---', '', i % 7 === 0 ? '<!-- _class: invert -->' : '', `## Slide ${i}: a heading`, '')
    parts.push(`+ A point about models with a citation (${a} et al., ${2000 + (i % 24)}) and **bold** text.`)
    parts.push(`+ A second point: ${authors[(i + 1) % authors.length]} (${2000 + ((i + 1) % 24)}) argued it, see [a link](https://example.com/${i}).`)
    parts.push(`  - Nested (1/2), (RLHF) and (key, value) are not citations.`)
    if (i % 3 === 0) parts.push('', `![h:300px center](../images/figure-${i % 20}.svg)`, `<center>Figure ${i} (${a} et al., ${2000 + (i % 24)})</center>`)
    if (i % 5 === 0) parts.push('', `![bg right:40%](../images/missing-${i}.png)`)
    if (i % 10 === 0) parts.push('', '| Model | Size | Source |', '|---|---|---|', `| M${i} | ${i}B | (${a} et al., ${2000 + (i % 24)}) |`)
    if (i % 4 === 0) parts.push('', `<!-- Speaker note for slide ${i}. -->`)
    parts.push('')
  }
  parts.push('---', '', '## References', '')
  authors.forEach((a, k) => parts.push(`- ${a}, Given, et al. "A paper number ${k}." Journal ${k} (${2000 + (k % 24)}).`))
  parts.push('', '---', '', '## References (cont.)', '', '- Extra, Person. "Never cited." (1999).', '')
  return parts.join('\n')
}

async function time<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const started = performance.now()
  const value = await run()
  return { ms: performance.now() - started, value }
}

async function parseAndCheck(files: { path: string; source: Uint8Array | string }[], ctx: CheckContext) {
  const parsed = await time(() => files.map((f) => parseDeck({ path: f.path, root: ctx.root, source: f.source })))
  const checked = await time(() => checkDecks(parsed.value as Deck[], ctx))
  return { parseMs: parsed.ms, checkMs: checked.ms, findings: checked.value.diagnostics.length }
}

async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const { themes } = await loadThemes(path.join(root, 'themes'), root)
  const { config } = await loadConfig(root)
  const ctx: CheckContext = { root, themes, config }
  const lecture = await Promise.all((await discoverDecks(path.join(root, 'slides'))).map(async (p) => ({ path: p, source: await readFile(p) })))

  const cold = await parseAndCheck(lecture, ctx)
  const warm: number[] = []
  for (let i = 0; i < WARM_RUNS; i++) {
    const run = await parseAndCheck(lecture, ctx)
    warm.push(run.parseMs + run.checkMs)
  }
  const slideCount = lecture.length
  console.log(`lecture (${slideCount} deck${slideCount === 1 ? '' : 's'}), first run in this process: ${Math.round(cold.parseMs + cold.checkMs)} ms (parse ${Math.round(cold.parseMs)} ms, rules ${Math.round(cold.checkMs)} ms, ${cold.findings} findings)`)
  console.log(`lecture, warm, median of ${WARM_RUNS}: ${Math.round(median(warm))} ms`)
  // Which rules cost what (warm): a slow rule shows here first.
  const decks = lecture.map((f) => parseDeck({ path: f.path, root, source: f.source }))
  const perRule: string[] = []
  for (const rule of RULES) {
    const runs: number[] = []
    for (let i = 0; i < 3; i++) runs.push((await time(() => checkDecks(decks, ctx, [rule]))).ms)
    perRule.push(`${rule.id} ${median(runs).toFixed(1)}`)
  }
  console.log(`lecture, per rule (ms, warm median of 3): ${perRule.join(', ')}`)

  const project = await mkdtemp(path.join(tmpdir(), 'bench-check-'))
  try {
    await mkdir(path.join(project, 'slides'))
    await mkdir(path.join(project, 'images'))
    for (let k = 0; k < 20; k++) await writeFile(path.join(project, 'images', `figure-${k}.svg`), '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    const big = { path: path.join(project, 'slides', 'generated.md'), source: generatedDeck(SLIDES) }
    const bigCtx: CheckContext = { root: project, themes: [], config }
    const runs = []
    for (let i = 0; i < 3; i++) runs.push(await parseAndCheck([big], bigCtx))
    const best = runs.map((r) => r.parseMs + r.checkMs)
    const mid = runs[best.indexOf(median(best))]
    console.log(
      `generated deck of ${SLIDES} slides (${big.source.split('\n').length} lines), median of 3: ${Math.round(median(best))} ms (parse ${Math.round(mid.parseMs)} ms, rules ${Math.round(mid.checkMs)} ms, ${mid.findings} findings)`,
    )
    const bigDeck = [parseDeck({ path: big.path, root: project, source: big.source })]
    const perRule: string[] = []
    for (const rule of RULES) perRule.push(`${rule.id} ${Math.round((await time(() => checkDecks(bigDeck, bigCtx, [rule]))).ms)}`)
    console.log(`generated deck, per rule (ms, one run): ${perRule.join(', ')}`)
  } finally {
    await rm(project, { recursive: true, force: true })
  }
}

// Run only as a script, so tests can import generatedDeck.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`bench:check failed: ${(error as Error)?.stack ?? error}`)
    process.exitCode = 2
  })
}
