import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { faviconSvg, jpegSize, notFoundPage, shareImage } from '../scripts/site-assets.js'
import {
  deckHeading,
  fileSize,
  lectureLabel,
  relativeHref,
  renderSiteIndex,
  withExistingThumbnails,
  writeSitePages,
  type SiteWriter,
} from '../scripts/site-index.js'
import type { SiteDeck, SiteManifest } from '../scripts/site-manifest.js'

const REPO = path.join(import.meta.dirname, '..')

function deck(over: Partial<SiteDeck> = {}): SiteDeck {
  return {
    name: '02_foundation_models',
    title: 'Deploying AI',
    subtitle: 'Understanding Foundation Models',
    description: 'Understanding Foundation Models',
    lang: 'en',
    slides: 66,
    files: {
      html: { path: '02_foundation_models.html', bytes: 284_838 },
      pdf: { path: '02_foundation_models.pdf', bytes: 266_908 },
      pptx: { path: '02_foundation_models.pptx', bytes: 7_323_115 },
    },
    thumbnail: 'thumbnails/02_foundation_models.jpg',
    ...over,
  }
}

const site = (decks: SiteDeck[]): SiteManifest => ({ title: 'Deploying AI', description: 'Lecture slides & more.', decks })

/** Every href and src attribute value in a page. */
const urls = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1])

describe('renderSiteIndex', () => {
  it('shows the course, then each deck with slide count, thumbnail and sized links', () => {
    const html = renderSiteIndex(site([deck()]), { thumbnailSizes: { '02_foundation_models': { width: 1280, height: 720 } } })
    expect(html).toContain('<title>Deploying AI</title>')
    expect(html).toContain('<p class="lead">Lecture slides &amp; more.</p>')
    expect(html).toContain('<h2 id="deck-1">Understanding Foundation Models</h2>')
    expect(html).toContain('66 slides')
    expect(html).toMatch(/<img class="thumb" src="thumbnails\/02_foundation_models\.jpg" alt="Title slide of Understanding Foundation Models" width="1280" height="720" loading="lazy"/)
    expect(html).toMatch(/href="02_foundation_models\.html"[^>]*>Present <span class="size">278 KB<\/span>/)
    expect(html).toMatch(/href="02_foundation_models\.pdf"[^>]*>PDF <span class="size">261 KB<\/span>/)
    expect(html).toMatch(/href="02_foundation_models\.pptx"[^>]*>PPTX <span class="size">7\.0 MB<\/span>/)
  })

  it('keeps the decks in manifest order', () => {
    const html = renderSiteIndex(site([deck({ name: '01_a', title: 'Alpha', subtitle: '' }), deck({ name: '02_b', title: 'Beta', subtitle: '' })]))
    expect(html.indexOf('>Alpha</h2>')).toBeGreaterThan(0)
    expect(html.indexOf('>Alpha</h2>')).toBeLessThan(html.indexOf('>Beta</h2>'))
  })

  it('uses relative links only, percent-encoded, so any base path works', () => {
    const odd = deck({ name: 'a b#1', files: { pdf: { path: 'a b#1.pdf', bytes: 10 } }, thumbnail: 'thumbnails/a b#1.jpg' })
    const html = renderSiteIndex(site([odd]), { favicon: true })
    expect(urls(html)).toContain('a%20b%231.pdf')
    expect(urls(html)).toContain('thumbnails/a%20b%231.jpg')
    expect(urls(html).filter((u) => /^([a-z][a-z0-9+.-]*:|\/)/i.test(u))).toEqual([])
  })

  it('escapes deck text', () => {
    const html = renderSiteIndex(site([deck({ title: '<script>alert(1)</script>', subtitle: '' })]))
    expect(html).not.toContain('<script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('shows a placeholder instead of a thumbnail that was never made, and only the files that exist', () => {
    const html = renderSiteIndex(site([deck({ thumbnail: undefined, files: { html: { path: 'x.html', bytes: 2048 } } })]))
    expect(html).not.toContain('<img')
    expect(html).toContain('thumb-missing')
    expect(html).toContain('>Present <span class="size">2 KB</span>')
    expect(html).not.toContain('>PDF ')
  })

  it('says so when there are no decks', () => {
    expect(renderSiteIndex(site([]))).toContain('No lectures have been published yet.')
  })
})

describe('deck text', () => {
  it('leads with the subtitle when the deck title is just the course name', () => {
    expect(deckHeading(deck(), 'Deploying AI')).toEqual({ heading: 'Understanding Foundation Models', detail: 'Deploying AI' })
    expect(deckHeading(deck({ title: 'Attention' }), 'Deploying AI')).toEqual({ heading: 'Attention', detail: 'Understanding Foundation Models' })
    expect(deckHeading(deck({ title: '', subtitle: '' }), 'X')).toEqual({ heading: '02_foundation_models', detail: '' })
  })

  it('numbers lectures from their file names', () => {
    expect(lectureLabel('02_foundation_models')).toBe('Lecture 2')
    expect(lectureLabel('10-agents')).toBe('Lecture 10')
    expect(lectureLabel('intro')).toBe('')
  })

  it('formats sizes and hrefs', () => {
    expect(fileSize(300)).toBe('1 KB')
    expect(fileSize(1536 * 1024)).toBe('1.5 MB')
    expect(relativeHref('thumbnails/a b.jpg')).toBe('thumbnails/a%20b.jpg')
  })
})

describe('site assets', () => {
  it('makes a square favicon from the logo', async () => {
    const logo = await readFile(path.join(REPO, 'themes', 'assets', 'dsi-logo.svg'), 'utf8')
    const icon = faviconSvg(logo)
    const [, , w, h] = /viewBox="([^"]+)"/.exec(icon)![1].split(' ').map(Number)
    expect(w).toBe(h)
    expect(icon).toContain('<rect')
    expect(icon).toContain('#0B4F8A')
    expect(icon).not.toContain('<!--')
  })

  it('makes a 404 page that needs no other file', async () => {
    const logo = await readFile(path.join(REPO, 'themes', 'assets', 'dsi-logo.svg'), 'utf8')
    const html = notFoundPage('Deploying <AI>', logo)
    expect(html).toContain('Page not found')
    expect(html).toContain('Deploying &lt;AI&gt;')
    // At /repo/a/b/missing a relative file link would break; only data: and the ./ fallback remain.
    expect(urls(html).filter((u) => !u.startsWith('data:'))).toEqual(['./'])
  })

  it('makes og:image absolute only when the site URL is known', () => {
    expect(shareImage('02_foundation models')).toBe('thumbnails/02_foundation%20models.jpg')
    expect(shareImage('02_x', 'https://org.github.io/course')).toBe('https://org.github.io/course/thumbnails/02_x.jpg')
    expect(shareImage('02_x', 'https://org.github.io/')).toBe('https://org.github.io/thumbnails/02_x.jpg')
    expect(() => shareImage('02_x', 'org.github.io/course')).toThrow(/absolute URL/)
  })

  it('reads the size of a JPEG from its frame header', () => {
    const app0 = [0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]
    const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0xd0, 0x05, 0x00, 0x03]
    expect(jpegSize(Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0, 0, 0, 0]))).toEqual({ width: 1280, height: 720 })
    expect(jpegSize(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull()
  })
})

describe('writeSitePages', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const folder = (root: string): SiteWriter => ({
    path: (p) => path.join(root, ...p.split('/')),
    async write(p, data) {
      await mkdir(path.dirname(path.join(root, p)), { recursive: true })
      await writeFile(path.join(root, p), data)
    },
  })

  it('writes the index, 404 page, favicon and .nojekyll, and drops thumbnails that do not exist', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'site-pages-'))
    const out = folder(dir)
    const manifest = await withExistingThumbnails(out, site([deck()]))
    expect(manifest.decks[0].thumbnail).toBeUndefined()
    await writeSitePages(out, REPO, manifest)
    expect((await readFile(path.join(dir, 'favicon.svg'), 'utf8')).startsWith('<svg')).toBe(true)
    expect(await readFile(path.join(dir, '.nojekyll'), 'utf8')).toBe('')
    expect(await readFile(path.join(dir, '404.html'), 'utf8')).toContain('Page not found')
    const index = await readFile(path.join(dir, 'index.html'), 'utf8')
    expect(index).toContain('<link rel="icon" href="favicon.svg"')
    expect(index).toContain('thumb-missing')
  })
})
