import { appendFile, mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../scripts/build.js'
import { BuildCache } from '../scripts/cache.js'
import { tempProject, testBuildOptions } from './helpers/project.js'

describe('BuildCache', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dsi-cache-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const KEY = 'ab'.repeat(32)
  const BYTES = new TextEncoder().encode('%PDF-1.7 the whole document')

  it('returns a stored entry', async () => {
    const cache = new BuildCache(dir)
    const file = await cache.put(KEY, 'pdf', BYTES)
    expect(await cache.get(KEY, 'pdf')).toBe(file)
    expect(new Uint8Array(await readFile(file))).toEqual(BYTES)
  })

  it('misses on a key or extension it never stored', async () => {
    const cache = new BuildCache(dir)
    expect(await cache.get('cd'.repeat(32), 'pdf')).toBeNull()
    expect(await cache.get(KEY, 'pptx')).toBeNull()
  })

  it('treats a truncated file as a miss', async () => {
    const cache = new BuildCache(dir)
    const file = await cache.put(KEY, 'pdf', BYTES)
    await truncate(file, 5)
    expect(await cache.get(KEY, 'pdf')).toBeNull()
  })

  it('treats altered bytes of the same size as a miss', async () => {
    const cache = new BuildCache(dir)
    const file = await cache.put(KEY, 'pdf', BYTES)
    await writeFile(file, Buffer.from(BYTES).reverse())
    expect(await cache.get(KEY, 'pdf')).toBeNull()
  })

  it('notices corruption after an earlier read in the same run', async () => {
    const cache = new BuildCache(dir)
    const file = await cache.put(KEY, 'pdf', BYTES)
    expect(await cache.get(KEY, 'pdf')).toBe(file)
    await writeFile(file, Buffer.from(BYTES).reverse())
    expect(await cache.get(KEY, 'pdf')).toBeNull()
  })

  it('a later run notices bytes altered since the entry was verified', async () => {
    const file = await new BuildCache(dir).put(KEY, 'pdf', BYTES)
    expect(await new BuildCache(dir).get(KEY, 'pdf')).toBe(file)
    await writeFile(file, Buffer.from(BYTES).reverse())
    expect(await new BuildCache(dir).get(KEY, 'pdf')).toBeNull()
  })

  it('a later run trusts a verified entry whose size, mtime and inode are unchanged, without hashing it', async () => {
    const file = await new BuildCache(dir).put(KEY, 'pdf', BYTES)
    // A whole-second mtime, so it can be put back exactly; this run hashes and re-stamps the entry.
    await utimes(file, 1_700_000_000, 1_700_000_000)
    expect(await new BuildCache(dir).get(KEY, 'pdf')).toBe(file)
    // Same size, same inode, mtime put back: only a stamp-based check is fooled by this,
    // which shows the later run relied on the stamp rather than hashing the file again.
    await writeFile(file, Buffer.from(BYTES).reverse())
    await utimes(file, 1_700_000_000, 1_700_000_000)
    expect(await new BuildCache(dir).get(KEY, 'pdf')).toBe(file)
    // Without the stamp the bytes are hashed and the alteration is caught.
    await rm(`${file}.verified`)
    expect(await new BuildCache(dir).get(KEY, 'pdf')).toBeNull()
  })

  it('treats an entry without its manifest (a write cut short) as a miss', async () => {
    const cache = new BuildCache(dir)
    const file = await cache.put(KEY, 'pdf', BYTES)
    await rm(`${file}.json`)
    expect(await cache.get(KEY, 'pdf')).toBeNull()
  })

  it('treats a garbled manifest as a miss', async () => {
    const cache = new BuildCache(dir)
    const file = await cache.put(KEY, 'pdf', BYTES)
    await appendFile(`${file}.json`, '}{')
    expect(await cache.get(KEY, 'pdf')).toBeNull()
  })
})

/** HTML-only builds: the cache logic is the same for every format and needs no browser. */
describe('build cache: corrupt entries and key inputs', () => {
  let root = ''
  let cleanup = async () => {}
  const site = () => path.join(root, 'site')
  const options = () => testBuildOptions(root)
  const htmlEntries = async () => {
    const files = await readdir(path.join(root, '.cache/build'), { recursive: true })
    return files.map(String).filter((f) => f.endsWith('.html')).sort()
  }

  beforeAll(async () => {
    ;({ root, cleanup } = await tempProject('build-basic'))
  })
  afterAll(() => cleanup())

  it('rebuilds a truncated entry and never publishes it', async () => {
    const first = await build(options())
    expect(first.exitCode).toBe(0)
    const good = await readFile(path.join(site(), 'intro.html'), 'utf8')
    const [entry] = await htmlEntries()
    // The site hard-links cache files: read first, then corrupt the cache copy only.
    await rm(path.join(site(), 'intro.html'))
    await truncate(path.join(root, '.cache/build', entry), 100)

    const again = await build(options())
    expect(again.exitCode).toBe(0)
    expect(again.decks[0].files[0].cached).toBe(false)
    expect(await readFile(path.join(site(), 'intro.html'), 'utf8')).toBe(good)
    expect((await readFile(path.join(root, '.cache/build', entry))).byteLength).toBe(Buffer.byteLength(good))
  }, 120_000)

  it('reuses the entry when nothing changed', async () => {
    const again = await build(options())
    expect(again.decks[0].files[0].cached).toBe(true)
  }, 120_000)

  it('makes a new entry when an image the deck uses changes', async () => {
    const before = await htmlEntries()
    await appendFile(path.join(root, 'images/square.svg'), '\n<!-- edited -->\n')
    const again = await build(options())
    expect(again.decks[0].files[0].cached).toBe(false)
    expect((await htmlEntries()).length).toBe(before.length + 1)
  }, 120_000)

  it('makes a new entry when the theme changes', async () => {
    const before = await htmlEntries()
    const theme = (await readdir(path.join(root, 'themes'))).find((f) => f.endsWith('.css'))!
    await appendFile(path.join(root, 'themes', theme), '\n/* a theme edit */\nsection { letter-spacing: 0; }\n')
    const again = await build(options())
    expect(again.decks[0].files[0].cached).toBe(false)
    expect((await htmlEntries()).length).toBe(before.length + 1)
  }, 120_000)

  it('makes a new entry when a format option changes', async () => {
    const { formatKey } = await import('../scripts/build-plan.js')
    const plan = { baseKey: 'k' } as Parameters<typeof formatKey>[0]
    expect(formatKey(plan, 'pptx', { image: 'jpeg', scale: 1.5 })).not.toBe(formatKey(plan, 'pptx', { image: 'png', scale: 1.5 }))
    expect(formatKey(plan, 'pptx', { image: 'jpeg', scale: 1.5 })).not.toBe(formatKey(plan, 'pptx', { image: 'jpeg', scale: 2 }))
    expect(formatKey(plan, 'pdf', {})).toBe(formatKey(plan, 'pdf', {}))
  })
})
