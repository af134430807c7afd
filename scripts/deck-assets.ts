import path from 'node:path'
import { resolveLocal as resolveAsset, urlKind } from './asset-path.js'
import type { Deck } from './deck.js'

export interface DeckAsset {
  /** Absolute path on disk. */
  file: string
  /** Project-relative path with forward slashes: also its path in the site. */
  sitePath: string
}

export interface UrlRewrite {
  line: number
  column: number
  from: string
  to: string
}

/**
 * The project file a deck URL publishes, or null: remote, data: and file:
 * URLs, paths outside the project (also through symlinks) and malformed ones
 * are not published. The resolution itself is the checker's (asset-path.ts),
 * so what the checks accept and what the build copies cannot disagree.
 */
export function resolveLocal(url: string, baseFile: string, root: string): string | null {
  if (urlKind(url) !== 'local' || /^\s*file:/i.test(url)) return null
  const resolved = resolveAsset(url, baseFile, root)
  return resolved.ok && !resolved.outside ? resolved.file : null
}

export function isInside(root: string, file: string): boolean {
  const rel = path.relative(root, file)
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))
}

const toSitePath = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/')

/** URL-encodes each path segment (spaces, unicode, `#`, `?`) for use in HTML. */
const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/')

/**
 * Where a deck's local images and links go in the site, and how to rewrite
 * their URLs. Decks sit in slides/ and say `../images/x.svg`; published HTML
 * sits at the site root, so the URL becomes `images/x.svg`. A link to another
 * deck (`./03_x.md`) becomes a link to its HTML page.
 */
export function planDeckAssets(
  deck: Deck,
  root: string,
  deckNames: Set<string>,
): { assets: DeckAsset[]; rewrites: UrlRewrite[] } {
  const assets = new Map<string, DeckAsset>()
  const rewrites: UrlRewrite[] = []
  for (const image of deck.images) {
    if (image.source === 'theme-url') continue
    const file = resolveLocal(image.src, image.baseFile || deck.path, root)
    if (!file) continue
    const sitePath = toSitePath(root, file)
    assets.set(file, { file, sitePath })
    const suffix = /[?#].*$/.exec(image.src.trim())?.[0] ?? ''
    rewrites.push({ line: image.line, column: image.column, from: image.src, to: encodePath(sitePath) + suffix })
  }
  for (const link of deck.links) {
    const file = resolveLocal(link.href, deck.path, root)
    if (!file) continue
    const fragment = /#.*$/.exec(link.href)?.[0] ?? ''
    const name = path.basename(file).replace(/\.md$/i, '')
    if (/\.md$/i.test(file) && path.dirname(file) === path.dirname(deck.path) && deckNames.has(name)) {
      rewrites.push({ line: link.line, column: link.column, from: link.href, to: encodePath(`${name}.html`) + fragment })
      continue
    }
    if (/\.md$/i.test(file)) continue
    const sitePath = toSitePath(root, file)
    assets.set(file, { file, sitePath })
    rewrites.push({ line: link.line, column: link.column, from: link.href, to: encodePath(sitePath) + fragment })
  }
  return { assets: [...assets.values()].sort((a, b) => a.sitePath.localeCompare(b.sitePath)), rewrites }
}

/**
 * Applies URL rewrites at the positions the parser recorded. Each URL is
 * looked up from its recorded column on its line, so identical text elsewhere
 * is left alone.
 */
export function applyRewrites(source: string, rewrites: UrlRewrite[]): string {
  if (rewrites.length === 0) return source
  const lines = source.split('\n')
  const byLine = new Map<number, UrlRewrite[]>()
  for (const r of rewrites) byLine.set(r.line, [...(byLine.get(r.line) ?? []), r])
  for (const [lineNo, list] of byLine) {
    let line = lines[lineNo - 1]
    if (line === undefined) continue
    // Right to left, so earlier columns stay valid after each replacement.
    for (const r of [...list].sort((a, b) => b.column - a.column)) {
      let at = line.indexOf(r.from, Math.max(0, r.column - 1))
      if (at < 0) at = line.lastIndexOf(r.from)
      if (at < 0 || r.from === r.to) continue
      line = line.slice(0, at) + r.to + line.slice(at + r.from.length)
    }
    lines[lineNo - 1] = line
  }
  return lines.join('\n')
}
