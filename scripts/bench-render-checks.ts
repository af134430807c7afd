#!/usr/bin/env tsx
/**
 * `npm run bench:render [-- --runs N]`: what the rendered checks
 * (slide-overflow, contrast) add to a full build of the lecture, measured two
 * ways: (1) full uncached builds (HTML, PDF, PPTX) with and without them,
 * alternated, median of N each; (2) the inspection alone, timed on the loaded
 * print page, per rule. Also times the spelling rule (cold: dictionaries
 * loaded; warm: a second deck in the same run). The build runs in a copy of
 * the project, so the real site and cache are untouched. A script entry
 * point, so it prints; the library it times does not.
 */
import type { Page } from 'playwright-core'
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { AssetServer } from './asset-server.js'
import { launchBrowser } from './browser.js'
import { build } from './build.js'
import { planDeck } from './build-plan.js'
import { checkDecks } from './check.js'
import { loadConfig } from './config.js'
import { convertDeck, deckJob } from './convert.js'
import { discoverDecks } from './discover.js'
import { parseDeck } from './parse.js'
import { inspectRenderedDeck } from './render-checks.js'
import { createMarp, renderPrintDocument } from './render-print.js'
import { RENDERED_RULES } from './rules/index.js'
import { spelling } from './rules/spelling.js'
import { bundleTheme } from './theme-bundle.js'
import { loadThemes } from './themes.js'

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const COPIED = ['slides', 'images', 'themes', 'marp.config.mjs', 'course.config.json', 'words.txt']

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

async function projectCopy(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'bench-render-'))
  for (const name of COPIED) await cp(path.join(REPO, name), path.join(root, name), { recursive: true }).catch(() => {})
  await cp(path.join(REPO, 'package.json'), path.join(root, 'package.json'))
  // Themes load their fonts from node_modules/@fontsource.
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir')
  return root
}

async function fullBuild(root: string, renderChecks: boolean): Promise<{ ms: number; rendered: number; exit: number }> {
  // `cache: false` still writes under .cache/nocache-<pid>: start every build from nothing.
  await rm(path.join(root, '.cache'), { recursive: true, force: true })
  await rm(path.join(root, 'site'), { recursive: true, force: true })
  const started = performance.now()
  const result = await build({
    root,
    outDir: path.join(root, 'site'),
    formats: ['html', 'pdf', 'pptx'],
    decks: [],
    force: true,
    cache: false,
    concurrency: 1,
    pptxImage: 'jpeg',
    pptxScale: 1.5,
    renderChecks,
  })
  const rendered = result.diagnostics.filter((d) => RENDERED_RULES.some((r) => r.id === d.rule)).length
  return { ms: performance.now() - started, rendered, exit: result.exitCode }
}

/** The inspection alone: load each deck's print page once, then time each rendered rule on it. */
async function inspectionTimes(root: string): Promise<Map<string, number>> {
  const { config } = await loadConfig(root)
  const { themes } = await loadThemes(path.join(root, 'themes'), root)
  const bundled = await Promise.all(themes.map((t) => bundleTheme(t, root)))
  const files = await discoverDecks(path.join(root, 'slides'))
  const decks = await Promise.all(files.map(async (f) => parseDeck({ path: f, root, source: await readFile(f) })))
  const names = new Set(decks.map((d) => d.name))
  const plans = await Promise.all(decks.map((d) => planDeck(d, root, names, bundled, '')))
  const server = new AssetServer()
  await server.start()
  for (const plan of plans) for (const a of plan.assets) server.addFile('/' + a.sitePath, a.file)
  const marp = createMarp(bundled)
  const { browser } = await launchBrowser()
  const times = new Map<string, number>()
  try {
    for (const plan of plans) {
      const deck = plan.deck
      const print = renderPrintDocument(marp, plan.markdown, deck)
      const inspect = async (page: Page) => {
        for (const rule of RENDERED_RULES) {
          const t = performance.now()
          await inspectRenderedDeck(page, deck, config, [rule])
          times.set(rule.id, (times.get(rule.id) ?? 0) + performance.now() - t)
        }
      }
      await convertDeck(browser, server, deckJob(deck, print, { formats: [], pptxImage: 'png', pptxScale: 1, inspect }))
    }
  } finally {
    await browser.close()
    await server.close()
  }
  return times
}

async function spellingTimes(root: string): Promise<{ cold: number; warm: number; findings: number }> {
  const { config } = await loadConfig(root)
  const files = await discoverDecks(path.join(root, 'slides'))
  const deck = parseDeck({ path: files[0], root, source: await readFile(files[0]) })
  const ctx = { root, themes: [], config }
  let t = performance.now()
  const first = await checkDecks([deck], ctx, [spelling])
  const cold = performance.now() - t
  t = performance.now()
  await checkDecks([deck], ctx, [spelling])
  return { cold, warm: performance.now() - t, findings: first.diagnostics.length }
}

async function main(): Promise<void> {
  const runsFlag = process.argv.indexOf('--runs')
  const runs = runsFlag > 0 ? Math.max(1, Number(process.argv[runsFlag + 1]) || 1) : 2
  const root = await projectCopy()
  try {
    const cpu = process.cpuUsage()
    const spell = await spellingTimes(root)
    const spellCpu = process.cpuUsage(cpu)
    console.log(`spelling, lecture: ${seconds(spell.cold)} cold (dictionaries loaded), ${seconds(spell.warm)} warm; ${spell.findings} findings; cold CPU ${seconds((spellCpu.user + spellCpu.system) / 1000)}`)

    const inspect = await inspectionTimes(root)
    const total = [...inspect.values()].reduce((a, b) => a + b, 0)
    console.log(`rendered checks alone on the loaded page: ${[...inspect].map(([id, ms]) => `${id} ${seconds(ms)}`).join(', ')}; total ${seconds(total)}`)

    const without: number[] = []
    const withChecks: number[] = []
    let findings = 0
    for (let i = 0; i < runs; i++) {
      // Alternate the order so a warming disk cache or a busy machine does not favour one side.
      const order = i % 2 === 0 ? [false, true] : [true, false]
      for (const on of order) {
        const run = await fullBuild(root, on)
        ;(on ? withChecks : without).push(run.ms)
        if (on) findings = run.rendered
      }
    }
    const a = median(without)
    const b = median(withChecks)
    console.log(`full build (html+pdf+pptx, uncached), median of ${runs}: ${seconds(a)} without rendered checks, ${seconds(b)} with (${findings} findings)`)
    console.log(`rendered checks add ${seconds(b - a)} to the build (${(((b - a) / a) * 100).toFixed(1)}%); machine load: ${(await import('node:os')).loadavg()[0].toFixed(1)}`)
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

await main()
