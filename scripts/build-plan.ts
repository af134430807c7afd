import { existsSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { hashParts, sha256 } from './cache.js'
import type { Deck } from './deck.js'
import { applyRewrites, planDeckAssets, type DeckAsset } from './deck-assets.js'
import type { BundledTheme } from './theme-bundle.js'

export type OutputFormat = 'html' | 'pdf' | 'pptx'
export const ALL_FORMATS: OutputFormat[] = ['html', 'pdf', 'pptx']

/** Bump when a change to the pipeline changes its outputs: it invalidates every cache entry. */
const PIPELINE_REVISION = '2'

const require = createRequire(import.meta.url)

/** A dependency's version, found from its entry point (some packages do not export package.json). */
function versionOf(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg))
  while (dir !== path.dirname(dir)) {
    const file = path.join(dir, 'package.json')
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string }
      if (json.name === pkg) return json.version
    }
    dir = path.dirname(dir)
  }
  return 'unknown'
}
export const PIPELINE_VERSION = [
  PIPELINE_REVISION,
  `marp-cli@${versionOf('@marp-team/marp-cli')}`,
  `marp-core@${versionOf('@marp-team/marp-core')}`,
  `pptxgenjs@${versionOf('pptxgenjs')}`,
  `pdf-lib@${versionOf('pdf-lib')}`,
].join(' ')

export interface DeckPlan {
  deck: Deck
  /** Markdown with local URLs rewritten for the site layout. */
  markdown: string
  assets: DeckAsset[]
  /** Hash of everything the outputs depend on, except the format options. */
  baseKey: string
  /** Hash of the bytes of the deck's assets (images change without the markdown changing). */
  assetsKey: string
}

/**
 * Decides what a deck's outputs depend on: its rewritten source, the bytes of
 * every asset it uses, the bundled themes (which embed the theme's own
 * assets), marp.config.mjs and the pipeline version.
 */
export async function planDeck(
  deck: Deck,
  root: string,
  deckNames: Set<string>,
  themes: BundledTheme[],
  configSource: string,
): Promise<DeckPlan> {
  const { assets, rewrites } = planDeckAssets(deck, root, deckNames)
  const markdown = applyRewrites(deck.source, rewrites)
  const assetHashes = await Promise.all(
    assets.map(async (a) => {
      try {
        return `${a.sitePath}=${sha256(await readFile(a.file))}`
      } catch {
        return `${a.sitePath}=missing`
      }
    }),
  )
  const baseKey = hashParts([
    PIPELINE_VERSION,
    configSource,
    markdown,
    path.basename(deck.path),
    ...themes.map((t) => `${t.name}\n${sha256(t.css)}`),
    ...assetHashes,
  ])
  return { deck, markdown, assets, baseKey, assetsKey: hashParts(assetHashes) }
}

export function formatKey(plan: DeckPlan, format: string, options: Record<string, unknown>): string {
  return hashParts([plan.baseKey, format, JSON.stringify(options)])
}

/**
 * Key of one PPTX slide image: the slide as Marp rendered it and what every
 * slide shares (render-print's fingerprints), the deck's asset bytes, the
 * image options and the pipeline version. Not the whole markdown (baseKey):
 * an edit to one slide keeps the other slides' keys.
 */
export function slideImageKey(plan: DeckPlan, shared: string, slide: string, options: Record<string, unknown>): string {
  return hashParts(['pptx-slide', PIPELINE_VERSION, plan.assetsKey, JSON.stringify(options), shared, slide])
}
