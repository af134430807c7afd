import { LINE_BREAK } from '../parse-source.js'
import type { Deck, ImageRef } from '../deck.js'
import { scanHtml } from '../parse-html.js'
import type { Rule } from '../rule.js'

/** Alt text that marks an image as decorative: `![bg decorative](texture.jpg)`. */
export const DECORATIVE_MARKER = 'decorative'

/** The <img> tag an html-img ref points at, read again from the source for the attributes the model drops. */
function imgAttributes(deck: Deck, ref: ImageRef): Map<string, string> {
  const lines = deck.source.split(LINE_BREAK)
  const from = lines.slice(ref.line - 1).join('\n').slice(ref.column - 1, ref.column - 1 + 4000)
  const tag = scanHtml(from).tags.find((t) => t.name === 'img' && !t.closing)
  return new Map((tag?.attrs ?? []).map((a) => [a.name.toLowerCase(), a.value]))
}

/** `<img alt="">`, `role="presentation"` or `aria-hidden="true"`: HTML's own ways to say "decorative". */
function htmlDecorative(attrs: Map<string, string>): boolean {
  if (attrs.get('alt') === '') return true
  if (['presentation', 'none'].includes(attrs.get('role')?.trim().toLowerCase() ?? '')) return true
  return attrs.get('aria-hidden')?.trim().toLowerCase() === 'true'
}

export const imageAltMissing: Rule = {
  id: 'image-alt-missing',
  severity: 'warning',
  description: `An image with no description for screen-reader users: its alt text is empty once Marp's keywords (bg, center, w:, h:, left, fit, filters such as blur or sepia:50%...) are removed. A decorative image opts out with the alt word \`${DECORATIVE_MARKER}\` (\`![bg ${DECORATIVE_MARKER}](texture.jpg)\`), or in HTML with \`<img alt="">\`.`,
  tags: ['images', 'accessibility'],
  check(deck, _ctx, report) {
    for (const ref of deck.images) {
      if (ref.source === 'markdown-image') {
        const words = ref.description.trim().toLowerCase().split(/\s+/)
        if (words.includes(DECORATIVE_MARKER)) continue
        if (ref.description.trim() !== '') continue
        const kept = ref.keywords.length > 0 ? ` (only Marp keywords: ${ref.keywords.join(' ')})` : ''
        report({
          line: ref.line,
          column: ref.column,
          message: `image ${ref.src} has no alt text${kept}: describe it${ref.keywords.length > 0 ? ' after the keywords' : ''}, e.g. ![${[...ref.keywords, 'what it shows'].join(' ')}](${ref.src}), or mark it ${DECORATIVE_MARKER}`,
        })
      } else if (ref.source === 'html-img') {
        if (ref.description.trim() !== '') continue
        if (htmlDecorative(imgAttributes(deck, ref))) continue
        report({ line: ref.line, column: ref.column, message: `<img src="${ref.src}"> has no alt text: add alt="what it shows" (or alt="" if it is decorative)` })
      }
    }
  },
}
