/**
 * A hint for a path that does not exist: the same path from the project
 * root (a deck in slides/ that wrote `images/x.png` for `../images/x.png`),
 * or a near name in the folder (another extension, a typo).
 */
import path from 'node:path'
import type { CheckContext } from '../check.js'
import { closest } from '../suggest.js'
import { diskIndex, relativeUrl } from './asset-refs.js'

export function missingHint(url: string, file: string, baseFile: string, ctx: CheckContext): string {
  const index = diskIndex(ctx)
  const bare = safeDecode(url.trim().replace(/[?#].*$/s, ''))
  const fromRoot = path.resolve(ctx.root, bare.replace(/^(\.{1,2}\/)+/, '').replace(/^\/+/, ''))
  const rootRel = path.relative(ctx.root, fromRoot).split(path.sep).join('/')
  if (fromRoot !== file && !rootRel.startsWith('..') && index.lookup(ctx.root, rootRel).status === 'found') {
    return `; ${rootRel} exists: write ${relativeUrl(baseFile, fromRoot)}`
  }
  const wanted = path.basename(file)
  const stem = wanted.replace(/\.[^.]+$/, '').toLowerCase()
  for (const folder of new Set([path.dirname(file), path.dirname(fromRoot)])) {
    const entries = index.list(folder)
    if (!entries || entries.length === 0) continue
    const sameStem = entries.find((e) => e.replace(/\.[^.]+$/, '').toLowerCase() === stem)
    const near = sameStem ?? closest(wanted, entries)
    if (near) return `; did you mean ${relativeUrl(baseFile, path.join(folder, near))}?`
  }
  return ''
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
