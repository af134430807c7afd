/**
 * Every asset reference a deck depends on, resolved once per rule call:
 * the deck's images (markdown, <img>, <style> and directive url()) and the
 * url() references of the theme CSS it uses, which resolve against the CSS
 * file and are reported there.
 */
import path from 'node:path'
import type { Deck, ImageRef } from '../deck.js'
import type { CheckContext } from '../check.js'
import { DiskIndex, resolveLocal, urlKind, type Resolved, type UrlKind } from '../asset-path.js'
import { urlsInCss } from '../css-urls.js'
import { positionIn } from '../parse-source.js'
import type { ThemeInfo } from '../themes.js'

export interface AssetRef {
  url: string
  kind: UrlKind
  line: number
  column: number
  /** Project-relative file the finding is reported in. */
  file: string
  baseFile: string
  image?: ImageRef
}

const indexes = new WeakMap<object, DiskIndex>()

/** Folder listings are cached per check run: checkDecks resets them. */
export function diskIndex(ctx: CheckContext): DiskIndex {
  let index = indexes.get(ctx)
  if (!index) {
    index = new DiskIndex()
    indexes.set(ctx, index)
  }
  return index
}

export function resetDiskIndex(ctx: CheckContext): void {
  indexes.set(ctx, new DiskIndex())
}

/** The deck's theme and the themes it imports (`@import 'base'`), project themes only. */
export function themesOf(deck: Deck, themes: ThemeInfo[]): ThemeInfo[] {
  const used: ThemeInfo[] = []
  const queue = deck.theme ? [deck.theme] : []
  while (queue.length > 0) {
    const name = queue.shift()!
    const theme = themes.find((t) => t.name === name)
    if (!theme || used.includes(theme)) continue
    used.push(theme)
    for (const m of theme.css.matchAll(/@import(?:-theme)?\s+(?:url\(\s*)?["']([^"']+)["']/g)) queue.push(m[1])
  }
  return used
}

/** Theme CSS is parsed once per theme object, not once per rule and deck. */
const themeRefs = new WeakMap<ThemeInfo, AssetRef[]>()
/** Four rules walk the same references: compute them once per deck and run. */
const deckRefs = new WeakMap<Deck, { ctx: CheckContext; refs: AssetRef[] }>()

function themeAssetRefs(theme: ThemeInfo): AssetRef[] {
  let refs = themeRefs.get(theme)
  if (!refs) {
    refs = urlsInCss(theme.css).urls.map((url) => ({
      url: url.url,
      kind: urlKind(url.url),
      ...positionIn(theme.css, url.offset),
      file: theme.relPath,
      baseFile: theme.file,
    }))
    themeRefs.set(theme, refs)
  }
  return refs
}

export function assetRefs(deck: Deck, ctx: CheckContext): AssetRef[] {
  const cached = deckRefs.get(deck)
  if (cached && cached.ctx === ctx) return cached.refs
  const refs: AssetRef[] = deck.images.map((image) => ({
    url: image.src,
    kind: urlKind(image.src),
    line: image.line,
    column: image.column,
    file: deck.relPath,
    baseFile: image.baseFile,
    image,
  }))
  for (const theme of themesOf(deck, ctx.themes)) refs.push(...themeAssetRefs(theme))
  deckRefs.set(deck, { ctx, refs })
  return refs
}

export function resolveRef(ref: { url: string; baseFile: string }, ctx: CheckContext): Resolved {
  return resolveLocal(ref.url, ref.baseFile, ctx.root)
}

/** The path to write from `baseFile`'s folder to reach `file`, with forward slashes. */
export function relativeUrl(baseFile: string, file: string): string {
  const rel = path.relative(path.dirname(baseFile), file).split(path.sep).join('/')
  return rel.startsWith('.') ? rel : `./${rel}`
}
