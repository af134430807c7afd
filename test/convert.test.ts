/**
 * The PPTX slide images from convertDeck, in a real browser: full size and in
 * slide order, both on the fast path (a browser launched at the PPTX scale
 * captures its own frame) and on the fallback (a 1x browser, where only a
 * scaled clip gives device pixels). One browser at a time.
 */
import path from 'node:path'
import JSZip from 'jszip'
import type { Browser } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { AssetServer } from '../scripts/asset-server.js'
import { launchBrowser } from '../scripts/browser.js'
import { convertDeck, deckJob } from '../scripts/convert.js'
import { imagePixelSize } from '../scripts/image-size.js'
import { parseDeck } from '../scripts/parse.js'
import { createMarp, renderPrintDocument } from '../scripts/render-print.js'

const COLOURS = ['#ff0000', '#00ff00', '#0000ff', '#ffff00']
const source = ['---', 'marp: true', '---', '', ...COLOURS.flatMap((c, i) => [...(i ? ['---', ''] : []), `<!-- _backgroundColor: "${c}" -->`, '', `## ${i + 1}`, ''])].join('\n')
const root = path.join(import.meta.dirname, 'fixtures', 'build-basic')
const deck = parseDeck({ path: path.join(root, 'slides', 'colours.md'), root, source })

const server = new AssetServer()
let browser: Browser | undefined
afterAll(async () => {
  await browser?.close()
  await server.close()
})

/** Slide images from the PPTX, in slide order (pptxgenjs names them image-<slide>-1.<ext>). */
async function slideImages(pptx: Uint8Array): Promise<Buffer[]> {
  const zip = await JSZip.loadAsync(pptx)
  const media = Object.keys(zip.files).filter((f) => /^ppt\/media\/image-\d+-1\.png$/.test(f))
  media.sort((a, b) => Number(/image-(\d+)/.exec(a)![1]) - Number(/image-(\d+)/.exec(b)![1]))
  return Promise.all(media.map(async (f) => Buffer.from(await zip.file(f)!.async('uint8array'))))
}

/** The colour of one pixel, decoded by the browser itself. */
async function pixel(png: Buffer, x: number, y: number): Promise<string> {
  const page = await browser!.newPage()
  try {
    return await page.evaluate(
      async ({ url, x, y }) => {
        const img = new Image()
        img.src = url
        await img.decode()
        const canvas = new OffscreenCanvas(1, 1)
        const g = canvas.getContext('2d')!
        g.drawImage(img, -x, -y)
        const [r, gr, b] = g.getImageData(0, 0, 1, 1).data
        return '#' + [r, gr, b].map((v) => v.toString(16).padStart(2, '0')).join('')
      },
      { url: `data:image/png;base64,${png.toString('base64')}`, x, y },
    )
  } finally {
    await page.close()
  }
}

describe('convertDeck: PPTX slide images', () => {
  for (const forced of [true, false]) {
    it(`${forced ? 'browser launched at the PPTX scale' : '1x browser, scaled-clip fallback'}: 1920x1080 per slide, in order`, async () => {
      if (!server.origin) await server.start()
      await browser?.close()
      browser = (await launchBrowser(undefined, forced ? { deviceScale: 1.5 } : {})).browser
      const print = renderPrintDocument(createMarp([]), source, deck)
      const out = await convertDeck(browser, server, deckJob(deck, print, { formats: ['pptx'], pptxImage: 'png', pptxScale: 1.5 }))
      expect(out.failedRequests).toEqual([])
      const images = await slideImages(out.pptx!)
      expect(images).toHaveLength(COLOURS.length)
      for (const [i, image] of images.entries()) {
        expect(imagePixelSize(image)).toEqual({ width: 1920, height: 1080 })
        // Near the bottom-left corner: background only, away from the heading.
        expect(await pixel(image, 20, 1060)).toBe(COLOURS[i])
      }
    }, 120_000)
  }

  // On the 1x browser the first slide is the reused one: the size check runs on the first slide captured.
  for (const { forced, reused } of [
    { forced: true, reused: 1 },
    { forced: false, reused: 0 },
  ]) {
    it(`slide ${reused + 1}'s image supplied through pptxReuse goes into the PPTX as it is; only the others are captured (${forced ? 'PPTX-scale' : '1x'} browser)`, async () => {
      if (!server.origin) await server.start()
      await browser?.close()
      browser = (await launchBrowser(undefined, forced ? { deviceScale: 1.5 } : {})).browser
      const print = renderPrintDocument(createMarp([]), source, deck)
      // Any distinct PNG: a one-colour image the browser draws, not a capture of the slide.
      const page = await browser.newPage({ viewport: { width: 64, height: 36 } })
      await page.setContent('<body style="margin:0;background:#ff00ff"></body>')
      const supplied = await page.screenshot({ type: 'png' })
      await page.close()
      const pptxReuse = COLOURS.map((_, i) => (i === reused ? supplied : undefined))
      const out = await convertDeck(browser, server, deckJob(deck, print, { formats: ['pptx'], pptxImage: 'png', pptxScale: 1.5, pptxReuse }))
      const others = [0, 1, 2, 3].filter((i) => i !== reused)
      expect(out.pptxCaptured?.map((c) => c.slide)).toEqual(others)
      const images = await slideImages(out.pptx!)
      expect(images).toHaveLength(COLOURS.length)
      expect(images[reused].equals(supplied)).toBe(true)
      for (const i of others) {
        expect(imagePixelSize(images[i])).toEqual({ width: 1920, height: 1080 })
        expect(await pixel(images[i], 20, 1060)).toBe(COLOURS[i])
        // What the output reports as captured is what went into the PPTX.
        expect(images[i].equals(Buffer.from(out.pptxCaptured!.find((c) => c.slide === i)!.image))).toBe(true)
      }
    }, 120_000)
  }
})
