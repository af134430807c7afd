#!/usr/bin/env tsx
/**
 * Times ways of screenshotting every slide of one loaded deck, the bulk of
 * the PPTX cost: Playwright's full-page clip (what convert.ts did first),
 * scrolling each slide into the viewport, and CDP's captureScreenshot with
 * optimizeForSpeed.
 *
 *   npx tsx scripts/bench/screenshot-methods.ts <course-root> [scale=1.5]
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { AssetServer } from '../asset-server.js'
import { isolatedContext, launchBrowser } from '../browser.js'
import { planDeck } from '../build-plan.js'
import { imagePixelSize } from '../image-size.js'
import { deckName, discoverDecks } from '../discover.js'
import { parseDeck } from '../parse.js'
import { createMarp, renderPrintDocument } from '../render-print.js'
import { bundleTheme } from '../theme-bundle.js'
import { loadThemes } from '../themes.js'

const [rootArg, scaleArg = '1.5'] = process.argv.slice(2)
const root = path.resolve(rootArg)
const scale = Number(scaleArg)
const all = await discoverDecks(path.join(root, 'slides'))
const { themes } = await loadThemes(path.join(root, 'themes'), root)
const bundled = await Promise.all(themes.map((t) => bundleTheme(t, root)))
const deck = await parseDeck({ path: all[0], root, source: await readFile(all[0]) })
const plan = await planDeck(deck, root, new Set(all.map(deckName)), bundled, await readFile(path.join(root, 'marp.config.mjs'), 'utf8'))
const print = renderPrintDocument(createMarp(bundled), plan.markdown, deck)
const server = new AssetServer()
await server.start()
for (const a of plan.assets) server.addFile('/' + a.sitePath, a.file)
const url = server.addPage('/deck.print.html', print.html)
const { browser } = await launchBrowser()
try {
  const context = await isolatedContext(browser, server.origin, { width: deck.width, height: deck.height, scale })
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'load' })
  const n = print.slideCount
  const { width, height } = deck
  const methods: Record<string, (i: number) => Promise<Buffer>> = {
    'playwright fullPage clip': (i) =>
      page.screenshot({ type: 'jpeg', quality: 90, clip: { x: 0, y: i * height, width, height }, fullPage: true, animations: 'disabled', caret: 'hide' }),
    'playwright scroll + viewport': async (i) => {
      await page.evaluate((y) => window.scrollTo(0, y), i * height)
      return page.screenshot({ type: 'jpeg', quality: 90 })
    },
  }
  const cdp = await context.newCDPSession(page)
  methods['cdp captureScreenshot optimizeForSpeed'] = async (i) => {
    const { data } = (await cdp.send('Page.captureScreenshot', {
      format: 'jpeg',
      quality: 90,
      clip: { x: 0, y: i * height, width, height, scale: 1 },
      captureBeyondViewport: true,
      optimizeForSpeed: true,
    } as never)) as { data: string }
    return Buffer.from(data, 'base64')
  }
  methods['cdp scroll + viewport optimizeForSpeed'] = async (i) => {
    await page.evaluate((y) => window.scrollTo(0, y), i * height)
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 90, optimizeForSpeed: true } as never)) as { data: string }
    return Buffer.from(data, 'base64')
  }
  methods['cdp scroll + viewport'] = async (i) => {
    await page.evaluate((y) => window.scrollTo(0, y), i * height)
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 90 })) as { data: string }
    return Buffer.from(data, 'base64')
  }
  methods['cdp scroll + viewport, png'] = async (i) => {
    await page.evaluate((y) => window.scrollTo(0, y), i * height)
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png' })) as { data: string }
    return Buffer.from(data, 'base64')
  }
  methods['cdp scroll + viewport, png optimizeForSpeed'] = async (i) => {
    await page.evaluate((y) => window.scrollTo(0, y), i * height)
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true } as never)) as { data: string }
    return Buffer.from(data, 'base64')
  }
  // Without a clip, headless Chromium captures CSS pixels: the clip's scale restores the device scale.
  methods['cdp scroll + clip at scale'] = async (i) => {
    await page.evaluate((y) => window.scrollTo(0, y), i * height)
    const clip = { x: 0, y: i * height, width, height, scale }
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 90, clip })) as { data: string }
    return Buffer.from(data, 'base64')
  }
  methods['cdp scroll + clip at scale, png'] = async (i) => {
    await page.evaluate((y) => window.scrollTo(0, y), i * height)
    const clip = { x: 0, y: i * height, width, height, scale }
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'png', clip })) as { data: string }
    return Buffer.from(data, 'base64')
  }
  methods['cdp beyond viewport clip at scale'] = async (i) => {
    const clip = { x: 0, y: i * height, width, height, scale }
    const { data } = (await cdp.send('Page.captureScreenshot', { format: 'jpeg', quality: 90, clip, captureBeyondViewport: true })) as { data: string }
    return Buffer.from(data, 'base64')
  }
  const only = process.env.METHODS?.split(',')
  for (const [name, shoot] of Object.entries(methods)) {
    if (only && !only.some((o) => name.includes(o))) continue
    await shoot(0) // warm-up
    const t = performance.now()
    let bytes = 0
    let size = ''
    for (let i = 0; i < n; i++) {
      const shot = await shoot(i)
      bytes += shot.byteLength
      const px = imagePixelSize(shot)
      size = px ? `${px.width}x${px.height}` : '?'
    }
    const ms = performance.now() - t
    process.stdout.write(`${name.padEnd(40)} ${(ms / n).toFixed(0).padStart(5)} ms/slide  ${(bytes / n / 1024).toFixed(0)} KB/slide  ${size}\n`)
  }
} finally {
  await browser.close()
  await server.close()
}

