#!/usr/bin/env tsx
/**
 * Shows images side by side in one PNG (the image viewers at hand show PNG
 * only), optionally cropped and magnified with square pixels so JPEG
 * ringing around text edges is visible.
 *
 *   npx tsx scripts/bench/compare-encodings.ts <out.png> [--crop x,y,w,h] [--zoom Z] <image>...
 *
 * The crop is in image pixels; profile-stages.ts saves matching PNG and JPEG crops.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { launchBrowser } from '../browser.js'

const args = process.argv.slice(2)
const out = args.shift()!
const take = (flag: string) => {
  const i = args.indexOf(flag)
  return i >= 0 ? args.splice(i, 2)[1] : undefined
}
const crop = take('--crop')?.split(',').map(Number)
const zoom = Number(take('--zoom') ?? 1)
const figures = await Promise.all(
  args.map(async (file) => {
    const type = /\.png$/i.test(file) ? 'image/png' : 'image/jpeg'
    const src = `data:${type};base64,${(await readFile(file)).toString('base64')}`
    const [x, y, w, h] = crop ?? [0, 0, 0, 0]
    const box = crop ? `width:${w * zoom}px;height:${h * zoom}px;overflow:hidden` : ''
    const img = crop ? `transform-origin:0 0;transform:scale(${zoom}) translate(${-x}px,${-y}px)` : `zoom:${zoom}`
    return `<figure><figcaption>${path.basename(file)}</figcaption><div style="${box}"><img style="${img}" src="${src}"></div></figure>`
  }),
)
const { browser } = await launchBrowser()
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  await page.setContent(`<style>
    body { margin: 0; background: #fff; font: 14px sans-serif; }
    figure { margin: 8px; display: inline-block; vertical-align: top; }
    img { image-rendering: pixelated; display: block; }
  </style>${figures.join('')}`)
  await page.evaluate(() => Promise.all(Array.from(document.images).map((i) => i.decode())))
  await writeFile(out, await page.screenshot({ type: 'png', fullPage: true }))
  process.stdout.write(`${out}\n`)
} finally {
  await browser.close()
}
