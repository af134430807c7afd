import { LINE_BREAK } from '../parse-source.js'
import { isKnownDirective } from '../parse-directives.js'
import { GLOBAL_DIRECTIVES, LOCAL_DIRECTIVES } from '../marp-parser.js'
import type { Slide } from '../deck.js'
import type { Rule } from '../rule.js'
import { closest } from '../suggest.js'

const KNOWN = [...GLOBAL_DIRECTIVES, ...LOCAL_DIRECTIVES]

/** `key: value` lines, as a directive comment is written. */
const KEY_LINE = /^\s*(_?[A-Za-z][\w-]*)\s*:(?!\/\/)\s*\S/

function suggestion(key: string): string | undefined {
  const spot = key.startsWith('_')
  const name = closest(spot ? key.slice(1) : key, KNOWN)
  if (!name || (spot && GLOBAL_DIRECTIVES.has(name))) return undefined
  return spot ? `_${name}` : name
}

export const directiveUnknown: Rule = {
  id: 'directive-unknown',
  severity: 'warning',
  description:
    'A front-matter key that is not a Marp directive (Marp ignores it silently), or a comment that looks like a misspelt directive (`<!-- _clas: lead -->` is a speaker note, not a class). The message suggests the directive it was probably meant to be.',
  tags: ['directives'],
  check(deck, _ctx, report) {
    for (const d of deck.directives) {
      if (d.origin !== 'front-matter') continue
      const key = d.scoped ? `_${d.name}` : d.name
      if (isKnownDirective(key)) continue
      const near = suggestion(key)
      report({
        line: d.line,
        column: d.column,
        message: near ? `"${key}" is not a Marp directive; did you mean "${near}"?` : `"${key}" is not a Marp directive: Marp ignores it`,
      })
    }
    // Comments with only unknown keys are speaker notes to Marp: flag the ones one typo away from a directive.
    const lines = deck.source.split(LINE_BREAK)
    for (const slide of deck.slides) {
      for (const note of slide.notes) {
        const noteLines = note.split('\n')
        if (!noteLines.every((l) => KEY_LINE.test(l) || !l.trim())) continue
        for (const noteLine of noteLines) {
          const key = KEY_LINE.exec(noteLine)?.[1]
          const near = key && !isKnownDirective(key) ? suggestion(key) : undefined
          const at = key && near ? keyPosition(lines, slide, key) : undefined
          if (at) report({ ...at, message: `"${key}" is not a Marp directive, so this comment is a speaker note; did you mean "${near}"?` })
        }
      }
    }
  },
}

/** Where `key:` is written on the slide's lines (keys are letters, digits, `_` and `-`: nothing to escape). */
function keyPosition(lines: string[], slide: Slide, key: string): { line: number; column: number } | undefined {
  const written = new RegExp(`(^|<!--|\\s)${key}\\s*:`)
  for (let i = Math.max(slide.startLine - 1, 0); i < Math.min(slide.endLine, lines.length); i++) {
    const column = lines[i].search(written)
    if (column >= 0) return { line: i + 1, column: lines[i].indexOf(key, column) + 1 }
  }
  return undefined
}
