/** How findings are printed: one text line each, JSON, or GitHub workflow annotations. */
import type { Diagnostic } from './deck.js'

/** `slides/x.md:58:9 error citation-unresolved (Bommasani et al, 2025): the reference says 2021` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`
}

/** Workflow command data: %, CR and LF are escaped. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Workflow command properties also escape `:` and `,`. */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::error file=…,line=…,col=…,title=<rule>::<message>`: shows on the pull request's diff. */
export function githubAnnotation(d: Diagnostic): string {
  const kind = d.severity === 'error' ? 'error' : 'warning'
  return `::${kind} file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}::${escapeData(d.message)}`
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
}

/** Sorted by file, line and column, with exact duplicates dropped (two decks sharing a theme). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(compareDiagnostics)
  return sorted.filter((d, i) => i === 0 || compareDiagnostics(d, sorted[i - 1]) !== 0 || d.severity !== sorted[i - 1].severity)
}

export function formatJson(diagnostics: Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
    null,
    2,
  )
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}

/** `2 errors, 1 warning in 1 deck (checked 1 deck in 45 ms)` */
export function formatSummary(diagnostics: Diagnostic[], deckCount: number, ms: number): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  const checked = `checked ${plural(deckCount, 'deck')} in ${Math.round(ms)} ms`
  if (diagnostics.length === 0) return `no problems (${checked})`
  const files = new Set(diagnostics.map((d) => d.file))
  const allDecks = [...files].every((f) => /\.md$/i.test(f))
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(files.size, allDecks ? 'deck' : 'file')} (${checked})`
}
