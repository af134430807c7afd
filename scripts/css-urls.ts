/**
 * `url(...)` references in CSS (deck <style> blocks, backgroundImage
 * directives, theme files), found with a real CSS parser so comments, strings
 * and `@import` are not mistaken for assets.
 */
import postcss from 'postcss'
import valueParser from 'postcss-value-parser'

export interface CssUrl {
  url: string
  /** Offset of `url(` in the CSS text. */
  offset: number
}

export interface CssUrlScan {
  urls: CssUrl[]
  /** Set when the CSS does not parse: the message and the offset of the error. */
  error?: { message: string; offset: number }
}

/** url() functions in one CSS value; `offset` is where the value starts. */
export function urlsInValue(value: string, offset = 0): CssUrl[] {
  const urls: CssUrl[] = []
  valueParser(value).walk((node) => {
    if (node.type !== 'function' || node.value.toLowerCase() !== 'url') return
    const inner = node.nodes[0]
    const url = (inner?.type === 'string' || inner?.type === 'word' ? inner.value : valueParser.stringify(node.nodes)).trim()
    if (url) urls.push({ url, offset: offset + node.sourceIndex })
  })
  return urls
}

export function urlsInCss(css: string): CssUrlScan {
  let root: postcss.Root
  try {
    root = postcss.parse(css)
  } catch (error) {
    const e = error as { reason?: string; message?: string; line?: number; column?: number }
    return { urls: [], error: { message: e.reason ?? e.message ?? String(error), offset: offsetOf(css, e.line ?? 1, e.column ?? 1) } }
  }
  const urls: CssUrl[] = []
  root.walkDecls((decl) => {
    if (!/url\(/i.test(decl.value)) return
    const start = decl.source?.start?.offset ?? offsetOf(css, decl.source?.start?.line ?? 1, decl.source?.start?.column ?? 1)
    const between = typeof decl.raws.between === 'string' ? decl.raws.between : ':'
    const raw = (decl.raws as { value?: { raw?: string } }).value?.raw ?? decl.value
    urls.push(...urlsInValue(raw, start + decl.prop.length + between.length))
  })
  return { urls }
}

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset)
    if (nl < 0) break
    offset = nl + 1
  }
  return offset + column - 1
}

