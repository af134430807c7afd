// @ts-check
/**
 * Marp settings shared by every way of building a deck: `npx marp slides/x.md`,
 * Marp for VS Code (via .vscode/settings.json) and the pipeline in scripts/,
 * which imports this file so the three render the same slides.
 */

/**
 * URL schemes that may run script or smuggle a document into a page. marp-core
 * keeps allowlisted attributes verbatim, so URLs get their own filter.
 */
const UNSAFE_URL = /^\s*(?:javascript|vbscript|file):|^\s*data:(?!image\/(?:png|jpe?g|gif|webp|avif)[;,])/i

/** @param {string} value */
export const safeUrl = (value) => (UNSAFE_URL.test(value) ? '' : value)

/**
 * Raw HTML allowed in decks (marp-core sanitises everything else with `xss`).
 * Decks need captions (`<center>`), line breaks, images and classed blocks;
 * script, frames, embeds and `on*` handlers never reach a page.
 * @type {Record<string, string[] | Record<string, (value: string) => string>>}
 */
export const htmlAllowlist = {
  center: [],
  br: [],
  p: ['class'],
  div: ['class'],
  span: ['class'],
  img: { src: safeUrl, alt: String, width: String, height: String, class: String, title: String },
  a: { href: safeUrl, title: String, class: String },
  b: [],
  i: [],
  em: [],
  strong: [],
  u: [],
  s: [],
  sub: [],
  sup: [],
  small: [],
  mark: [],
  kbd: [],
  code: [],
  ul: [],
  ol: [],
  li: [],
}

/**
 * marp-core options. Emoji stay Unicode text (Marp's default turns them into
 * Twemoji images from a CDN, and the build is offline); math uses MathJax,
 * which renders self-contained SVG.
 * @type {import('@marp-team/marp-core').MarpOptions}
 */
export const marpOptions = {
  emoji: { shortcode: true, unicode: false },
  math: 'mathjax',
  minifyCSS: true,
}

/** @type {import('@marp-team/marp-cli').Config} */
const config = {
  themeSet: ['./themes'],
  html: htmlAllowlist,
  lang: 'en',
  options: marpOptions,
  bespoke: { progress: true },
  pdfOutlines: { pages: false, headings: true },
}

export default config
