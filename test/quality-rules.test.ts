/**
 * The static quality rules (image-alt-missing, duplicate-title, spelling) on
 * their fixture projects, test/fixtures/quality-<rule>/: each has a deck that
 * triggers the rule where `<!-- expect: rule -->` says, and one that must not.
 * Only the rule under test is compared: the other rules have their own fixtures.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDecks } from '../scripts/check.js'
import { defaultConfig } from '../scripts/config.js'
import { parseDeck } from '../scripts/parse.js'
import { duplicateTitle } from '../scripts/rules/duplicate-title.js'
import { imageAltMissing } from '../scripts/rules/image-alt-missing.js'
import { spelling } from '../scripts/rules/spelling.js'
import { parseWordList } from '../scripts/spell-checker.js'
import { spellableText } from '../scripts/spelling-text.js'
import { checkFixture, expectedFindings, FIXTURES } from './support/fixture-check.js'

const only = (rule: string, lines: string[]) => lines.filter((l) => l.endsWith(` ${rule}`))

describe.each(['image-alt-missing', 'duplicate-title', 'spelling'])('fixture quality-%s', (rule) => {
  const root = path.join(FIXTURES, `quality-${rule}`)
  it('reports exactly the expected lines, and nothing on the good deck', { timeout: 120_000 }, async () => {
    const { result, actual } = await checkFixture(root)
    expect(result.toolFailures).toEqual([])
    const expected = only(rule, expectedFindings(root))
    expect(expected.length).toBeGreaterThan(0)
    expect(only(rule, actual)).toEqual(expected)
    expect(actual.filter((l) => l.includes('-good.md:') && l.endsWith(` ${rule}`))).toEqual([])
  })
})

describe('spelling', () => {
  it('suggests the right word first', { timeout: 120_000 }, async () => {
    const root = path.join(FIXTURES, 'quality-spelling')
    const { result } = await checkFixture(root)
    const russion = result.diagnostics.find((d) => d.rule === 'spelling' && d.message.includes('"Russion"'))
    expect(russion?.message).toMatch(/did you mean "Russian"/)
    const lines = readFileSync(path.join(root, 'slides/spelling-bad.md'), 'utf8').split('\n')
    const line = lines.findIndex((l) => l.includes('Russion'))
    expect([russion?.line, russion?.column]).toEqual([line + 1, lines[line].indexOf('Russion') + 1])
  })

  it('counts lone CR and CRLF as line ends, like the parser', { timeout: 120_000 }, async () => {
    const deck = parseDeck({ path: '/p/slides/a.md', root: '/p', source: '# Title\r\rWe tranlsate.\r\nThen vlaue.\n' })
    const found: string[] = []
    await spelling.check(deck, { root: '/p' } as never, (f) => found.push(`${f.line}:${f.column}`))
    expect(found).toEqual(['3:4', '4:6'])
  })

  it('reads the word list: one word a line, # comments, blank lines', () => {
    expect(parseWordList('# terms\nRLHF\n\n  MMLU  # benchmark\r\nChinchilla\n')).toEqual(['RLHF', 'MMLU', 'Chinchilla'])
  })

  it('blanks what is not prose but keeps every offset', () => {
    const source = '# Title\n\nSee `code` at https://x.org/a and [the paper](https://y.org) (Vaswani et al., 2017).\n'
    const deck = parseDeck({ path: '/p/slides/a.md', root: '/p', source })
    const text = spellableText(deck)
    expect(text).toHaveLength(source.length)
    expect(text).toContain('the paper')
    expect(text).not.toMatch(/code|https|Vaswani|2017/)
  })

  const seed = '/work/shared/seeds/02_foundation_models.md'
  it.skipIf(!existsSync(seed))('finds the known typos in the unedited lecture, and none of the project terms', { timeout: 180_000 }, async () => {
    const root = path.resolve('.')
    const deck = parseDeck({ path: path.join(root, 'slides', '02_foundation_models.md'), root, source: readFileSync(seed) })
    const { diagnostics, toolFailures } = await checkDecks([deck], { root, themes: [], config: defaultConfig() }, [spelling])
    expect(toolFailures).toEqual([])
    const words = diagnostics.map((d) => /"([^"]+)"/.exec(d.message)?.[1])
    for (const typo of ['Russion', 'misoginy', 'tranlsate', 'leanred', 'vlaue']) expect(words).toContain(typo)
    for (const term of ['RLHF', 'MMLU', 'Chinchilla', 'Huyen', 'InstructGPT', 'Shoggoth']) expect(words).not.toContain(term)
  })
})

describe('image-alt-missing', () => {
  it('strips every Marp keyword, filters included, before judging the alt text', () => {
    const source = '![bg left:30% sepia:50% brightness:.8 blur:2px grayscale opacity:.5 saturate:2 contrast:1.1 hue-rotate:90deg invert drop-shadow](a.png)\n'
    const deck = parseDeck({ path: '/p/slides/a.md', root: '/p', source })
    expect(deck.images[0].description).toBe('')
    const found: string[] = []
    imageAltMissing.check(deck, {} as never, (f) => found.push(f.message))
    expect(found).toHaveLength(1)
  })
})

describe('duplicate-title', () => {
  it('names the earlier slide and its line', () => {
    const deck = parseDeck({ path: '/p/slides/a.md', root: '/p', source: '## Same\n\nx\n\n---\n\n## Same\n\ny\n' })
    const found: { line: number; message: string }[] = []
    duplicateTitle.check(deck, {} as never, (f) => found.push(f))
    expect(found).toEqual([{ line: 7, column: 1, message: 'slide 2 has the same title as slide 1 (line 1): "Same"' }])
  })
})
