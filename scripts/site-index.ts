import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { esc, faviconSvg, inlineLogo, jpegSize, notFoundPage, SITE_CSS } from './site-assets.js'
import type { SiteDeck, SiteManifest } from './site-manifest.js'

export interface IndexOptions {
  /** Pixel size of each deck's thumbnail (read from the JPEG), by deck name; missing means 16:9. */
  thumbnailSizes?: Record<string, { width: number; height: number }>
  /** Whether `favicon.svg` sits next to the index. */
  favicon?: boolean
  /** The logo SVG for the header. */
  logo?: string
}

/** Human file size: KB below a megabyte, MB with one decimal above. */
export const fileSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`

/** A site path as a relative URL: each segment percent-encoded, so names with spaces or `#` still work. */
export const relativeHref = (sitePath: string) => sitePath.split('/').map(encodeURIComponent).join('/')

const LINKS = [
  { format: 'html', label: 'Present', hint: 'slides in the browser', type: 'text/html' },
  { format: 'pdf', label: 'PDF', hint: 'slides as PDF', type: 'application/pdf' },
  { format: 'pptx', label: 'PPTX', hint: 'slides as PowerPoint, with notes', type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
] as const

/**
 * The heading a student reads first. Decks often put the course name on
 * their title slide and the lecture topic below it; the index already shows
 * the course, so the topic leads and the deck title becomes the small print.
 */
export function deckHeading(deck: SiteDeck, courseTitle: string): { heading: string; detail: string } {
  const title = deck.title.trim() || deck.name
  const subtitle = deck.subtitle.trim()
  if (subtitle && title.toLowerCase() === courseTitle.trim().toLowerCase()) return { heading: subtitle, detail: title }
  return { heading: title, detail: subtitle }
}

/** "Lecture 2" from a file name such as `02_foundation_models`; '' when the name has no number. */
export function lectureLabel(name: string): string {
  const n = /^(\d+)[-_ .]/.exec(name)?.[1]
  return n === undefined ? '' : `Lecture ${Number(n)}`
}

function deckCard(deck: SiteDeck, index: number, site: SiteManifest, options: IndexOptions): string {
  const id = `deck-${index + 1}`
  const { heading, detail } = deckHeading(deck, site.title)
  const label = lectureLabel(deck.name)
  const size = options.thumbnailSizes?.[deck.name] ?? { width: 1280, height: 720 }
  const thumb = deck.thumbnail
    ? `<img class="thumb" src="${esc(relativeHref(deck.thumbnail))}" alt="Title slide of ${esc(heading)}" width="${size.width}" height="${size.height}" loading="lazy" decoding="async">`
    : `<div class="thumb thumb-missing" aria-hidden="true"><span>${esc(heading)}</span></div>`
  const links = LINKS.filter((l) => deck.files[l.format])
    .map((l, i) => {
      const file = deck.files[l.format]!
      const cls = i === 0 && l.format === 'html' ? 'button primary' : 'button'
      return (
        `<li><a class="${cls}" href="${esc(relativeHref(file.path))}" type="${l.type}" aria-describedby="${id}">` +
        `${l.label} <span class="size">${fileSize(file.bytes)}</span><span class="visually-hidden"> (${l.hint})</span></a></li>`
      )
    })
    .join('')
  const slides = `${deck.slides} slide${deck.slides === 1 ? '' : 's'}`
  return [
    `<li class="deck">`,
    `<article aria-labelledby="${id}">`,
    thumb,
    `<div class="body">`,
    label ? `<p class="eyebrow">${esc(label)}</p>` : '',
    `<h2 id="${id}">${esc(heading)}</h2>`,
    detail ? `<p class="detail">${esc(detail)}</p>` : '',
    `<p class="meta">${slides}</p>`,
    links ? `<ul class="links" aria-label="Files">${links}</ul>` : `<p class="meta">Not built yet.</p>`,
    `</div>`,
    `</article>`,
    `</li>`,
  ]
    .filter(Boolean)
    .join('\n')
}

/**
 * The course index: course title and description, then every deck in order
 * with its thumbnail, slide count and files. Self-contained (inline CSS, no
 * fonts or scripts from anywhere) and relative links only, so it works at the
 * root of a domain, under /<repo>/ and opened from disk.
 */
export function renderSiteIndex(site: SiteManifest, options: IndexOptions = {}): string {
  const decks = site.decks.map((d, i) => deckCard(d, i, site, options)).join('\n')
  const count = `${site.decks.length} lecture${site.decks.length === 1 ? '' : 's'}`
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${esc(site.title)}</title>
${site.description ? `<meta name="description" content="${esc(site.description)}">` : ''}
<meta property="og:title" content="${esc(site.title)}">
${site.description ? `<meta property="og:description" content="${esc(site.description)}">` : ''}
${options.favicon ? '<link rel="icon" href="favicon.svg" type="image/svg+xml">' : ''}
<style>${SITE_CSS}</style>
</head>
<body>
<a class="skip" href="#lectures">Skip to the lectures</a>
<header class="site-header">
<div class="wrap brand">
${options.logo ? inlineLogo(options.logo) : ''}
<div>
<h1>${esc(site.title)}</h1>
${site.description ? `<p class="lead">${esc(site.description)}</p>` : ''}
</div>
</div>
</header>
<main id="lectures" class="wrap" tabindex="-1">
<p class="count">${count}</p>
${site.decks.length > 0 ? `<ol class="decks" role="list">\n${decks}\n</ol>` : '<p>No lectures have been published yet.</p>'}
</main>
<footer class="site-footer">
<div class="wrap">
<p><strong>Present</strong> opens the slides in the browser: arrow keys move between slides, <kbd>F</kbd> goes full screen, <kbd>P</kbd> opens the presenter view with the notes.</p>
</div>
</footer>
</body>
</html>
`.replace(/\n{2,}/g, '\n')
}

/** Where the site's pages are written: SiteStaging, or a plain folder in tests. */
export interface SiteWriter {
  path(sitePath: string): string
  write(sitePath: string, data: string | Uint8Array): Promise<void>
}

/** The logo the favicon and headers are made from, relative to the project root. */
export const LOGO_PATH = 'themes/assets/dsi-logo.svg'

const readOrNull = (file: string) => readFile(file).catch(() => null)

/** Drops thumbnails that were never made (an HTML-only build has no browser to make them). */
export async function withExistingThumbnails(site: SiteWriter, manifest: SiteManifest): Promise<SiteManifest> {
  const decks = await Promise.all(
    manifest.decks.map(async (d) => (d.thumbnail && (await readOrNull(site.path(d.thumbnail))) ? d : { ...d, thumbnail: undefined })),
  )
  return { ...manifest, decks }
}

/** Writes index.html, 404.html, favicon.svg (when the project has the logo) and .nojekyll. */
export async function writeSitePages(site: SiteWriter, root: string, manifest: SiteManifest): Promise<void> {
  const logoBytes = await readOrNull(path.join(root, ...LOGO_PATH.split('/')))
  const logo = logoBytes?.toString('utf8')
  const thumbnailSizes: Record<string, { width: number; height: number }> = {}
  for (const deck of manifest.decks) {
    const bytes = deck.thumbnail ? await readOrNull(site.path(deck.thumbnail)) : null
    const size = bytes ? jpegSize(bytes) : null
    if (size) thumbnailSizes[deck.name] = size
  }
  if (logo) await site.write('favicon.svg', faviconSvg(logo))
  await site.write('index.html', renderSiteIndex(manifest, { thumbnailSizes, favicon: Boolean(logo), logo }))
  await site.write('404.html', notFoundPage(manifest.title, logo))
  // GitHub Pages would otherwise run Jekyll, which hides files starting with `_`.
  await site.write('.nojekyll', '')
}
