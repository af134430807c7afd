import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * A content-addressed store of build outputs. Each entry is the output file
 * plus a sidecar manifest with its size and SHA-256, written last: an entry
 * whose file is missing, truncated or altered no longer matches its manifest
 * and is treated as a miss, so a corrupt or partial entry is never published.
 *
 * Hashing every entry on every run cost a no-op build of the bench course
 * 135 ms of its 500 (100 MB of PDFs and PPTX files). So, as git's index does
 * for a work tree, an entry whose hash matched gets a stamp file with the
 * size, mtime and inode it had then; while those are unchanged it is not
 * hashed again. Any write to the file changes its mtime. What a stamp cannot
 * see is bytes changed with the mtime put back, or silent disk corruption.
 */
export class BuildCache {
  /** Entries verified during this run, with the stamp they had. */
  private readonly verified = new Map<string, string>()

  constructor(readonly dir: string) {}

  private paths(key: string, ext: string) {
    const file = path.join(this.dir, key.slice(0, 2), `${key}.${ext}`)
    return { file, manifest: `${file}.json`, stampFile: `${file}.verified` }
  }

  /** The cached file's path when the entry is complete and intact, else null. */
  async get(key: string, ext: string): Promise<string | null> {
    const { file, manifest, stampFile } = this.paths(key, ext)
    try {
      const text = await readFile(manifest, 'utf8')
      const meta = JSON.parse(text) as { size: number; sha256: string }
      const info = await stat(file)
      if (info.size !== meta.size) return null
      const current = stampOf(info, meta.sha256)
      if (this.verified.get(file) === current) return file
      const stamped = await readFile(stampFile, 'utf8').catch(() => '')
      if (stamped !== current) {
        if (sha256(await readFile(file)) !== meta.sha256) return null
        await writeFile(stampFile, current).catch(() => {})
      }
      this.verified.set(file, current)
      return file
    } catch {
      return null
    }
  }

  /** Stores bytes under key; returns the path of the stored file. */
  async put(key: string, ext: string, bytes: Uint8Array): Promise<string> {
    const { file, manifest, stampFile } = this.paths(key, ext)
    this.verified.delete(file)
    await mkdir(path.dirname(file), { recursive: true })
    await rm(stampFile, { force: true })
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
    await writeFile(tmp, bytes)
    await rename(tmp, file)
    const digest = sha256(bytes)
    await writeFile(manifest, JSON.stringify({ size: bytes.byteLength, sha256: digest }))
    // The bytes were just hashed: stamp the entry so the next run need not.
    await writeFile(stampFile, stampOf(await stat(file), digest)).catch(() => {})
    return file
  }

  async getJson<T>(key: string): Promise<T | null> {
    const file = await this.get(key, 'json')
    if (!file) return null
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T
    } catch {
      return null
    }
  }

  async putJson(key: string, value: unknown): Promise<void> {
    await this.put(key, 'json', Buffer.from(JSON.stringify(value)))
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}

/** What must be unchanged for a verified entry to be trusted without hashing it again. */
function stampOf(info: { size: number; mtimeMs: number; ino: number }, digest: string): string {
  return `${info.size}:${info.mtimeMs}:${info.ino}:${digest}`
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/** A stable hash of several parts (order matters, parts cannot run into each other). */
export function hashParts(parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256')
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part
    h.update(String(bytes.byteLength)).update(':').update(bytes)
  }
  return h.digest('hex')
}

const SKIPPED_DIRS = new Set(['node_modules', 'site', 'bench-results', 'coverage'])

/**
 * The project's file and folder names (not contents), sorted: the checks look
 * at which files exist and how their names are spelled, so any added, removed
 * or renamed file changes this. Skips dependencies, outputs and dot-folders.
 */
export async function projectListing(root: string, skip: string[] = []): Promise<string> {
  const skipped = new Set([...SKIPPED_DIRS, ...skip])
  const names: string[] = []
  const walk = async (dir: string, rel: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const e of entries) {
      if (e.name.startsWith('.') || (e.isDirectory() && skipped.has(e.name) && rel === '')) continue
      const child = rel ? `${rel}/${e.name}` : e.name
      names.push(e.isDirectory() ? `${child}/` : child)
      if (e.isDirectory()) await walk(path.join(dir, e.name), child)
    }
  }
  await walk(root, '')
  return names.sort().join('\n')
}

const closures = new Map<string, Promise<string>>()

/**
 * Hash of a module of this pipeline and every module it imports from this
 * folder, followed through relative imports: a change to a rule or to the
 * parser invalidates cached results, edits to unrelated scripts do not.
 */
export function moduleClosureHash(entry: string): Promise<string> {
  let hash = closures.get(entry)
  if (!hash) {
    hash = (async () => {
      const seen = new Map<string, string>()
      const visit = async (file: string): Promise<void> => {
        if (seen.has(file)) return
        const text = await readFile(file, 'utf8').catch(() => '')
        seen.set(file, text)
        for (const m of text.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)\.js['"]/g)) await visit(path.resolve(path.dirname(file), `${m[1]}.ts`))
      }
      await visit(path.join(import.meta.dirname, entry))
      return hashParts([...seen].sort(([a], [b]) => a.localeCompare(b)).map(([f, t]) => `${path.relative(import.meta.dirname, f)}\n${t}`))
    })()
    closures.set(entry, hash)
  }
  return hash
}
