/**
 * The published course site in a real browser. A two-deck fixture course is
 * built with the real pipeline, served under a sub-path (/course/) the way a
 * GitHub project page is, and walked like a student would: index → every
 * deck → every slide by keyboard, then the downloads. axe-core checks the
 * index. One browser for the file (the build's own browser is closed before
 * this one starts).
 */
import { cp, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_ARGS } from '../scripts/browser.js'
import { findBrowser, systemFinderEnv } from '../scripts/browser-finder.js'
import { build } from '../scripts/build.js'
import { mimeType } from '../scripts/data-uri.js'
import type { SiteManifest } from '../scripts/site-manifest.js'

const REPO = path.join(import.meta.dirname, '..')
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'site-course')
const BASE = '/course/'
const AXE = path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js')
const PDF_TYPE = 'application/pdf'
const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation'

/** The deck images each fixture deck shows, in slide order. */
const EXPECTED_IMAGES: Record<string, string[]> = {
  '01_first-steps': [`${BASE}images/01_square.svg`],
  '02_second-look': [`${BASE}images/02_circle.svg`, `${BASE}images/01_square.svg`],
}

let project: string
let site: string
let server: Server
let origin: string
let browser: Browser
let context: BrowserContext
let manifest: SiteManifest
/** Every response of 400 or more, and every failed request; each test checks the ones it caused. */
const failed: string[] = []

/**
 * A static server like GitHub Pages: files of `site/` under BASE with a
 * content type from the extension, folders answer with their index.html,
 * and anything missing gets 404.html with status 404.
 */
function serveSite(dir: string): Promise<string> {
  server = createServer(async (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const send = async (status: number, file: string) => {
      const body = await readFile(file)
      res.writeHead(status, { 'content-type': mimeType(file), 'content-length': body.byteLength })
      res.end(req.method === 'HEAD' ? undefined : body)
    }
    try {
      if (!urlPath.startsWith(BASE)) throw new Error('outside the site')
      let file = path.join(dir, ...urlPath.slice(BASE.length).split('/'))
      if (path.relative(dir, file).startsWith('..')) throw new Error('outside the site')
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html')
      await send(200, file)
    } catch {
      await send(404, path.join(dir, '404.html')).catch(() => {
        res.writeHead(404)
        res.end()
      })
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'site-course-'))
  await cp(FIXTURE, project, { recursive: true })
  // The real theme and Marp config, so the site is what the course publishes.
  await cp(path.join(REPO, 'themes'), path.join(project, 'themes'), { recursive: true })
  await cp(path.join(REPO, 'marp.config.mjs'), path.join(project, 'marp.config.mjs'))
  // The theme loads its fonts from node_modules/@fontsource.
  await symlink(path.join(REPO, 'node_modules'), path.join(project, 'node_modules'), 'dir')
  site = path.join(project, 'site')
  const found = await findBrowser(systemFinderEnv())
  const result = await build({
    root: project,
    outDir: site,
    formats: ['html', 'pdf', 'pptx'],
    decks: [],
    force: false,
    cache: false,
    concurrency: 1,
    pptxImage: 'jpeg',
    pptxScale: 1,
    browser: found,
  })
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  expect(result.failures).toEqual([])
  expect(result.exitCode).toBe(0)
  manifest = JSON.parse(await readFile(path.join(site, 'decks.json'), 'utf8'))
  origin = await serveSite(site)
  browser = await chromium.launch({ executablePath: found.executablePath, args: BROWSER_ARGS, headless: true })
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  context.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`)
  })
  // ERR_ABORTED is the browser dropping a request it no longer needs (a lazy
  // thumbnail when the page navigates away); a missing file shows as a 404 above.
  context.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`failed ${r.url()} ${r.failure()?.errorText}`)
  })
}, 180_000)

afterAll(async () => {
  await browser?.close()
  if (server) {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
  if (project) await rm(project, { recursive: true, force: true })
})

async function runAxe(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe.run()
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
  })
  return violations
}

/**
 * Every image in `scope`: <img> elements and CSS background images (Marp's
 * `![bg](...)` figures). Waits for each to settle and returns them with
 * whether they loaded (naturalWidth > 0).
 */
async function imagesIn(page: Page, scope = 'body'): Promise<{ src: string; loaded: boolean }[]> {
  return page.evaluate(async (selector) => {
    const root = document.querySelector(selector)
    if (!root) return []
    const elements = [root, ...Array.from(root.querySelectorAll('*'))]
    const imgs = elements.filter((el): el is HTMLImageElement => el instanceof HTMLImageElement)
    const backgrounds = elements.flatMap((el) =>
      Array.from(getComputedStyle(el).backgroundImage.matchAll(/url\("?([^")]+)"?\)/g), (m) => {
        const img = new Image()
        img.src = m[1]
        return img
      }),
    )
    const all = [...imgs, ...backgrounds]
    await Promise.all(all.map((img) => img.decode().catch(() => undefined)))
    return all.map((img) => ({ src: (img.currentSrc || img.src).slice(0, 120), loaded: img.complete && img.naturalWidth > 0 }))
  }, scope)
}

const broken = (images: { src: string; loaded: boolean }[]) => images.filter((i) => !i.loaded).map((i) => i.src)

describe('course site under /course/', () => {
  it('lists every deck on the index with relative links, and passes axe-core in light and dark', async () => {
    const before = failed.length
    const page = await context.newPage()
    await page.goto(`${origin}${BASE}`)
    expect(await page.title()).toBe('Fixture Course')
    expect(await page.locator('h1').textContent()).toBe('Fixture Course')
    expect(await page.locator('h2').allTextContents()).toEqual(['First Steps', 'Second Look'])
    expect(await page.locator('.deck .meta').allTextContents()).toEqual(['3 slides', '3 slides'])

    const urls = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[href], [src]')).map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? ''),
    )
    expect(urls.length).toBeGreaterThan(8)
    // Relative means: no scheme, no leading slash, so any base path works.
    expect(urls.filter((u) => /^([a-z][a-z0-9+.-]*:|\/)/i.test(u))).toEqual([])
    expect(broken(await imagesIn(page))).toEqual([])

    expect(await runAxe(page)).toEqual([])
    await page.emulateMedia({ colorScheme: 'dark' })
    expect(await runAxe(page)).toEqual([])
    await page.close()
    expect(failed.slice(before)).toEqual([])
  })

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto(`${origin}${BASE}index.html`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBe(0)
    await page.close()
  })

  it('follows every deck link and walks every slide by keyboard with every image loaded', async () => {
    const before = failed.length
    const page = await context.newPage()
    await page.goto(`${origin}${BASE}`)
    const links = await page.locator('a.button', { hasText: 'Present' }).all()
    expect(links).toHaveLength(manifest.decks.length)
    for (let d = 0; d < manifest.decks.length; d++) {
      const deck = manifest.decks[d]
      await page.goto(`${origin}${BASE}`)
      await page.locator('a.button', { hasText: 'Present' }).nth(d).click()
      await page.waitForURL(`**${BASE}${deck.name}.html**`)
      await page.waitForLoadState('load')

      expect(await page.getAttribute('html', 'lang')).toBe(deck.lang)
      const meta = (property: string) => page.getAttribute(`meta[property="${property}"]`, 'content')
      expect(await meta('og:title')).toBe(deck.title)
      expect(await meta('og:description')).toBe(deck.description)
      const ogImage = await meta('og:image')
      expect(ogImage).toBe(deck.thumbnail)
      const thumb = await context.request.get(new URL(ogImage!, page.url()).href)
      expect(thumb.headers()['content-type']).toBe('image/jpeg')

      const slides = await page.locator('svg[data-marpit-svg]').count()
      expect(slides).toBe(deck.slides)
      const images: string[] = []
      for (let n = 1; n <= slides; n++) {
        if (n > 1) await page.keyboard.press('ArrowRight')
        // Bespoke keeps the slide in the hash: none (or #1) on the first slide, #n after.
        await page.waitForFunction((n) => location.hash === `#${n}` || (n === 1 && location.hash === ''), n)
        const active = 'svg[data-marpit-svg].bespoke-marp-active'
        await expect.poll(() => page.locator(active).count()).toBe(1)
        expect(await page.locator('svg[data-marpit-svg]').nth(n - 1).getAttribute('class')).toContain('bespoke-marp-active')
        const seen = await imagesIn(page, active)
        expect(broken(seen), `${deck.name} slide ${n}`).toEqual([])
        images.push(...seen.filter((i) => i.src.includes('/images/')).map((i) => new URL(i.src).pathname))
      }
      // The fixture's local images (an <img> in each deck, a split background in the second): the walk must have seen them.
      expect(images).toEqual(EXPECTED_IMAGES[deck.name])
    }
    await page.close()
    expect(failed.slice(before)).toEqual([])
  })

  it('serves the PDF and PPTX links with their content types', async () => {
    const before = failed.length
    const page = await context.newPage()
    await page.goto(`${origin}${BASE}`)
    const hrefs = async (label: string) => page.locator('a.button', { hasText: label }).evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))
    const pdfs = await hrefs('PDF')
    const pptxs = await hrefs('PPTX')
    expect(pdfs).toHaveLength(manifest.decks.length)
    expect(pptxs).toHaveLength(manifest.decks.length)
    for (const [urls, type, magic] of [
      [pdfs, PDF_TYPE, '%PDF-'],
      [pptxs, PPTX_TYPE, 'PK'],
    ] as const) {
      for (const url of urls) {
        const response = await context.request.get(url)
        expect(response.status(), url).toBe(200)
        expect(response.headers()['content-type']).toBe(type)
        expect((await response.body()).subarray(0, magic.length).toString('latin1')).toBe(magic)
      }
    }
    await page.close()
    expect(failed.slice(before)).toEqual([])
  })

  it('answers a missing page with the 404 page, which links back to the index from any depth', async () => {
    // 404s are the point here, and the page's own probes for the index are 404s too.
    const before = failed.length
    const page = await context.newPage()
    const response = await page.goto(`${origin}${BASE}no/such/lecture.html`)
    expect(response?.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Page not found')
    await expect.poll(() => page.locator('#home').evaluate((a) => (a as HTMLAnchorElement).href)).toBe(`${origin}${BASE}`)
    expect(await runAxe(page)).toEqual([])
    await page.close()
    failed.splice(before)
  })
})
