/**
 * Resolves a URL written in a deck or a theme to a file in the project, the
 * way a browser serving the project folder would, and looks it up on disk
 * with exact letter case (a Mac finds `Figure.PNG` for `figure.png`; Linux
 * and GitHub Pages do not).
 */
import { readdirSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type UrlKind = 'local' | 'remote' | 'data' | 'other'

export function urlKind(url: string): UrlKind {
  const u = url.trim()
  if (/^file:/i.test(u)) return 'local' // a file on this machine: never part of the site
  if (/^(https?:)?\/\//i.test(u)) return 'remote'
  if (/^data:/i.test(u)) return 'data'
  if (/^#/.test(u) || /^[a-z][a-z0-9+.-]*:/i.test(u)) return /^[a-z]:[\\/]/i.test(u) ? 'local' : 'other'
  return 'local'
}

export type Resolved =
  | { ok: true; file: string; relPath: string; outside: boolean }
  | { ok: false; problem: string }

/** `url` as written, resolved against the folder of `baseFile`. */
export function resolveLocal(url: string, baseFile: string, root: string): Resolved {
  const bare = url.trim().replace(/[?#].*$/s, '')
  if (!bare) return { ok: false, problem: 'the path is empty' }
  let decoded: string
  try {
    decoded = /^file:/i.test(bare) ? fileURLToPath(bare) : decodeURIComponent(bare)
  } catch {
    return { ok: false, problem: `"${url}" is not a valid URL: a "%" must start an escape such as %20` }
  }
  if (decoded.includes('\\')) return { ok: false, problem: `"${url}" uses "\\" as a path separator: use "/" (browsers and Linux do not read "\\")` }
  const file = path.resolve(path.dirname(baseFile), decoded)
  const rel = path.relative(root, file)
  const outside = rel === '' ? false : rel.startsWith('..') || path.isAbsolute(rel)
  // A symlink inside the project may lead anywhere: what counts is where it really goes.
  // Installed packages are exempt: package managers (and test projects) link node_modules.
  if (!outside && rel.split(path.sep)[0] !== 'node_modules') {
    const real = realTarget(file)
    const realRel = real === null ? '' : path.relative(realTarget(root) ?? root, real)
    if (real !== null && (realRel.startsWith('..') || path.isAbsolute(realRel))) return { ok: true, file: real, relPath: rel.split(path.sep).join('/'), outside: true }
  }
  return { ok: true, file, relPath: rel.split(path.sep).join('/'), outside }
}

function realTarget(file: string): string | null {
  try {
    return realpathSync(file)
  } catch {
    return null // missing: image-missing reports it
  }
}

export type Lookup =
  | { status: 'found' }
  | { status: 'case-mismatch'; actual: string }
  | { status: 'missing'; deepestFolder: string }

/** Folder listings cached for one check run (decks share image folders). */
export class DiskIndex {
  private readonly listings = new Map<string, string[] | null>()

  list(dir: string): string[] | null {
    let entries = this.listings.get(dir)
    if (entries === undefined) {
      try {
        entries = readdirSync(dir)
      } catch {
        entries = null
      }
      this.listings.set(dir, entries)
    }
    return entries
  }

  /** Looks up a project-relative path segment by segment, with exact case. */
  lookup(root: string, relPath: string): Lookup {
    const segments = relPath.split('/').filter(Boolean)
    let dir = root
    const actual: string[] = []
    let mismatch = false
    for (const segment of segments) {
      const entries = this.list(dir)
      if (!entries) return { status: 'missing', deepestFolder: path.relative(root, dir).split(path.sep).join('/') }
      let name = entries.includes(segment) ? segment : undefined
      if (!name) {
        name = entries.find((e) => e.toLowerCase() === segment.toLowerCase())
        if (!name) return { status: 'missing', deepestFolder: path.relative(root, dir).split(path.sep).join('/') }
        mismatch = true
      }
      actual.push(name)
      dir = path.join(dir, name)
    }
    return mismatch ? { status: 'case-mismatch', actual: actual.join('/') } : { status: 'found' }
  }
}
