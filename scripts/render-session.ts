/**
 * Renders decks in one browser the way the build does (themes bundled,
 * assets rewritten and served by the asset server, the print document
 * loaded by convertDeck) and runs the rendered checks on each loaded page,
 * without producing any output file: `npm run check -- --render`.
 */
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { AssetServer } from './asset-server.js'
import { launchBrowser } from './browser.js'
import type { FoundBrowser } from './browser-finder.js'
import { planDeck } from './build-plan.js'
import type { CheckResult } from './check.js'
import type { ProjectConfig } from './config.js'
import { convertDeck, deckJob } from './convert.js'
import type { Deck } from './deck.js'
import { sortDiagnostics } from './diagnostics-format.js'
import { discoverDecks, deckName } from './discover.js'
import { activeRenderedRules, inspectRenderedDeck } from './render-checks.js'
import { createMarp, renderPrintDocument } from './render-print.js'
import { bundleTheme } from './theme-bundle.js'
import type { ThemeInfo } from './themes.js'

export interface RenderedCheckOptions {
  root: string
  decks: Deck[]
  themes: ThemeInfo[]
  config: ProjectConfig
  /** Where to find the browser (default: the system finder). */
  found?: FoundBrowser
  /** An already running browser to use (and leave running): tests share one. */
  browser?: Browser
}

export async function checkDecksRendered(options: RenderedCheckOptions): Promise<CheckResult> {
  const result: CheckResult = { diagnostics: [], toolFailures: [] }
  const { root, decks, config } = options
  if (decks.length === 0 || activeRenderedRules(config).length === 0) return result
  const bundled = await Promise.all(options.themes.map((t) => bundleTheme(t, root)))
  // Links between decks are rewritten like the build's: every deck in slides/ counts.
  const names = new Set([...(await discoverDecks(path.join(root, 'slides'))).map(deckName), ...decks.map((d) => d.name)])
  // The config source only feeds the build's cache key, which a check never uses.
  const plans = await Promise.all(decks.map((d) => planDeck(d, root, names, bundled, '')))
  const server = new AssetServer()
  await server.start()
  for (const plan of plans) for (const a of plan.assets) server.addFile('/' + a.sitePath, a.file)
  const marp = createMarp(bundled)
  const browser = options.browser ?? (await launchBrowser(options.found)).browser
  try {
    for (const plan of plans) {
      const deck = plan.deck
      let found: CheckResult | undefined
      try {
        await convertDeck(browser, server, deckJob(deck, renderPrintDocument(marp, plan.markdown, deck), {
          formats: [],
          pptxImage: 'png',
          pptxScale: 1,
          inspect: async (page) => {
            found = await inspectRenderedDeck(page, deck, config)
          },
        }))
      } catch (error) {
        result.toolFailures.push({ rule: 'render', message: `${deck.relPath}: the browser could not render it: ${(error as Error)?.message ?? String(error)}` })
      }
      if (found) {
        result.diagnostics.push(...found.diagnostics)
        result.toolFailures.push(...found.toolFailures)
      }
    }
  } finally {
    if (!options.browser) await browser.close().catch(() => {})
    await server.close()
  }
  result.diagnostics = sortDiagnostics(result.diagnostics)
  return result
}
