#!/usr/bin/env tsx
/**
 * Where a deck's browser time goes: load, PDF, slide screenshots (JPEG and
 * PNG at several scales), PPTX packing. Also saves a crop of one text-heavy
 * slide in each encoding, to compare text edges by eye.
 *
 *   npx tsx scripts/bench/profile-stages.ts <course-root> [deck-count=2] [crop-dir]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { AssetServer } from '../asset-server.js'
import { isolatedContext, launchBrowser } from '../browser.js'
import { planDeck } from '../build-plan.js'
import { discoverDecks, deckName } from '../discover.js'
import { finishPdf } from '../pdf-metadata.js'
import { parseDeck } from '../parse.js'
import { writePptx } from '../pptx-writer.js'
import { createMarp, renderPrintDocument } from '../render-print.js'
import { bundleTheme } from '../theme-bundle.js'
import { loadThemes } from '../themes.js'

const [rootArg, countArg = '2', cropArg] = process.argv.slice(2)
const root = path.resolve(rootArg)
const timings: Record<string, number[]> = {}
async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now()
  try {
    return await fn()
  } finally {
    ;(timings[label] ??= []).push(performance.now() - t)
  }
}

const files = (await discoverDecks(path.join(root, 'slides'))).slice(0, Number(countArg))
const all = await discoverDecks(path.join(root, 'slides'))
const { themes } = await loadThemes(path.join(root, 'themes'), root)
const bundled = await Promise.all(themes.map((t) => bundleTheme(t, root)))
const configSource = await readFile(path.join(root, 'marp.config.mjs'), 'utf8')
const marp = createMarp(bundled)
const server = new AssetServer()
await server.start()
const { browser } = await launchBrowser()
const sizes: Record<string, number[]> = {}
let slidesSeen = 0
try {
  for (const file of files) {
    const deck = await parseDeck({ path: file, root, source: await readFile(file) })
    const plan = await planDeck(deck, root, new Set(all.map(deckName)), bundled, configSource)
    for (const a of plan.assets) server.addFile('/' + a.sitePath, a.file)
    const print = await timed('render print document', async () => renderPrintDocument(marp, plan.markdown, deck))
    slidesSeen += print.slideCount
    const url = server.addPage(`/${encodeURIComponent(deck.name)}.print.html`, print.html)
    for (const scale of [1, 1.5, 2]) {
      const context = await isolatedContext(browser, server.origin, { width: deck.width, height: deck.height, scale })
      const page = await context.newPage()
      await timed(`load page (scale ${scale})`, async () => {
        await page.goto(url, { waitUntil: 'load' })
        await page.evaluate(() => document.fonts.ready)
      })
      if (scale === 1) {
        const raw = await timed('page.pdf', () => page.pdf({ preferCSSPageSize: true, printBackground: true }))
        await timed('pdf metadata + outline (pdf-lib)', () => finishPdf(raw, { title: deck.title, author: '', description: '', lang: 'en', keywords: [] }, []))
      }
      for (const type of ['jpeg', 'png'] as const) {
        const shots: Uint8Array[] = []
        await timed(`screenshots ${type} scale ${scale} (per deck)`, async () => {
          for (let i = 0; i < print.slideCount; i++)
            shots.push(
              await page.screenshot({
                type,
                ...(type === 'jpeg' ? { quality: 90 } : {}),
                clip: { x: 0, y: i * deck.height, width: deck.width, height: deck.height },
                fullPage: true,
                animations: 'disabled',
                caret: 'hide',
              }),
            )
        })
        const pptx = await timed(`write pptx ${type} scale ${scale}`, () =>
          writePptx(shots.map((image) => ({ image, imageType: type, notes: '' })), { title: deck.title, author: '', description: '', lang: 'en', width: deck.width, height: deck.height }),
        )
        ;(sizes[`pptx ${type} scale ${scale}`] ??= []).push(pptx.byteLength)
        if (cropArg && file === files[0]) {
          // Slide 2 is a bullet list: small body text, the hardest case for JPEG.
          await mkdir(cropArg, { recursive: true })
          const crop = await page.screenshot({ type, ...(type === 'jpeg' ? { quality: 90 } : {}), clip: { x: 60, y: deck.height + 120, width: 420, height: 160 }, fullPage: true })
          await writeFile(path.join(cropArg, `crop-scale${scale}.${type === 'jpeg' ? 'jpg' : 'png'}`), crop)
        }
      }
      await context.close()
    }
  }
} finally {
  await browser.close()
  await server.close()
}
process.stdout.write(`${files.length} decks, ${slidesSeen} slides\n`)
for (const [label, list] of Object.entries(timings)) {
  const total = list.reduce((a, b) => a + b, 0)
  process.stdout.write(`${label.padEnd(40)} ${(total / files.length).toFixed(0).padStart(6)} ms/deck ${((total / slidesSeen) * 1).toFixed(1).padStart(7)} ms/slide\n`)
}
for (const [label, list] of Object.entries(sizes))
  process.stdout.write(`${label.padEnd(40)} ${(list.reduce((a, b) => a + b, 0) / list.length / 1024 / 1024).toFixed(2)} MB/deck\n`)
