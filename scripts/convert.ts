import type { Browser, Page } from 'playwright-core'
import type { AssetServer } from './asset-server.js'
import { isolatedContext } from './browser.js'
import { finishPdf, type OutlineItem, type PdfMeta } from './pdf-metadata.js'
import { writePptx } from './pptx-writer.js'
import { screenshotSlides } from './slide-screenshots.js'
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
  /** PPTX slide images already known (the per-slide cache), by slide index: only the others are captured. */
  pptxReuse?: (Uint8Array | undefined)[]
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
  options: Pick<ConvertJob, 'formats' | 'pptxImage' | 'pptxScale' | 'pptxReuse' | 'inspect'>,
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
  /** The PPTX slide images captured by this conversion (not reused), for the per-slide cache. */
  pptxCaptured?: { slide: number; image: Uint8Array }[]
  /** JPEG of the first slide at CSS size, for the course index. */
  thumbnail?: Uint8Array
  /** Requests the page made that failed (missing assets): reported, not fatal. */
  failedRequests: string[]
}

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
      const { images, captured } = await screenshotSlides(page, {
        width: job.width,
        height: job.height,
        scale: job.pptxScale,
        type: job.pptxImage,
        count: job.print.slideCount,
        reuse: job.pptxReuse,
      })
      out.pptxCaptured = captured.map((slide) => ({ slide, image: images[slide] }))
      out.pptx = await writePptx(
        images.map((image, i) => ({ image, imageType: job.pptxImage, notes: (job.print.notes[i] ?? []).join('\n\n') })),
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
