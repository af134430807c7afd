/** Matching in-text citations to reference entries, shared by the two citation rules. */
import type { Citation, ReferenceEntry } from '../deck.js'
import { authorKey } from '../parse-citations.js'

export function sameAuthor(citation: Citation, entry: ReferenceEntry): boolean {
  const cited = authorKey(citation.author)
  const listed = authorKey(entry.author)
  if (!cited || !listed) return false
  if (cited === listed) return true
  // "Mozilla Foundation" cited as "Mozilla", "van der Berg" as "Berg".
  const citedLast = authorKey(citation.author.split(/\s+/).pop() ?? '')
  const listedWords = entry.author.split(/\s+/).map(authorKey)
  return listedWords[0] === cited || listedWords[listedWords.length - 1] === citedLast
}

/** 2023a matches 2023a and 2023; 2023 matches 2023a only if that is the only letter form. */
export function sameYear(citation: Citation, entry: ReferenceEntry): boolean {
  if (citation.year === entry.year) return true
  const digits = (y: string) => y.slice(0, 4)
  if (digits(citation.year) !== digits(entry.year)) return false
  return citation.year.length === 4 || entry.year.length === 4
}

export function resolves(citation: Citation, references: ReferenceEntry[]): boolean {
  return references.some((entry) => sameAuthor(citation, entry) && sameYear(citation, entry))
}
