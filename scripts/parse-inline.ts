/**
 * Walks the children of one markdown-it `inline` token and recovers what the
 * checks need with offsets into the token's content: the visible text (for
 * citations and spell checks), images and links with their URLs as written,
 * inline HTML and inline comments.
 */
import { alignText } from './parse-source.js'
import type { Token } from './marp-parser.js'

export interface InlineImage {
  offset: number
  src: string
  alt: string
  token: Token
}

export interface InlineLink {
  offset: number
  href: string
  text: string
}

export interface InlineScan {
  text: string
  offsets: number[]
  images: InlineImage[]
  links: InlineLink[]
  html: { offset: number; content: string }[]
  comments: { offset: number; content: string; meta: Record<string, unknown> | null }[]
}

/** Reads `(dest "title")` starting at the `(`; returns the destination as written and the end offset. */
export function readDestination(s: string, open: number): { raw: string; end: number } | undefined {
  if (s[open] !== '(') return undefined
  let i = open + 1
  while (i < s.length && /\s/.test(s[i])) i++
  let raw: string
  if (s[i] === '<') {
    const close = s.indexOf('>', i)
    if (close < 0) return undefined
    raw = s.slice(i + 1, close)
    i = close + 1
  } else {
    let depth = 0
    const start = i
    for (; i < s.length; i++) {
      const c = s[i]
      if (c === '\\') i++
      else if (c === '(') depth++
      else if (c === ')') {
        if (depth === 0) break
        depth--
      } else if (/\s/.test(c)) break
    }
    raw = s.slice(start, Math.min(i, s.length))
  }
  while (i < s.length && /\s/.test(s[i])) i++
  const quote = s[i]
  if (quote === '"' || quote === "'" || quote === '(') {
    const closeQuote = s.indexOf(quote === '(' ? ')' : quote, i + 1)
    i = closeQuote < 0 ? s.length : closeQuote + 1
    while (i < s.length && /\s/.test(s[i])) i++
  }
  return { raw, end: s[i] === ')' ? i + 1 : i }
}

/** Offset just past the `]` matching the `[` at `open`. */
function closingBracket(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    const c = s[i]
    if (c === '\\') i++
    else if (c === '[') depth++
    else if (c === ']' && --depth === 0) return i
  }
  return -1
}

/** After a link text or image alt ends at `close` (`]`), skip `(dest)` or `[label]`. */
function skipTarget(s: string, close: number): { raw?: string; end: number } {
  if (s[close + 1] === '(') {
    const dest = readDestination(s, close + 1)
    if (dest) return dest
  }
  if (s[close + 1] === '[') {
    const end = s.indexOf(']', close + 2)
    return { end: end < 0 ? close + 1 : end + 1 }
  }
  return { end: close + 1 }
}

export function scanInline(content: string, children: Token[]): InlineScan {
  const scan: InlineScan = { text: '', offsets: [], images: [], links: [], html: [], comments: [] }
  let cursor = 0
  const addText = (text: string) => {
    const { offsets, end } = alignText(text, content, cursor)
    scan.text += text
    for (const o of offsets) scan.offsets.push(o)
    cursor = Math.max(cursor, end)
  }
  const addGap = (at: number) => {
    scan.text += ' '
    scan.offsets.push(Math.min(at, Math.max(content.length - 1, 0)))
  }
  const openLinks: { link: InlineLink; textStart: number; autolink: boolean }[] = []
  for (let i = 0; i < children.length; i++) {
    const child = children[i]
    switch (child.type) {
      case 'text':
        addText(child.content)
        break
      case 'softbreak':
      case 'hardbreak': {
        const nl = content.indexOf('\n', cursor)
        addGap(nl < 0 ? cursor : nl)
        if (nl >= 0) cursor = nl + 1
        break
      }
      case 'code_inline':
      case 'marp_math_inline':
      case 'math_inline': {
        const at = content.indexOf(child.content, cursor)
        addGap(at < 0 ? cursor : at)
        if (at >= 0) cursor = at + child.content.length + (child.markup?.length ?? 0)
        break
      }
      case 'image': {
        const open = content.indexOf('![', cursor)
        const close = open < 0 ? -1 : closingBracket(content, open + 1)
        const target = close < 0 ? { end: cursor } : skipTarget(content, close)
        scan.images.push({
          offset: open < 0 ? cursor : open,
          src: target.raw ?? child.attrGet('src') ?? '',
          alt: close < 0 ? child.content : content.slice(open + 2, close),
          token: child,
        })
        cursor = Math.max(cursor, target.end)
        break
      }
      case 'link_open': {
        const autolink = child.markup === 'linkify' || child.markup === 'autolink'
        const href = child.attrGet('href') ?? ''
        let offset: number
        if (autolink) {
          const label = children[i + 1]?.type === 'text' ? children[i + 1].content : href
          const at = content.indexOf(label, cursor)
          offset = at < 0 ? cursor : child.markup === 'autolink' && content[at - 1] === '<' ? at - 1 : at
        } else {
          const at = content.indexOf('[', cursor)
          offset = at < 0 ? cursor : at
          if (at >= 0) cursor = at + 1
        }
        const link: InlineLink = { offset, href, text: '' }
        scan.links.push(link)
        openLinks.push({ link, textStart: scan.text.length, autolink })
        break
      }
      case 'link_close': {
        const open = openLinks.pop()
        if (!open) break
        open.link.text = scan.text.slice(open.textStart)
        if (open.autolink) {
          if (content[cursor] === '>') cursor++
          break
        }
        const close = content.indexOf(']', cursor)
        if (close >= 0) {
          const target = skipTarget(content, close)
          if (target.raw !== undefined) open.link.href = target.raw
          cursor = target.end
        }
        break
      }
      case 'html_inline': {
        const at = content.indexOf(child.content, cursor)
        scan.html.push({ offset: at < 0 ? cursor : at, content: child.content })
        if (at >= 0) cursor = at + child.content.length
        if (/^<br\b/i.test(child.content)) addGap(at < 0 ? cursor : at)
        break
      }
      case 'marpit_comment': {
        const at = content.indexOf('<!--', cursor)
        const end = at < 0 ? -1 : content.indexOf('-->', at)
        scan.comments.push({
          offset: at < 0 ? cursor : at,
          content: child.content,
          meta: child.meta as Record<string, unknown> | null,
        })
        if (end >= 0) cursor = end + 3
        break
      }
      default:
        // Emphasis markers and other wrappers: their text children follow.
        break
    }
  }
  return scan
}
