import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../scripts/deck.js'
import { formatDiagnostic, formatJson, formatSummary, githubAnnotation, sortDiagnostics } from '../scripts/diagnostics-format.js'

const citation: Diagnostic = {
  file: 'slides/02_foundation_models.md',
  line: 58,
  column: 9,
  severity: 'error',
  rule: 'citation-unresolved',
  message: '(Bommasani et al, 2025): the reference says 2021',
}

describe('formatDiagnostic', () => {
  it('prints file:line:column severity rule message', () => {
    expect(formatDiagnostic(citation)).toBe(
      'slides/02_foundation_models.md:58:9 error citation-unresolved (Bommasani et al, 2025): the reference says 2021',
    )
  })
})

describe('githubAnnotation', () => {
  it('prints a workflow command GitHub shows on the diff', () => {
    expect(githubAnnotation(citation)).toBe(
      '::error file=slides/02_foundation_models.md,line=58,col=9,title=citation-unresolved::(Bommasani et al, 2025): the reference says 2021',
    )
  })

  it('uses ::warning for warnings and escapes what would break the command', () => {
    const d: Diagnostic = { ...citation, severity: 'warning', file: 'slides/a,b:c.md', message: '100% sure\nsecond line' }
    expect(githubAnnotation(d)).toBe('::warning file=slides/a%2Cb%3Ac.md,line=58,col=9,title=citation-unresolved::100%25 sure%0Asecond line')
  })
})

describe('sortDiagnostics', () => {
  it('sorts by file, then line, then column, and drops exact duplicates', () => {
    const at = (file: string, line: number, column: number): Diagnostic => ({ ...citation, file, line, column })
    const sorted = sortDiagnostics([at('b.md', 1, 1), at('a.md', 10, 2), at('a.md', 9, 30), at('a.md', 10, 1), at('a.md', 10, 1)])
    expect(sorted.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual(['a.md:9:30', 'a.md:10:1', 'a.md:10:2', 'b.md:1:1'])
  })
})

describe('formatJson', () => {
  it('prints an array of {file, line, column, severity, rule, message}', () => {
    const extra = { ...citation, internal: true } as Diagnostic
    expect(JSON.parse(formatJson([extra]))).toEqual([
      { file: citation.file, line: 58, column: 9, severity: 'error', rule: 'citation-unresolved', message: citation.message },
    ])
  })
})

describe('formatSummary', () => {
  it('counts errors, warnings and decks', () => {
    const warning = { ...citation, severity: 'warning' as const }
    expect(formatSummary([citation, citation, warning], 1, 45.2)).toBe('2 errors, 1 warning in 1 deck (checked 1 deck in 45 ms)')
    expect(formatSummary([], 3, 12)).toBe('no problems (checked 3 decks in 12 ms)')
    expect(formatSummary([{ ...citation, file: 'themes/dsi.css' }], 2, 5)).toBe('1 error, 0 warnings in 1 file (checked 2 decks in 5 ms)')
  })
})
