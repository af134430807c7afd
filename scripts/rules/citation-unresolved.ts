import type { Rule } from '../rule.js'
import { sameAuthor, sameYear } from './citation-match.js'

export const citationUnresolved: Rule = {
  id: 'citation-unresolved',
  severity: 'error',
  description:
    'An in-text citation, parenthetical "(Huyen, 2025)", "(Hoffmann et al., 2022)", "(Smith, 2020; Lee, 2021)" or narrative "Vaswani et al. (2017)", with no matching entry on the References slides. When the author matches an entry but the year differs, the message names the entry\'s year.',
  tags: ['citations'],
  check(deck, _ctx, report) {
    for (const citation of deck.citations) {
      const byAuthor = deck.references.filter((entry) => sameAuthor(citation, entry))
      if (byAuthor.some((entry) => sameYear(citation, entry))) continue
      let problem: string
      if (deck.references.length === 0) problem = 'the deck has no References slide to cite from'
      else if (byAuthor.length === 0) problem = `no reference entry for ${citation.author}`
      else {
        const years = [...new Set(byAuthor.map((e) => e.year || 'no year'))]
        problem = years.length === 1 ? `the reference says ${years[0]}` : `the references say ${years.slice(0, -1).join(', ')} and ${years[years.length - 1]}`
      }
      report({ line: citation.line, column: citation.column, message: `${citation.raw}: ${problem}` })
    }
  },
}
