import type { Rule } from '../rule.js'
import { findMisspellings, readWordList, WORDS_FILE } from '../spell-checker.js'
import { lineStarts } from '../parse-source.js'
import { spellableText } from '../spelling-text.js'

export const spelling: Rule = {
  id: 'spelling',
  severity: 'warning',
  description: `A word that is neither in the English dictionaries (US or British spelling) nor in the project word list, \`${WORDS_FILE}\`. Slide text only: code, math, URLs, HTML, comments, citations and reference lists are skipped.`,
  tags: ['text'],
  async check(deck, ctx, report) {
    const text = spellableText(deck)
    if (!/[A-Za-z]/.test(text)) return
    const found = await findMisspellings(text, ctx.root, await readWordList(ctx.root))
    const starts = lineStarts(text)
    let line = 1
    for (const m of found) {
      while (line + 1 < starts.length && starts[line + 1] <= m.offset) line++
      const lineStart = starts[line]
      const hint = m.suggestions.length > 0 ? `; did you mean ${m.suggestions.map((s) => `"${s}"`).join(', ')}?` : ''
      report({ line, column: m.offset - lineStart + 1, message: `unknown word "${m.word}"${hint} (if it is right, add it to ${WORDS_FILE})` })
    }
  },
}
