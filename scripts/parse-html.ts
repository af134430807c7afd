/**
 * A small scanner for the HTML that decks embed (`<img>`, `<a>`, `<center>`
 * captions, `<style>`). It only needs tags, a few attributes and the text
 * between tags, each with its offset in the fragment; it never throws.
 */

export interface HtmlAttribute {
  name: string
  value: string
  /** Offset of the value (or of the name when there is no value). */
  offset: number
}

export interface HtmlTag {
  name: string
  closing: boolean
  offset: number
  end: number
  attrs: HtmlAttribute[]
}

export interface HtmlScan {
  tags: HtmlTag[]
  /** Text between tags (entities decoded), and per character its offset. */
  text: string
  offsets: number[]
  styles: { css: string; offset: number }[]
  comments: { content: string; offset: number }[]
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" }

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

function parseTag(html: string, start: number): HtmlTag | undefined {
  const match = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(html.slice(start, start + 64))
  if (!match) return undefined
  // Find the closing `>` outside quoted attribute values.
  let quote = ''
  let i = start + match[0].length
  for (; i < html.length; i++) {
    const c = html[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") quote = c
    else if (c === '>') break
  }
  const end = Math.min(i + 1, html.length)
  const body = html.slice(start + match[0].length, i)
  const bodyOffset = start + match[0].length
  const attrs: HtmlAttribute[] = []
  ATTRIBUTE.lastIndex = 0
  for (let m = ATTRIBUTE.exec(body); m; m = ATTRIBUTE.exec(body)) {
    const raw = m[2] ?? m[3] ?? m[4]
    const valueAt = raw === undefined ? m.index : m.index + m[0].length - raw.length - (m[4] === undefined ? 1 : 0)
    attrs.push({ name: m[1].toLowerCase(), value: decodeEntities(raw ?? ''), offset: bodyOffset + valueAt })
  }
  return { name: match[2].toLowerCase(), closing: match[1] === '/', offset: start, end, attrs }
}

export function scanHtml(html: string): HtmlScan {
  const scan: HtmlScan = { tags: [], text: '', offsets: [], styles: [], comments: [] }
  const pushText = (from: number, to: number) => {
    const raw = html.slice(from, to)
    if (!raw.includes('&')) {
      scan.text += raw
      for (let i = from; i < to; i++) scan.offsets.push(i)
      return
    }
    // Decode entity by entity so each decoded character keeps its offset.
    const entity = /&(#x[0-9a-f]+|#\d+|[a-z]+);/gi
    let last = 0
    for (let m = entity.exec(raw); m; m = entity.exec(raw)) {
      pushText(from + last, from + m.index)
      const decoded = decodeEntities(m[0])
      scan.text += decoded
      for (let k = 0; k < decoded.length; k++) scan.offsets.push(from + m.index)
      last = m.index + m[0].length
    }
    const rest = raw.slice(last)
    scan.text += rest
    for (let k = 0; k < rest.length; k++) scan.offsets.push(from + last + k)
  }
  let at = 0
  while (at < html.length) {
    const lt = html.indexOf('<', at)
    if (lt < 0) {
      pushText(at, html.length)
      break
    }
    pushText(at, lt)
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4)
      const end = close < 0 ? html.length : close + 3
      scan.comments.push({ content: html.slice(lt + 4, close < 0 ? html.length : close).trim(), offset: lt })
      at = end
      continue
    }
    const tag = parseTag(html, lt)
    if (!tag) {
      pushText(lt, lt + 1)
      at = lt + 1
      continue
    }
    scan.tags.push(tag)
    at = tag.end
    if (!tag.closing && (tag.name === 'style' || tag.name === 'script')) {
      const close = html.toLowerCase().indexOf(`</${tag.name}`, at)
      const end = close < 0 ? html.length : close
      if (tag.name === 'style') scan.styles.push({ css: html.slice(at, end), offset: at })
      at = end
    }
    // A line break between tags separates words in the visible text.
    if (tag.name === 'br' || tag.name === 'p' || tag.name === 'div') {
      scan.text += ' '
      scan.offsets.push(tag.offset)
    }
  }
  return scan
}

export function attribute(tag: HtmlTag, name: string): HtmlAttribute | undefined {
  return tag.attrs.find((a) => a.name === name)
}
