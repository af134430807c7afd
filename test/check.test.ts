import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkDecks } from '../scripts/check.js'
import { defaultConfig } from '../scripts/config.js'
import { formatDiagnostic } from '../scripts/diagnostics-format.js'
import { parseDeck } from '../scripts/parse.js'
import type { Rule } from '../scripts/rule.js'
import { RULES } from '../scripts/rules/index.js'
import { checkFixture, expectedFindings, FIXTURES, fixtureNames } from './support/fixture-check.js'

/**
 * A fixture `check-<rule-id>` is about that rule (and any other rule its
 * expect comments name): findings of unrelated rules are left to their own
 * fixtures, so adding a rule does not break every other fixture.
 */
describe('fixture decks: exactly the expected (rule, line) pairs', () => {
  for (const name of fixtureNames()) {
    it(name, async () => {
      const root = path.join(FIXTURES, name)
      const expected = expectedFindings(root)
      const inScope = new Set([name.slice('check-'.length), ...expected.map((e) => e.split(' ')[1])])
      const { result, actual } = await checkFixture(root)
      expect(result.toolFailures).toEqual([])
      expect(actual.filter((a) => inScope.has(a.split(' ')[1]))).toEqual(expected)
    })
  }
})

function deckAt(root: string, name: string, source: string) {
  return parseDeck({ path: path.join(root, 'slides', name), root, source })
}

describe('checkDecks', () => {
  const root = path.join(FIXTURES, 'check-image-missing')
  const ctx = { root, themes: [], config: defaultConfig() }

  it('turns a rule that throws into a tool failure naming the rule, and keeps the other rules', async () => {
    const broken: Rule = {
      id: 'broken-rule',
      severity: 'error',
      description: 'throws',
      tags: [],
      check() {
        throw new Error('boom')
      },
    }
    const deck = deckAt(root, 'x.md', '# X\n\n![a](nope.svg)\n')
    const result = await checkDecks([deck], ctx, [broken, ...RULES])
    expect(result.toolFailures).toEqual([{ rule: 'broken-rule', message: 'slides/x.md: boom' }])
    expect(result.diagnostics.map((d) => d.rule)).toEqual(['image-missing'])
  })

  it('also catches a rule that rejects asynchronously', async () => {
    const rejecting: Rule = { id: 'async-rule', severity: 'warning', description: '', tags: [], check: async () => Promise.reject(new Error('late')) }
    const result = await checkDecks([deckAt(root, 'x.md', '# X\n')], ctx, [rejecting])
    expect(result.toolFailures).toEqual([{ rule: 'async-rule', message: 'slides/x.md: late' }])
  })

  it('applies the project config: severities changed, rules switched off', async () => {
    const deck = deckAt(root, 'x.md', '# X\n\n![a](nope.svg) ![b](https://example.com/b.png)\n')
    const config = { ...defaultConfig(), rules: { 'image-missing': 'warning', 'remote-image': 'off' } as const }
    const result = await checkDecks([deck], { ...ctx, config: { ...config, rules: { ...config.rules } } })
    expect(result.diagnostics.map((d) => `${d.rule} ${d.severity}`)).toEqual(['image-missing warning'])
  })

  it('sorts by file, line and column across decks', async () => {
    const a = deckAt(root, 'b.md', '![x](one.svg)\n\n![y](two.svg) ![z](three.svg)\n')
    const b = deckAt(root, 'a.md', '\n\n![y](four.svg)\n')
    const result = await checkDecks([a, b], ctx)
    expect(result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`)).toEqual([
      'slides/a.md:3:1',
      'slides/b.md:1:1',
      'slides/b.md:3:1',
      'slides/b.md:3:15',
    ])
  })
})

/**
 * The lecture as the instructor wrote it, checked in an empty project so
 * every image is missing whatever others add to images/ today.
 */
describe('the unedited seed lecture', () => {
  const seed = '/work/shared/seeds/02_foundation_models.md'
  const available = existsSync(seed)
  const root = mkdtempSync(path.join(tmpdir(), 'check-seed-'))
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it.skipIf(!available)(`finds the known problems (skipped when ${seed} is absent)`, async () => {
    mkdirSync(path.join(root, 'slides'))
    const deck = parseDeck({ path: path.join(root, 'slides', '02_foundation_models.md'), root, source: readFileSync(seed) })
    const { diagnostics, toolFailures } = await checkDecks([deck], { root, themes: [], config: defaultConfig() })
    expect(toolFailures).toEqual([])
    const lines = diagnostics.map(formatDiagnostic)
    expect(lines).toContain('slides/02_foundation_models.md:58:9 error citation-unresolved (Bommasani et al, 2025): the reference says 2021')
    expect(lines).toContain('slides/02_foundation_models.md:122:86 error citation-unresolved (Huyen, 2025): the reference says 2022')
    expect(lines).toContain('slides/02_foundation_models.md:112:10 error citation-unresolved (CommonCrawl, 2025): no reference entry for CommonCrawl')
    const cited = diagnostics.filter((d) => d.rule === 'citation-unresolved').map((d) => d.message)
    expect(cited.filter((m) => m.startsWith('(Huyen, 2025)'))).toHaveLength(7)
    expect(cited.filter((m) => m.startsWith('(Bommasani et al, 2025)'))).toHaveLength(2)
    expect(cited.some((m) => /Tunstall|Hoffmann|Ouyang|Vaswani|Olah|Roose|Schaul|Baack|Jones/.test(m))).toBe(false)
    const missing = diagnostics.filter((d) => d.rule === 'image-missing')
    expect(missing).toHaveLength(25)
    expect(new Set(missing.map((d) => d.message.split(':')[0])).size).toBe(22)
    expect(diagnostics.find((d) => d.rule === 'theme-unknown')?.line).toBe(3)
    expect(diagnostics.filter((d) => d.rule === 'reference-unused').map((d) => d.message)).toEqual(['Dodge (2021) is never cited on the slides'])
  })
})
