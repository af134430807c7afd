/**
 * `npm run screenshot [-- --site DIR --out FILE]`: a screenshot of the built
 * course index for the README (docs/index-screenshot.png). Run `npm run
 * build` first; the index is opened from disk, which works because every
 * link in it is relative.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { launchBrowser } from './browser.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name)
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback
}
const root = process.cwd()
const site = path.resolve(root, option('--site', 'site'))
const out = path.resolve(root, option('--out', 'docs/index-screenshot.png'))
const scheme = option('--scheme', 'light') === 'dark' ? 'dark' : 'light'

const index = path.join(site, 'index.html')
try {
  await stat(index)
} catch {
  console.error(`no ${path.relative(root, index)}: run \`npm run build\` first`)
  process.exit(1)
}

const { browser, found } = await launchBrowser()
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 600 }, deviceScaleFactor: 1, colorScheme: scheme })
  await page.goto(pathToFileURL(index).href, { waitUntil: 'load' })
  // Lazy thumbnails below the fold would be blank: load them all first.
  await page.evaluate(async () => {
    for (const img of Array.from(document.images)) img.loading = 'eager'
    await Promise.all(Array.from(document.images).map((img) => img.decode().catch(() => undefined)))
  })
  await page.screenshot({ path: out, fullPage: true })
  console.log(`wrote ${path.relative(root, out)} (${scheme}, browser: ${found.source})`)
} finally {
  await browser.close()
}
