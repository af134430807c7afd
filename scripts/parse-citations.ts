/**
 * In-text citations in author-year style. A citation needs an author-like
 * capitalised name and a 4-digit year (optionally with a letter, 2023a), so
 * "(1/2)", "(RLHF)", "(key, value)" or "(C4)" are not citations.
 */

export interface CitationMatch {
  /** Offset of the citation in the scanned text. */
  offset: number
  raw: string
  author: string
  year: string
}

const NAME = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*`
const PARTICLE = String.raw`(?:van|von|der|den|de|da|di|du|la|le|del|dos|bin|al-)`
const AUTHOR = String.raw`(?:${PARTICLE}\s+)*${NAME}(?:\s+(?:${PARTICLE}\s+)*${NAME})*`
const YEAR = String.raw`(?:1[5-9]|20)\d\d[a-z]?`

/** One part of a parenthetical group: "Hoffmann et al., 2022", "Baack and Mozilla Insights, 2024". */
const PART = new RegExp(
  String.raw`^(?:(?:see|e\.g\.|cf\.|i\.e\.)[,]?\s+)?(?<author>${AUTHOR})` +
    String.raw`(?:\s*,?\s+et\s+al\.?)?(?:\s*,?\s+(?:and|&)\s+(?:${AUTHOR}))?` +
    String.raw`\s*,?\s+(?<year>${YEAR})$`,
  'u',
)

/** "Vaswani et al. (2017)", "Huyen (2025)", "Baack and Mozilla Insights (2024)". */
const NARRATIVE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?<author>${NAME})(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?:${AUTHOR}))?\s+\((?<year>${YEAR})\)`,
  'gu',
)

/** Capitalised words that start sentences or label things, not authors. */
const NOT_AUTHORS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'In', 'On', 'At', 'From', 'To', 'By', 'For', 'And', 'Or', 'See', 'Since',
  'Figure', 'Fig.', 'Table', 'Paper', 'Source', 'Ref.', 'Year', 'Updated', 'Published', 'Accessed', 'Retrieved',
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
])

const GROUP = /\(([^()]*\d{4}[a-z]?)\s*\)/g

export function findCitations(text: string): CitationMatch[] {
  const found: CitationMatch[] = []
  const taken: [number, number][] = []
  GROUP.lastIndex = 0
  for (let m = GROUP.exec(text); m; m = GROUP.exec(text)) {
    const inner = m[1]
    const parts = inner.split(';')
    const single = parts.length === 1
    let partOffset = m.index + 1
    for (const part of parts) {
      const lead = part.length - part.trimStart().length
      const trimmed = part.trim()
      const match = PART.exec(trimmed)
      if (match?.groups && !NOT_AUTHORS.has(match.groups.author)) {
        found.push({
          offset: single ? m.index : partOffset + lead,
          raw: single ? m[0] : trimmed,
          author: match.groups.author,
          year: match.groups.year,
        })
        taken.push([m.index, m.index + m[0].length])
      }
      partOffset += part.length + 1
    }
  }
  NARRATIVE.lastIndex = 0
  for (let m = NARRATIVE.exec(text); m; m = NARRATIVE.exec(text)) {
    const start = m.index
    if (!m.groups || NOT_AUTHORS.has(m.groups.author)) continue
    if (taken.some(([a, b]) => start < b && start + m![0].length > a)) continue
    found.push({ offset: start, raw: m[0], author: m.groups.author, year: m.groups.year })
  }
  return found.sort((a, b) => a.offset - b.offset)
}

/** Compares author names the way a reader would: case, accents, spaces and punctuation ignored. */
export function authorKey(author: string): string {
  return author
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}
