import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDecks } from '../scripts/check.js'
import { defaultConfig } from '../scripts/config.js'
import { parseDeck } from '../scripts/parse.js'
import { RENDERED_RULES, RULES } from '../scripts/rules/index.js'
import { CONTENT_RULE_IDS, RENDERED_RULE_IDS } from '../scripts/rules/ids.js'
import { renderChecksKey } from '../scripts/render-checks-key.js'
import { checkFixture, expectedFindings, FIXTURES } from './support/fixture-check.js'

describe('rules/ids.ts, the id lists loaded without the rules', () => {
  it('names every registered rule, in registry order', () => {
    expect(CONTENT_RULE_IDS).toEqual(RULES.map((r) => r.id))
    expect(RENDERED_RULE_IDS).toEqual(RENDERED_RULES.map((r) => r.id))
  })

  it('renderChecksKey: undefined when every rendered rule is off, and it changes with their settings', () => {
    const off = Object.fromEntries(RENDERED_RULE_IDS.map((id) => [id, 'off' as const]))
    expect(renderChecksKey({ ...defaultConfig(), rules: off })).toBeUndefined()
    const base = renderChecksKey(defaultConfig())
    expect(base).toBeDefined()
    expect(renderChecksKey({ ...defaultConfig(), rules: { contrast: 'error' } })).not.toEqual(base)
    expect(renderChecksKey({ ...defaultConfig(), rules: { contrast: 'off' } })).not.toEqual(base)
    // A content rule's setting is not part of it: those findings are cached elsewhere.
    expect(renderChecksKey({ ...defaultConfig(), rules: { spelling: 'off' } })).toEqual(base)
  })
})

describe('every rule', () => {
  for (const rule of RULES) {
    // Fixture projects are test/fixtures/check-<rule-id>/ (or quality-<rule-id>/), with a
    // deck *-bad*.md whose expect comments name the rule and a deck *-good*.md.
    it(`${rule.id} has a fixture that triggers it and one that must not`, () => {
      const dir = [`check-${rule.id}`, `quality-${rule.id}`].map((d) => path.join(FIXTURES, d)).find((d) => existsSync(path.join(d, 'slides')))
      expect(dir, `test/fixtures/check-${rule.id}/slides`).toBeDefined()
      const names = readdirSync(path.join(dir!, 'slides'))
      expect(names.some((n) => /-good.*\.md$/.test(n))).toBe(true)
      const expected = expectedFindings(dir!)
      expect(expected.some((e) => e.endsWith(` ${rule.id}`) && /-bad[^/]*\.md:/.test(e))).toBe(true)
    })

    it(`${rule.id} has a stable id, a default severity and a description`, () => {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/)
      expect(['error', 'warning']).toContain(rule.severity)
      expect(rule.description.length).toBeGreaterThan(20)
    })
  }
})

async function messages(fixture: string, rule: string): Promise<string[]> {
  const { result } = await checkFixture(path.join(FIXTURES, fixture))
  return result.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.file}:${d.line} ${d.message}`)
}

describe('messages say what to do', () => {
  it('citation-unresolved names the year of the entry when only the year differs', async () => {
    const found = await messages('check-citation-unresolved', 'citation-unresolved')
    expect(found).toContain('slides/citation-unresolved-bad.md:3 (Bommasani et al, 2025): the reference says 2021')
    expect(found).toContain('slides/citation-unresolved-bad.md:9 Vaswani et al. (2018): the reference says 2017')
    expect(found).toContain('slides/citation-unresolved-bad.md:7 (CommonCrawl, 2025): no reference entry for CommonCrawl')
    expect(found).toContain('slides/citation-unresolved-bad.md:11 Lee, 2021: no reference entry for Lee')
  })

  it('theme-unknown suggests the closest registered theme', async () => {
    const found = await messages('check-theme-unknown', 'theme-unknown')
    expect(found).toEqual([
      'slides/theme-unknown-bad-comment.md:3 theme "gaya" is not registered, so Marp would fall back to the default theme; did you mean "gaia"?',
      'slides/theme-unknown-bad.md:3 theme "dsi-certificates-theme" is not registered, so Marp would fall back to the default theme; did you mean "dsi"?',
    ])
  })

  it('image-case-mismatch names the real file', async () => {
    const found = await messages('check-image-case-mismatch', 'image-case-mismatch')
    expect(found[0]).toContain('the file on disk is images/Figure.svg')
  })

  it('image-missing reports theme assets in the CSS file, resolved against it', async () => {
    const found = await messages('check-image-missing', 'image-missing')
    expect(found).toContain('themes/broken.css:3 assets/missing.svg: file not found (looked for themes/assets/missing.svg)')
    expect(found.some((m) => m.includes('"\\" as a path separator'))).toBe(true)
    expect(found).toContain(
      'slides/image-missing-bad.md:12 ../images/figure-typo.svg: file not found (looked for images/figure-typo.svg); did you mean ../images/figure.svg?',
    )
  })

  it('image-missing points a deck in slides/ at a root images/ folder it forgot to climb to', async () => {
    const root = path.join(FIXTURES, 'check-image-case-mismatch')
    const deck = parseDeck({ path: path.join(root, 'slides', 'x.md'), root, source: '![a](images/Figure.svg)\n' })
    const { diagnostics } = await checkDecks([deck], { root, themes: [], config: defaultConfig() })
    expect(diagnostics.map((d) => d.message)).toEqual([
      'images/Figure.svg: file not found (looked for slides/images/Figure.svg); images/Figure.svg exists: write ../images/Figure.svg',
    ])
  })

  it('reference-unused does not flag an entry cited with the wrong year (citation-unresolved does)', async () => {
    const root = path.join(FIXTURES, 'check-reference-unused')
    const deck = parseDeck({
      path: path.join(root, 'slides', 'x.md'),
      root,
      source: '# A\n\nSee (Huyen, 2025).\n\n---\n\n# References\n\n- Huyen, Chip. Designing machine learning systems. 2022\n',
    })
    const { diagnostics } = await checkDecks([deck], { root, themes: [], config: defaultConfig() })
    expect(diagnostics.map((d) => d.rule)).toEqual(['citation-unresolved'])
  })
})

describe('asset-outside-project follows symbolic links', () => {
  it('reports a link inside the project that leads out, and not one that stays in', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'symlinks-'))
    try {
      const root = path.join(base, 'project')
      mkdirSync(path.join(root, 'slides'), { recursive: true })
      mkdirSync(path.join(root, 'images'))
      writeFileSync(path.join(base, 'secret.svg'), '<svg/>')
      writeFileSync(path.join(root, 'images', 'real.svg'), '<svg/>')
      symlinkSync(path.join(base, 'secret.svg'), path.join(root, 'images', 'leak.svg'))
      symlinkSync(path.join(root, 'images', 'real.svg'), path.join(root, 'images', 'alias.svg'))
      const deck = parseDeck({ path: path.join(root, 'slides', 'x.md'), root, source: '![a](../images/leak.svg)\n\n![b](../images/alias.svg)\n' })
      const { diagnostics } = await checkDecks([deck], { root, themes: [], config: defaultConfig() })
      expect(diagnostics.map((d) => `${d.line} ${d.rule} ${d.message}`)).toEqual([
        `1 asset-outside-project ../images/leak.svg resolves to ${path.join(base, 'secret.svg')}, outside the project folder: copy the file into the project and refer to it there`,
      ])
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })
})
