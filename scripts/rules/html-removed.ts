import { htmlAllowlist, safeUrl } from '../../marp.config.mjs'
import { scanHtml, type HtmlTag } from '../parse-html.js'
import { SourceLines } from '../parse-source.js'
import type { Rule } from '../rule.js'

/**
 * Tags Marpit takes out of the markdown before marp-core sanitises it
 * (`<style>` becomes deck CSS), so the allowlist never sees them.
 */
const HANDLED_BY_MARPIT = new Set(['style'])

/** The attributes marp-core keeps on an allowlisted tag, and the URL filters it applies. */
function allowedAttributes(tag: string): { names: Set<string>; filters: Record<string, (value: string) => string> } | undefined {
  const entry = htmlAllowlist[tag]
  if (entry === undefined) return undefined
  if (Array.isArray(entry)) return { names: new Set(entry), filters: {} }
  return { names: new Set(Object.keys(entry)), filters: entry }
}

function problemsWith(tag: HtmlTag, html: string): { offset: number; message: string }[] {
  if (HANDLED_BY_MARPIT.has(tag.name)) return []
  const allowed = allowedAttributes(tag.name)
  if (!allowed) {
    const why = tag.name === 'script' || tag.name === 'iframe' || tag.name === 'object' || tag.name === 'embed'
      ? 'it could run script or load another page'
      : 'it is not in the HTML allowlist (marp.config.mjs)'
    return [{ offset: tag.offset, message: `<${tag.name}> is removed from the slides (shown as plain text): ${why}` }]
  }
  const found: { offset: number; message: string }[] = []
  const lower = html.toLowerCase()
  for (const attr of tag.attrs) {
    // Point at the attribute's name (the scanner records where its value starts).
    const named = lower.lastIndexOf(attr.name, attr.offset)
    const offset = named >= tag.offset ? named : attr.offset
    if (/^on/.test(attr.name)) {
      found.push({ offset, message: `the event handler ${attr.name}="…" on <${tag.name}> is removed: slides cannot run script` })
    } else if (!allowed.names.has(attr.name)) {
      const keep = [...allowed.names].join(', ') || 'none'
      found.push({ offset, message: `the attribute ${attr.name} on <${tag.name}> is removed (allowed: ${keep}); use a class and the theme CSS instead` })
    } else if (allowed.filters[attr.name] === safeUrl && safeUrl(attr.value) === '' && attr.value.trim() !== '') {
      const scheme = /^\s*([a-z][a-z0-9+.-]*:(?:[a-z]+\/[a-z0-9.+-]+)?)/i.exec(attr.value)?.[1] ?? attr.value.slice(0, 20)
      found.push({ offset, message: `the ${scheme} URL in ${attr.name} on <${tag.name}> is removed: only http(s), relative paths and data: images are allowed` })
    }
  }
  return found
}

export const htmlRemoved: Rule = {
  id: 'html-removed',
  severity: 'warning',
  description:
    'Raw HTML that the allowlist in marp.config.mjs takes out of the published slides: <script>, <iframe>, <object>, <embed> and other tags not on the list, on* event handlers, attributes not on the list, and javascript: or data:text/html URLs. The slide will not show what the author wrote.',
  tags: ['html', 'security'],
  check(deck, _ctx, report) {
    const lines = new SourceLines(deck.source)
    for (const fragment of deck.html) {
      // The fragment keeps one content line per source line (prefixes such as
      // `> ` or list indentation stripped): the mapper finds each line again.
      const at = lines.mapper(fragment.content, fragment.line - 1, fragment.column - 1)
      for (const tag of scanHtml(fragment.content).tags) {
        if (tag.closing) continue
        for (const problem of problemsWith(tag, fragment.content)) report({ ...at(problem.offset), message: problem.message })
      }
    }
  },
}
