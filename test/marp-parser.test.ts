import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createTokenizer, type Token } from '../scripts/marp-parser.js'
import { FIXTURES } from './support/fixture-check.js'

/** Scoped <style> keys are random per parse: everything else must be equal. */
const attrs = (t: Token) => (t.attrs ?? []).filter(([name]) => !name.startsWith('data-marpit-scope-'))
const signature = (tokens: Token[]) =>
  JSON.stringify(tokens.map((t) => [t.type, t.map, t.level, t.meta?.marpitSlide, t.meta?.marpitDirectives, attrs(t)]))

describe('createTokenizer', () => {
  const linear = createTokenizer(true)
  const marpit = createTokenizer(false)
  const samples = [
    '/work/shared/seeds/02_foundation_models.md',
    path.join(FIXTURES, 'check-citation-unresolved', 'slides', 'citation-unresolved-good.md'),
    path.join(FIXTURES, 'check-image-missing', 'slides', 'image-missing-bad.md'),
  ].filter((f) => existsSync(f))

  it('splits slides in one pass into exactly the tokens Marpit makes', () => {
    expect(samples.length).toBeGreaterThan(1)
    const extra = '---\nheadingDivider: 2\n---\n# A\n\n## B\n\n***\n\n- x\n\n  ---\n\n> ---\n'
    for (const source of [...samples.map((f) => readFileSync(f, 'utf8')), extra]) {
      expect(signature(linear.markdown.parse(source, {}) as Token[])).toBe(signature(marpit.markdown.parse(source, {}) as Token[]))
    }
  })
})
