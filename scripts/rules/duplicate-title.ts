import { LINE_BREAK } from '../parse-source.js'
import type { Deck, Slide } from '../deck.js'
import type { Rule } from '../rule.js'

const normalise = (title: string) => title.replace(/\s+/g, ' ').trim().toLowerCase()

/** A slide with nothing but its heading: a section divider, which the next slide may repeat. */
function isDivider(slide: Slide): boolean {
  return normalise(slide.text) === normalise(slide.title)
}

/** The line of the slide's first ATX heading (the title), or the slide's first line. */
function titleLine(deck: Deck, slide: Slide): { line: number; column: number } {
  const lines = deck.source.split(LINE_BREAK)
  for (let line = slide.startLine; line <= slide.endLine; line++) {
    const at = (lines[line - 1] ?? '').search(/#{1,6}\s/)
    if (at >= 0 && /^\s{0,3}$/.test(lines[line - 1].slice(0, at))) return { line, column: at + 1 }
  }
  return { line: slide.startLine, column: 1 }
}

export const duplicateTitle: Rule = {
  id: 'duplicate-title',
  severity: 'warning',
  description:
    'Two slides with the same title (case and spacing ignored), such as "(1/2)" used twice: the PDF outline and the audience cannot tell them apart. A section divider (a slide with only its heading) may share its title with the content slides it introduces.',
  tags: ['text', 'structure'],
  check(deck, _ctx, report) {
    const first = new Map<string, Slide>()
    for (const slide of deck.slides) {
      const title = normalise(slide.title)
      if (!title) continue
      const key = `${isDivider(slide)}\n${title}`
      const earlier = first.get(key)
      if (!earlier) {
        first.set(key, slide)
        continue
      }
      const at = titleLine(deck, slide)
      report({ ...at, message: `slide ${slide.index + 1} has the same title as slide ${earlier.index + 1} (line ${titleLine(deck, earlier).line}): "${slide.title}"` })
    }
  },
}
