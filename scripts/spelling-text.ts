/**
 * The part of a deck a spell checker should read: the source with everything
 * that is not prose blanked out (front matter, code, math, HTML tags and
 * comments, image syntax, link targets, URLs, citations, reference lists).
 * Blanking keeps every other character where it was, so an offset into the
 * result is an offset into the deck source and positions need no mapping.
 */
import type { Deck } from './deck.js'
import { marpTokens } from './marp-parser.js'
import { isReferencesTitle } from './parse-references.js'
import { lineStarts } from './parse-source.js'

/** Block tokens whose whole line range is code, not prose. */
const CODE_BLOCKS = new Set(['fence', 'code_block', 'marpit_style', 'math_block', 'marp_math_block', 'front_matter'])

/** Inline patterns that are not prose, blanked in this order. */
const NOT_PROSE: RegExp[] = [
  /<!--[\s\S]*?-->/g, // comments: directives and speaker notes
  /<(style|script)\b[\s\S]*?<\/\1\s*>/gi,
  /<\/?[A-Za-z][^<>]*>/g, // HTML tags (the text between them stays) and <autolinks>
  /&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, // entities
  /(`+)[^\n]*?\1/g, // inline code
  /\$\$[\s\S]*?\$\$/g,
  /\$(?=[^\s$])[^$\n]*?[^\s$\\]\$/g, // inline math, as Marp's math plugin reads it
  /!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\])/g, // images: alt is Marp keywords as much as words
  /\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+("|')[^\n]*?\1)?\)/g, // link targets (the link text stays)
  /^ {0,3}\[[^\]\n]+\]:.*$/gm, // reference-style link definitions
  /\b(?:https?|ftp|file):\/\/[^\s<>"'`]+/gi,
  /\bwww\.[^\s<>"'`]+/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, // e-mail addresses
  /\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|ai|edu|gov|dev|co|uk|ca)\b[^\s<>"'`)]*/gi, // bare domains
]

function blank(chars: string[], start: number, end: number): void {
  for (let i = Math.max(start, 0); i < Math.min(end, chars.length); i++) {
    if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' '
  }
}

export function spellableText(deck: Deck): string {
  const source = deck.source
  // One entry per UTF-16 unit (not per code point), so offsets stay JS string offsets.
  const chars = source.split('')
  const starts = lineStarts(source)
  const lineRange = (first: number, last: number) => blank(chars, starts[first] ?? source.length, starts[last + 1] ?? source.length)

  if (deck.frontMatterLines) lineRange(deck.frontMatterLines.start, deck.frontMatterLines.end)
  for (const token of marpTokens(source)) {
    if (CODE_BLOCKS.has(token.type) && token.map) lineRange(token.map[0] + 1, token.map[1])
  }
  for (const pattern of NOT_PROSE) {
    const current = chars.join('')
    for (const m of current.matchAll(pattern)) {
      // Link targets: keep the closing `]` of the link text, blank from `(`.
      const from = m[0].startsWith('](') ? m.index + 1 : m.index
      blank(chars, from, m.index + m[0].length)
    }
  }
  for (const c of deck.citations) {
    const at = (starts[c.line] ?? 0) + c.column - 1
    const end = source.startsWith(c.raw, at) ? at + c.raw.length : closingParen(source, at)
    blank(chars, at, end)
  }
  // Reference lists are names, titles and venues: the citation checks read them.
  for (const slide of deck.slides) {
    if (!isReferencesTitle(slide.title)) continue
    for (let line = slide.startLine; line <= slide.endLine; line++) {
      const text = source.slice(starts[line] ?? source.length, starts[line + 1] ?? source.length)
      if (!/^\s*#/.test(text)) lineRange(line, line)
    }
  }
  return chars.join('')
}

/** End of the citation starting at `at` when the source spells it differently from `raw` (emphasis, a line break). */
function closingParen(source: string, at: number): number {
  const close = source.indexOf(')', at)
  const found = /[\r\n]/.exec(source.slice(at))
  const newline = found ? at + found.index : -1
  if (close < 0) return newline < 0 ? source.length : newline
  return newline >= 0 && newline < close ? newline : close + 1
}
