import type { Page } from 'playwright-core'
import { imagePixelSize, type PixelSize } from './image-size.js'

/** Quality of the PPTX slide JPEGs (part of the per-slide cache key: a change re-captures every slide). */
export const PPTX_JPEG_QUALITY = 90

export interface SlideShotOptions {
  width: number
  height: number
  /** Device pixels per CSS pixel. */
  scale: number
  type: 'png' | 'jpeg'
  count: number
  /** Images already known (from the per-slide cache), by slide index: those slides are not captured. */
  reuse?: (Uint8Array | undefined)[]
}

export interface SlideShots {
  /** One image per slide, in order: reused or captured. */
  images: Uint8Array[]
  /** Indices of the slides captured now. */
  captured: number[]
}

/**
 * Slide i sits at y = i * height and is scrolled into the viewport, then
 * captured through CDP (Playwright's page.screenshot measures the page and
 * injects styles on every call). Slides with a reused image are skipped.
 *
 * Fast path: in a browser launched with the PPTX scale forced
 * (launchBrowser's deviceScale), a plain capture of the viewport is already
 * full size: 94 ms and 105 ms of CPU a slide on the 45-slide bench deck at
 * 1.5x. Otherwise headless Chromium composites at 1x and only a clip with a
 * scale gives device pixels, re-rasterising the page each time: 142 ms and
 * 188 ms of CPU. The first capture's pixel size says which browser this is.
 */
export async function screenshotSlides(page: Page, options: SlideShotOptions): Promise<SlideShots> {
  const { width, height, scale, count } = options
  const images: (Uint8Array | undefined)[] = Array.from({ length: count }, (_, i) => options.reuse?.[i])
  const captured = images.flatMap((image, i) => (image ? [] : [i]))
  if (captured.length === 0) return { images: images as Uint8Array[], captured }
  const want = { width: Math.round(width * scale), height: Math.round(height * scale) }
  const cdp = await page.context().newCDPSession(page)
  const encoding = { format: options.type, ...(options.type === 'jpeg' ? { quality: PPTX_JPEG_QUALITY } : {}) }
  let clipped = false
  try {
    for (const [n, i] of captured.entries()) {
      const y = i * height
      await page.evaluate((top) => window.scrollTo(0, top), y)
      const clip = { clip: { x: 0, y, width, height, scale } }
      let shot = Buffer.from((await cdp.send('Page.captureScreenshot', { ...encoding, ...(clipped ? clip : {}) })).data, 'base64')
      if (n === 0 && !clipped && !sameSize(imagePixelSize(shot), want)) {
        clipped = true
        shot = Buffer.from((await cdp.send('Page.captureScreenshot', { ...encoding, ...clip })).data, 'base64')
      }
      images[i] = shot
    }
  } finally {
    await cdp.detach().catch(() => {})
    // The thumbnail is taken next, from the top.
    await page.evaluate(() => window.scrollTo(0, 0))
  }
  return { images: images as Uint8Array[], captured }
}

function sameSize(a: PixelSize | undefined, b: PixelSize): boolean {
  return a !== undefined && a.width === b.width && a.height === b.height
}
