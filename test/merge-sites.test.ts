import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MergeError, mergeSites } from '../scripts/merge-sites.js'
import type { SiteDeck, SiteManifest } from '../scripts/site-manifest.js'
import { REPO } from './helpers/project.js'

const deck = (name: string): SiteDeck => ({
  name,
  title: `Title of ${name}`,
  subtitle: '',
  description: '',
  lang: 'en',
  slides: 2,
  files: { html: { path: `${name}.html`, bytes: 5 } },
})

/** A shard's output as `build --shard` leaves it: files plus decks.json and an index that lists only its decks. */
async function shard(dir: string, decks: string[], extra: Record<string, string> = {}, title = 'Course'): Promise<void> {
  await mkdir(path.join(dir, 'images'), { recursive: true })
  const manifest: SiteManifest = { title, description: 'd', decks: decks.map(deck) }
  await writeFile(path.join(dir, 'decks.json'), JSON.stringify(manifest))
  await writeFile(path.join(dir, 'index.html'), `<p>only ${decks.join(',')}</p>`)
  for (const name of decks) await writeFile(path.join(dir, `${name}.html`), `<h1>${name}</h1>`)
  for (const [file, text] of Object.entries(extra)) await writeFile(path.join(dir, file), text)
}

describe('mergeSites', () => {
  let tmp = ''
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'dsi-merge-'))
  })
  afterEach(() => rm(tmp, { recursive: true, force: true }))
  const at = (p: string) => path.join(tmp, p)

  it('copies every shard file, merges the manifests in name order and lists every deck in the index', async () => {
    await shard(at('s1'), ['01_a', '03_c'], { 'images/shared.svg': '<svg/>' })
    await shard(at('s2'), ['02_b'], { 'images/shared.svg': '<svg/>', 'images/only-b.png': 'png' })
    const result = await mergeSites({ inputs: [at('s1'), at('s2')], outDir: at('site'), root: REPO })
    expect(result.decks).toBe(3)
    const files = (await readdir(at('site'), { recursive: true })).map(String)
    expect(files).toEqual(expect.arrayContaining(['01_a.html', '02_b.html', '03_c.html', 'images/shared.svg', 'images/only-b.png', '.nojekyll']))
    const manifest = JSON.parse(await readFile(at('site/decks.json'), 'utf8')) as SiteManifest
    expect(manifest.decks.map((d) => d.name)).toEqual(['01_a', '02_b', '03_c'])
    expect(manifest.title).toBe('Course')
    const index = await readFile(at('site/index.html'), 'utf8')
    for (const name of ['01_a', '02_b', '03_c']) expect(index).toContain(`Title of ${name}`)
    expect(index).not.toContain('only ')
  })

  it('gives the same site whatever order the shards are named in', async () => {
    await shard(at('s1'), ['01_a'])
    await shard(at('s2'), ['02_b'])
    await mergeSites({ inputs: [at('s1'), at('s2')], outDir: at('x'), root: REPO })
    await mergeSites({ inputs: [at('s2'), at('s1')], outDir: at('y'), root: REPO })
    expect(await readFile(at('x/index.html'), 'utf8')).toBe(await readFile(at('y/index.html'), 'utf8'))
    expect(await readFile(at('x/decks.json'), 'utf8')).toBe(await readFile(at('y/decks.json'), 'utf8'))
  })

  it('refuses a file two shards have with different bytes, and leaves the old site alone', async () => {
    await shard(at('s1'), ['01_a'], { 'images/shared.svg': '<svg>one</svg>' })
    await shard(at('s2'), ['02_b'], { 'images/shared.svg': '<svg>two</svg>' })
    await mkdir(at('site'))
    await writeFile(at('site/keep.txt'), 'old site')
    await expect(mergeSites({ inputs: [at('s1'), at('s2')], outDir: at('site'), root: REPO })).rejects.toThrow(
      /images\/shared\.svg differs/,
    )
    expect(await readdir(at('site'))).toEqual(['keep.txt'])
  })

  it('refuses a folder that is not a built site', async () => {
    await shard(at('s1'), ['01_a'])
    await mkdir(at('empty'))
    await expect(mergeSites({ inputs: [at('s1'), at('empty')], outDir: at('site'), root: REPO })).rejects.toBeInstanceOf(MergeError)
  })

  it('refuses shards built with different course titles', async () => {
    await shard(at('s1'), ['01_a'], {}, 'Course A')
    await shard(at('s2'), ['02_b'], {}, 'Course B')
    await expect(mergeSites({ inputs: [at('s1'), at('s2')], outDir: at('site'), root: REPO })).rejects.toThrow(/disagree/)
  })
})
