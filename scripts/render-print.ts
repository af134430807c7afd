import { Marp } from '@marp-team/marp-core'
import { htmlAllowlist, marpOptions } from '../marp.config.mjs'
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
  const { html, css, comments } = marp.render(markdown)
  const { width, height } = meta
  const page = `
@page { size: ${width}px ${height}px; margin: 0; }
html, body { margin: 0; padding: 0; background: #fff; }
body { width: ${width}px; }
div.marpit > svg[data-marpit-svg] { display: block; width: ${width}px; height: ${height}px; break-after: page; }
div.marpit > svg[data-marpit-svg]:last-child { break-after: auto; }
`
  const doc =
    `<!DOCTYPE html><html lang="${escapeHtml(meta.lang || 'en')}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(meta.title)}</title><style>${css}</style><style>${page}</style></head>` +
    `<body>${html}</body></html>`
  return { html: doc, slideCount: comments.length, notes: comments }
}
