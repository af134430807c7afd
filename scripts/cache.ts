import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * A content-addressed store of build outputs. Each entry is the output file
 * plus a sidecar manifest with its size and SHA-256, written last: an entry
 * whose file is missing, truncated or altered no longer matches its manifest
 * and is treated as a miss, so a corrupt or partial entry is never published.
 */
export class BuildCache {
  constructor(readonly dir: string) {}

  private paths(key: string, ext: string) {
    const file = path.join(this.dir, key.slice(0, 2), `${key}.${ext}`)
    return { file, manifest: `${file}.json` }
  }

  /** The cached file's path when the entry is complete and intact, else null. */
  async get(key: string, ext: string): Promise<string | null> {
    const { file, manifest } = this.paths(key, ext)
    try {
      const meta = JSON.parse(await readFile(manifest, 'utf8')) as { size: number; sha256: string }
      const info = await stat(file)
      if (info.size !== meta.size) return null
      if (sha256(await readFile(file)) !== meta.sha256) return null
      return file
    } catch {
      return null
    }
  }

  /** Stores bytes under key; returns the path of the stored file. */
  async put(key: string, ext: string, bytes: Uint8Array): Promise<string> {
    const { file, manifest } = this.paths(key, ext)
    await mkdir(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`
    await writeFile(tmp, bytes)
    await rename(tmp, file)
    await writeFile(manifest, JSON.stringify({ size: bytes.byteLength, sha256: sha256(bytes) }))
    return file
  }

  async clear(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
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
