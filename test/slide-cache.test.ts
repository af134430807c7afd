/**
 * The per-slide cache of PPTX images, through build(): an edit to one slide
 * re-captures that slide only, and the other slides' images are the bytes of
 * the first build; an image the deck uses, or a damaged cache entry, makes the
 * slides captured again. One build at a time (one browser).
 */
import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type DeckResult } from '../scripts/build.js'
import { tempProject, testBuildOptions } from './helpers/project.js'

const options = (root: string) => testBuildOptions(root, { formats: ['pptx'] })

/** Slide images of the published PPTX, in slide order. */
async function pptxImages(root: string): Promise<Buffer[]> {
  const zip = await JSZip.loadAsync(await readFile(path.join(root, 'site', 'intro.pptx')))
  const media = Object.keys(zip.files).filter((f) => /^ppt\/media\/image-\d+-1\.jpeg$/.test(f))
  media.sort((a, b) => Number(/image-(\d+)/.exec(a)![1]) - Number(/image-(\d+)/.exec(b)![1]))
  return Promise.all(media.map(async (f) => Buffer.from(await zip.file(f)!.async('uint8array'))))
}

/** Files of the cache, recursively. */
async function cacheFiles(root: string): Promise<string[]> {
  const dir = path.join(root, '.cache', 'build')
  const entries = await readdir(dir, { recursive: true })
  return entries.map((e) => path.join(dir, e))
}

describe('build: PPTX slide images cached per slide', () => {
  let root = ''
  let cleanup = async () => {}
  const deckFile = () => path.join(root, 'slides', 'intro.md')
  const buildDeck = async (): Promise<{ deck: DeckResult; images: Buffer[] }> => {
    const result = await build(options(root))
    expect(result.failures).toEqual([])
    expect(result.exitCode).toBe(0)
    return { deck: result.decks.find((d) => d.name === 'intro')!, images: await pptxImages(root) }
  }
  let first: Buffer[] = []

  beforeAll(async () => {
    ;({ root, cleanup } = await tempProject('build-basic'))
  })
  afterAll(() => cleanup())

  it('a cold build captures every slide', async () => {
    const { deck, images } = await buildDeck()
    expect(deck).toMatchObject({ slidesCaptured: 3, slidesReused: 0 })
    expect(images).toHaveLength(3)
    first = images
  }, 120_000)

  it("editing slide 3's text captures slide 3 only; slides 1 and 2 are the first build's bytes", async () => {
    const source = await readFile(deckFile(), 'utf8')
    await writeFile(deckFile(), source.replace('Some text on the last slide.', 'Some revised text on the last slide.'))
    const { deck, images } = await buildDeck()
    expect(deck).toMatchObject({ slidesCaptured: 1, slidesReused: 2 })
    expect(images).toHaveLength(3)
    expect(images[0].equals(first[0])).toBe(true)
    expect(images[1].equals(first[1])).toBe(true)
    expect(images[2].equals(first[2])).toBe(false)
  }, 120_000)

  it('a damaged slide image in the cache is a miss: that slide is captured again', async () => {
    const slideEntries = (await cacheFiles(root)).filter((f) => f.endsWith('.jpeg'))
    expect(slideEntries.length).toBeGreaterThanOrEqual(4) // three slides, and the edited one's earlier version
    for (const file of slideEntries) {
      const bytes = await readFile(file)
      bytes[bytes.length - 3] ^= 0xff // same size, different hash
      await writeFile(file, bytes)
    }
    const source = await readFile(deckFile(), 'utf8')
    await writeFile(deckFile(), source.replace('Some revised text', 'Some text, revised twice,'))
    const { deck, images } = await buildDeck()
    expect(deck).toMatchObject({ slidesCaptured: 3, slidesReused: 0 })
    // Never a damaged image in the PPTX: the same picture as the first build.
    expect(images[0].equals(first[0])).toBe(true)
  }, 120_000)

  it('a changed image the deck uses re-captures its slides, though the markdown is the same', async () => {
    const svg = path.join(root, 'images', 'square.svg')
    await writeFile(svg, (await readFile(svg, 'utf8')).replace('#DCE9F5', '#F5E9DC'))
    const { deck, images } = await buildDeck()
    expect(deck.slidesCaptured).toBe(3)
    expect(images[1].equals(first[1])).toBe(false)
  }, 120_000)
})
