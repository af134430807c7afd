import { Marp } from '@marp-team/marp-core'
import { htmlAllowlist, marpOptions } from '../marp.config.mjs'
import { hashParts, sha256 } from './cache.js'
import type { BundledTheme } from './theme-bundle.js'

/**
 * The Marp engine the pipeline renders with: the same options as
 * marp.config.mjs (so `npx marp` and VS Code agree), plus the bundled themes.
 */
export function createMarp(themes: BundledTheme[]): Marp {
  const marp = new Marp({ ...marpOptions, html: htmlAllowlist, inlineSVG: true })
  for (const theme of themes) marp.themeSet.add(theme.css)
  return marp
}

export interface PrintDocument {
  /** A standalone HTML page with every slide stacked, one per printed page. */
  html: string
  slideCount: number
  /** Speaker notes per slide (Marp's HTML comments). */
  notes: string[][]
  /**
   * What each slide's picture depends on, for the per-slide image cache;
   * absent when the rendered HTML could not be split into one part per slide.
   */
  fingerprints?: SlideFingerprints
}

export interface SlideFingerprints {
  /** Hash of what every slide shares: the CSS (theme, global and scoped styles), the page CSS and size, the language. */
  shared: string
  /** Hash of each slide's own `<svg data-marpit-svg>` element as Marp rendered it. */
  slides: string[]
}

export interface PrintMeta {
  title: string
  lang: string
  width: number
  height: number
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string)

/**
 * Renders a deck for the browser conversions (PDF, PPTX, thumbnails). Every
 * slide is a fixed-size box stacked vertically: printed, each becomes a page;
 * on screen, slide i sits at y = i * height, so screenshots are plain clips.
 */
export function renderPrintDocument(marp: Marp, markdown: string, meta: PrintMeta): PrintDocument {
  const rendered = marp.render(markdown)
  const { comments } = rendered
  const { html, css } = stableScopes(rendered.html, rendered.css)
  const { width, height } = meta
  const page = `
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
body { width: ${width}px; }
div.marpit > svg[data-marpit-svg] { display: block; width: ${width}px; height: ${height}px; break-after: page; }
div.marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
`
  const lang = escapeHtml(meta.lang || 'en')
  const doc =
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(meta.title)}</title><style>${css}</style><style>${page}</style></head>` +
    `<body>${html}</body></html>`
  const slides = splitSlides(html)
  const fingerprints =
    slides && slides.length === comments.length ? { shared: hashParts([lang, css, page]), slides: slides.map((s) => sha256(s)) } : undefined
  return { html: doc, slideCount: comments.length, notes: comments, ...(fingerprints ? { fingerprints } : {}) }
}

const SLIDE_OPEN = '<svg data-marpit-svg'
const CONTAINER_OPEN = '<div class="marpit">'

/**
 * Marp's inline-SVG HTML is `<div class="marpit">` around one
 * `<svg data-marpit-svg>` per slide, side by side. The opening tag cannot come
 * from a deck (raw `<svg>` is not in the HTML allowlist, and code is escaped),
 * so each occurrence starts a slide. Null when the HTML is not that shape.
 */
function splitSlides(html: string): string[] | null {
  if (!html.startsWith(CONTAINER_OPEN + SLIDE_OPEN) || !html.endsWith('</svg></div>')) return null
  const body = html.slice(CONTAINER_OPEN.length, -'</div>'.length)
  return body.split(SLIDE_OPEN).slice(1).map((part) => SLIDE_OPEN + part)
}

/**
 * Marpit names each slide's scoped styles with a random key
 * (`data-marpit-scope-aB3xYz9Q`, `@keyframes spin-aB3xYz9Q`), new on every
 * render: it is replaced by one made from the slide number, so the same deck
 * renders to the same document and its slides keep their fingerprints.
 */
function stableScopes(html: string, css: string): { html: string; css: string } {
  const keys = new Map<string, string>()
  let slide = 0
  for (const m of html.matchAll(/<svg data-marpit-svg| data-marpit-scope-([A-Za-z0-9]{8})=""/g)) {
    if (!m[1]) slide++
    else if (!keys.has(m[1])) keys.set(m[1], `slide${slide}`)
  }
  if (keys.size === 0) return { html, css }
  const pattern = new RegExp([...keys.keys()].join('|'), 'g')
  const replace = (text: string) => text.replace(pattern, (key) => keys.get(key)!)
  return { html: replace(html), css: replace(css) }
}
