import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, shardOf, type BuildOptions } from '../scripts/build.js'
import { mergeSites } from '../scripts/merge-sites.js'
import { tempProject, testBuildOptions } from './helpers/project.js'

/**
 * `--shard 1/2` + `--shard 2/2` merged must give the site one build gives.
 * Two projects, so neither build can reuse the other's cache entries.
 */
describe('shards: two shard builds merged equal one full build', () => {
  const projects: { root: string; cleanup: () => Promise<void> }[] = []
  let sharded = ''
  let full = ''

  const options = (root: string, outDir: string, shard?: BuildOptions['shard']) =>
    testBuildOptions(root, { outDir, formats: ['html', 'pdf', 'pptx'], shard })

  beforeAll(async () => {
    projects.push(await tempProject('shard-course'), await tempProject('shard-course'))
    const [a, b] = projects
    const one = await build(options(a.root, path.join(a.root, 'shard-1'), { index: 1, count: 2 }))
    const two = await build(options(a.root, path.join(a.root, 'shard-2'), { index: 2, count: 2 }))
    expect([one.exitCode, two.exitCode, one.failures, two.failures]).toEqual([0, 0, [], []])
    expect(one.decks.map((d) => d.name)).toEqual(['01_part', '03_part'])
    expect(two.decks.map((d) => d.name)).toEqual(['02_part'])
    sharded = path.join(a.root, 'merged')
    await mergeSites({ inputs: [path.join(a.root, 'shard-1'), path.join(a.root, 'shard-2')], outDir: sharded, root: a.root })
    full = path.join(b.root, 'site')
    const whole = await build(options(b.root, full))
    expect(whole.exitCode).toBe(0)
  }, 300_000)
  afterAll(async () => {
    for (const p of projects) await p.cleanup()
  })

  it('has the same file list', async () => {
    const files = await list(sharded)
    expect(files).toEqual(await list(full))
    expect(files).toEqual(expect.arrayContaining(['01_part.pdf', '02_part.pptx', '03_part.html', 'index.html', 'decks.json', 'images/dot.svg']))
  })

  it('has identical HTML, images and thumbnails', async () => {
    const exact = (await list(full)).filter((f) => !/\.(pdf|pptx)$/.test(f) && f !== 'decks.json')
    expect(exact).toEqual(expect.arrayContaining(['index.html', '02_part.html', 'thumbnails/01_part.jpg']))
    for (const file of exact) expect(await readFile(path.join(sharded, file)), file).toEqual(await readFile(path.join(full, file)))
  })

  it('has the same manifest, file sizes included', async () => {
    const [x, y] = await Promise.all([readFile(path.join(sharded, 'decks.json'), 'utf8'), readFile(path.join(full, 'decks.json'), 'utf8')])
    expect(JSON.parse(x)).toEqual(JSON.parse(y))
  })

  it('has identical PDFs (they carry no dates)', async () => {
    for (const file of (await list(full)).filter((f) => f.endsWith('.pdf'))) {
      const [x, y] = await Promise.all([readFile(path.join(sharded, file)), readFile(path.join(full, file))])
      expect(x.equals(y), file).toBe(true)
    }
  })

  it('has PPTX parts that differ at most in their timestamps', async () => {
    for (const file of (await list(full)).filter((f) => f.endsWith('.pptx'))) {
      const [x, y] = await Promise.all([pptxParts(path.join(sharded, file)), pptxParts(path.join(full, file))])
      expect(Object.keys(x), file).toEqual(Object.keys(y))
      for (const part of Object.keys(x)) expect(x[part], `${file}:${part}`).toEqual(y[part])
    }
  })
})

describe('shardOf', () => {
  it('deals items round-robin, each to exactly one shard, in order', () => {
    const items = ['a', 'b', 'c', 'd', 'e']
    const slices = [1, 2, 3].map((index) => shardOf(items, { index, count: 3 }))
    expect(slices).toEqual([['a', 'd'], ['b', 'e'], ['c']])
    expect(shardOf(items, { index: 1, count: 1 })).toEqual(items)
    expect(shardOf(items, { index: 7, count: 7 })).toEqual([])
  })
})

async function list(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort()
}

/** Every part of a PPTX, with docProps/core.xml's created/modified dates blanked. */
async function pptxParts(file: string): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(await readFile(file))
  const parts: Record<string, string> = {}
  for (const name of Object.keys(zip.files).sort()) {
    if (zip.files[name].dir) continue
    let text = await zip.files[name].async('base64')
    if (name === 'docProps/core.xml')
      text = (await zip.files[name].async('string')).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, '$1')
    parts[name] = text
  }
  return parts
}
