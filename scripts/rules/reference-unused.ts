import type { Rule } from '../rule.js'
import { sameAuthor } from './citation-match.js'

export const referenceUnused: Rule = {
  id: 'reference-unused',
  severity: 'warning',
  description:
    'A reference entry (a list item on a "References" slide) that no in-text citation names. An entry whose author is cited with the wrong year is not reported here: citation-unresolved reports the citation.',
  tags: ['citations'],
  check(deck, _ctx, report) {
    for (const entry of deck.references) {
      if (!entry.author) {
        report({ line: entry.line, column: entry.column, message: 'cannot read the first author of this reference entry: start it with "Surname, Given name."' })
        continue
      }
      if (deck.citations.some((c) => sameAuthor(c, entry))) continue
      report({
        line: entry.line,
        column: entry.column,
        message: `${entry.author}${entry.year ? ` (${entry.year})` : ''} is never cited on the slides`,
      })
    }
  },
}
