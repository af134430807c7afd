import { randomBytes } from 'node:crypto'
import { cp, link, mkdir, readFile, readdir, rename, rm, writeFile, copyFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { embedSvgFonts } from './svg-fonts.js'

/**
 * Builds the new site in a hidden sibling folder and swaps it in only when
 * everything succeeded: a failed or interrupted build leaves the previous
 * site exactly as it was.
 */
export class SiteStaging {
  readonly dir: string
  private done = false

  private constructor(
    readonly outDir: string,
    dir: string,
  ) {
    this.dir = dir
  }

  /** Starts empty, or (for a partial build) from a copy of the current site. */
  static async create(outDir: string, startFromCurrent: boolean): Promise<SiteStaging> {
    const dir = path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
    await mkdir(path.dirname(outDir), { recursive: true })
    await removeLeftovers(outDir)
    try {
      if (startFromCurrent && (await exists(outDir))) await cp(outDir, dir, { recursive: true, preserveTimestamps: true })
      else await mkdir(dir) // not recursive: a recursive mkdir reports a read-only disk as ENOENT
    } catch (error) {
      // A half-made copy (a full disk) must not stay behind.
      await rm(dir, { recursive: true, force: true }).catch(() => {})
      throw error
    }
    return new SiteStaging(outDir, dir)
  }

  path(sitePath: string): string {
    const file = path.join(this.dir, ...sitePath.split('/'))
    if (path.relative(this.dir, file).startsWith('..')) throw new Error(`refusing to write outside the site: ${sitePath}`)
    return file
  }

  async write(sitePath: string, data: string | Uint8Array): Promise<void> {
    const file = this.path(sitePath)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, data)
  }

  /** Places a cached output in the site: a hard link when possible (instant, no copy), else a copy. */
  async placeFile(sitePath: string, from: string): Promise<void> {
    const file = this.path(sitePath)
    await mkdir(path.dirname(file), { recursive: true })
    await rm(file, { force: true })
    try {
      await link(from, file)
    } catch {
      await copyFile(from, file)
    }
  }

  /** Copies a deck asset; SVGs get the theme fonts they name embedded. */
  async copyAsset(sitePath: string, from: string): Promise<void> {
    await stat(from) // a missing asset fails here, before any folder is made for it
    if (from.toLowerCase().endsWith('.svg')) {
      await this.write(sitePath, await embedSvgFonts(await readFile(from, 'utf8')))
    } else {
      const file = this.path(sitePath)
      await mkdir(path.dirname(file), { recursive: true })
      await copyFile(from, file)
    }
  }

  /** Swaps the staged site in: old site out of the way, new one in, old one removed. */
  async commit(): Promise<void> {
    const old = `${this.dir}.old`
    const hadSite = await exists(this.outDir)
    if (hadSite) await rename(this.outDir, old)
    try {
      await rename(this.dir, this.outDir)
    } catch (error) {
      if (hadSite) await rename(old, this.outDir)
      throw error
    }
    this.done = true
    if (hadSite) await rm(old, { recursive: true, force: true })
  }

  /** Removes the staging folder; the current site is untouched. */
  async abandon(): Promise<void> {
    if (!this.done) await rm(this.dir, { recursive: true, force: true })
  }
}

/**
 * Temp folders of builds that were killed outright (SIGKILL, power loss) and
 * could not clean up: their process is gone, so nothing will ever use them.
 */
async function removeLeftovers(outDir: string): Promise<void> {
  const prefix = `.${path.basename(outDir)}.tmp-`
  const names = await readdir(path.dirname(outDir)).catch(() => [] as string[])
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1])
    if (!name.startsWith(prefix) || !Number.isInteger(pid) || isAlive(pid)) continue
    await rm(path.join(path.dirname(outDir), name), { recursive: true, force: true }).catch(() => {})
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p)
    return true
  } catch {
    return false
  }
}
