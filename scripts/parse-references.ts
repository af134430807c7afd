/**
 * Reference entries: the list items on slides whose heading starts with
 * "References". From each we read the first author's surname (or the
 * organisation) and the year of publication.
 */

export interface EntryFields {
  author: string
  year: string
}

const PAREN_YEAR = /\((?:[^()]*?\s)?((?:1[5-9]|20)\d\d[a-z]?)\)/g
/** A year that is not part of an identifier such as arXiv:2004.12345 or a page range. */
const BARE_YEAR = /(?<![\w:./-])((?:1[5-9]|20)\d\d[a-z]?)(?![\w/-]|\.\d)/g

export function isReferencesTitle(title: string): boolean {
  return /^references\b/i.test(title.trim())
}

export function parseEntry(text: string): EntryFields {
  const trimmed = text.trim()
  // "Hoffmann, Jordan, et al." → Hoffmann; "OpenAI. GPT-4 report" → OpenAI.
  const author = (/^[^,.(“"]+/.exec(trimmed)?.[0] ?? '').trim()
  return { author, year: entryYear(trimmed) }
}

/**
 * "(2022)" at the end is the usual place; otherwise the last bare year
 * ("O'Reilly Media, Inc., 2022", "Accessed August 30,2025: 2023").
 */
function entryYear(text: string): string {
  const inParens = [...text.matchAll(PAREN_YEAR)]
  if (inParens.length > 0) return inParens[inParens.length - 1][1]
  const bare = [...text.matchAll(BARE_YEAR)]
  return bare.length > 0 ? bare[bare.length - 1][1] : ''
}
