import type { Browser, Page } from 'playwright-core'
import type { AssetServer } from './asset-server.js'
import { isolatedContext } from './browser.js'
import { imagePixelSize, type PixelSize } from './image-size.js'
import { finishPdf, type OutlineItem, type PdfMeta } from './pdf-metadata.js'
import { writePptx } from './pptx-writer.js'
import type { Deck } from './deck.js'
import type { PrintDocument } from './render-print.js'

export type BrowserFormat = 'pdf' | 'pptx' | 'thumbnail'

export interface ConvertJob {
  name: string
  print: PrintDocument
  width: number
  height: number
  formats: BrowserFormat[]
  meta: PdfMeta
  outline: OutlineItem[]
  /** Encoding of the PPTX slide images. */
  pptxImage: 'png' | 'jpeg'
  /** Device pixels per CSS pixel of the PPTX slide images. */
  pptxScale: number
  /**
   * Runs on the loaded page before anything is printed: rendered checks
   * (overflow, contrast) reuse the page instead of loading the deck again.
   */
  inspect?: (page: Page) => Promise<void>
}

/**
 * The conversion job for a deck: its print document, size, metadata and
 * heading outline. Build, `check --render` and the benchmarks all start here.
 */
export function deckJob(
  deck: Deck,
  print: PrintDocument,
  options: Pick<ConvertJob, 'formats' | 'pptxImage' | 'pptxScale' | 'inspect'>,
): ConvertJob {
  return {
    name: deck.name,
    print,
    width: deck.width,
    height: deck.height,
    meta: { title: deck.title, author: deck.author, description: deck.description, lang: deck.lang, keywords: [] },
    outline: deck.slides
      .filter((s) => s.title && s.titleLevel > 0)
      .map((s) => ({ title: s.title, level: s.titleLevel, page: s.index })),
    ...options,
  }
}

export interface ConvertOutput {
  pdf?: Uint8Array
  pptx?: Uint8Array
  /** JPEG of the first slide at CSS size, for the course index. */
  thumbnail?: Uint8Array
  /** Requests the page made that failed (missing assets): reported, not fatal. */
  failedRequests: string[]
}

const JPEG_QUALITY = 90

/**
 * Converts one deck with one page: load the print document once, print the
 * PDF, then screenshot each slide for the PPTX and the thumbnail. Loading is
 * most of the cost, so the formats share it.
 */
export async function convertDeck(browser: Browser, server: AssetServer, job: ConvertJob): Promise<ConvertOutput> {
  const context = await isolatedContext(browser, server.origin, {
    width: job.width,
    height: job.height,
    scale: job.formats.includes('pptx') ? job.pptxScale : 1,
  })
  // At the server root, like the published HTML, so the rewritten relative URLs resolve the same way.
  const urlPath = `/${encodeURIComponent(job.name)}.print.html`
  const url = server.addPage(urlPath, job.print.html)
  const failedRequests: string[] = []
  try {
    const page = await context.newPage()
    page.on('requestfailed', (r) => failedRequests.push(r.url()))
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(r.url())
    })
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    await settle(page)
    if (job.inspect) await job.inspect(page)
    const out: ConvertOutput = { failedRequests }
    if (job.formats.includes('pdf')) {
      const raw = await page.pdf({ preferCSSPageSize: true, printBackground: true })
      out.pdf = await finishPdf(raw, job.meta, job.outline)
    }
    if (job.formats.includes('pptx')) {
      const shots = await screenshotSlides(page, job, job.print.slideCount)
      out.pptx = await writePptx(
        shots.map((image, i) => ({ image, imageType: job.pptxImage, notes: (job.print.notes[i] ?? []).join('\n\n') })),
        { ...job.meta, width: job.width, height: job.height },
      )
    }
    if (job.formats.includes('thumbnail')) {
      out.thumbnail = await page.screenshot({
        type: 'jpeg',
        quality: 80,
        scale: 'css',
        clip: { x: 0, y: 0, width: job.width, height: job.height },
      })
    }
    return out
  } finally {
    server.removePage(urlPath)
    await context.close().catch(() => {})
  }
}

/** Waits until web fonts and images are ready, so nothing prints in a fallback font. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await document.fonts.ready
    await Promise.all(
      Array.from(document.images).map((img) =>
        img.complete ? undefined : new Promise((resolve) => img.addEventListener('loadend', resolve, { once: true })),
      ),
    )
  })
}

/**
 * Slide i sits at y = i * height and is scrolled into the viewport, then
 * captured through CDP (Playwright's page.screenshot measures the page and
 * injects styles on every call).
 *
 * Fast path: in a browser launched with the PPTX scale forced
 * (launchBrowser's deviceScale), a plain capture of the viewport is already
 * full size: 94 ms and 105 ms of CPU a slide on the 45-slide bench deck at
 * 1.5x. Otherwise headless Chromium composites at 1x and only a clip with a
 * scale gives device pixels, re-rasterising the page each time: 142 ms and
 * 188 ms of CPU. The first capture's pixel size says which browser this is.
 */
async function screenshotSlides(page: Page, job: ConvertJob, count: number): Promise<Uint8Array[]> {
  const scale = job.pptxScale
  const want = { width: Math.round(job.width * scale), height: Math.round(job.height * scale) }
  const cdp = await page.context().newCDPSession(page)
  const shots: Uint8Array[] = []
  const encoding = { format: job.pptxImage, ...(job.pptxImage === 'jpeg' ? { quality: JPEG_QUALITY } : {}) }
  let clipped = false
  try {
    for (let i = 0; i < count; i++) {
      const y = i * job.height
      await page.evaluate((top) => window.scrollTo(0, top), y)
      const clip = clipped ? { clip: { x: 0, y, width: job.width, height: job.height, scale } } : {}
      let shot = Buffer.from((await cdp.send('Page.captureScreenshot', { ...encoding, ...clip })).data, 'base64')
      if (i === 0 && !clipped && !sameSize(imagePixelSize(shot), want)) {
        clipped = true
        const retry = await cdp.send('Page.captureScreenshot', { ...encoding, clip: { x: 0, y, width: job.width, height: job.height, scale } })
        shot = Buffer.from(retry.data, 'base64')
      }
      shots.push(shot)
    }
  } finally {
    await cdp.detach().catch(() => {})
    // The thumbnail is taken next, from the top.
    await page.evaluate(() => window.scrollTo(0, 0))
  }
  return shots
}

function sameSize(a: PixelSize | undefined, b: PixelSize): boolean {
  return a !== undefined && a.width === b.width && a.height === b.height
}
