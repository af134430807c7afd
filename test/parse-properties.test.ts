/**
 * Properties of the parser and the checker for any input: they never throw
 * (and never fall back to their catch-all), and every position they report
 * lies inside the file.
 */
import path from 'node:path'
import fc from 'fast-check'

// CI runs one fixed sample so a landing never depends on luck; local runs draw
// new inputs every time, which is how the position bugs fixed so far were found.
if (process.env.CI) fc.configureGlobal({ seed: 20261126 })
import { beforeAll, describe, expect, it } from 'vitest'
import { checkDecks, type CheckContext } from '../scripts/check.js'
import { defaultConfig } from '../scripts/config.js'
import type { Deck } from '../scripts/deck.js'
import { parseDeck } from '../scripts/parse.js'
import { LINE_BREAK } from '../scripts/parse-source.js'
import { RULES } from '../scripts/rules/index.js'
import { loadThemes } from '../scripts/themes.js'
import { REPO } from './helpers/project.js'

/** A read-only project with images (spaces, unicode) for the rules to look at. */
const ROOT = path.join(REPO, 'test/fixtures/bad')
const DECK = path.join(ROOT, 'slides', 'property.md')
let ctx: CheckContext

beforeAll(async () => {
  const { themes } = await loadThemes(path.join(REPO, 'themes'), REPO)
  ctx = { root: ROOT, themes, config: defaultConfig() }
})

/** Pieces of real Marp decks, and of broken ones. */
const FRAGMENTS = [
  '---', '---\ntheme: dsi-certificates-theme\npaginate: true\n---', '---\ntheme: [oops\n---', 'them: dsi',
  '<!-- _class: lead -->', '<!-- paginate: true -->', '<!-- backgroundImage: url(../images/square.svg) -->', '<!--', '-->',
  '# Title', '## Subtitle', '# References', '- item', '  - nested', '1. first', '> quote', '> > deeper',
  '```', '```python', '~~~', '    indented code', '$x^2$', '$$', '\\', '&amp;', '&#x1F600;', '&bogus;',
  '![bg right:40%](../images/square.svg)', '![alt](<../images/with space.svg>)', '![](../images/with%20space.svg?v=1#x)',
  '![x](..\\images\\square.svg)', '![x](/etc/passwd)', '![x](https://example.com/a.png)', '![x](data:image/png;base64,AAAA)',
  '<img src="../images/square.svg" alt="a" onerror="x()">', '<img src="', '<a href="javascript:alert(1)">a</a>',
  '<script>alert(1)</script>', '<script>', '</div>', '<div class="columns">', '<center>caption</center>', '<br>',
  '<style>\nsection { background: url(../images/square.svg) }\n</style>', '<style>', 'a { color: red', '</style>',
  '(Vaswani et al., 2017)', 'Huyen (2025)', '- Huyen, Chip. AI Engineering. 2025', '[link](./property.md#x)', '[x](%zz)',
  '| a | b |', '|---|---|', '| 1 | 2 |', ':smile:', '*emphasis*', '**strong', '`code', 'é', '图', '\u200b', '\ufeff', '\u0000', '\t', ' ',
]

function markdownish(lineBreaks: string[]) {
  return fc
    .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), { maxLength: 40 })
    .chain((parts) =>
      fc.array(fc.constantFrom(...lineBreaks, ' ', ''), { minLength: parts.length, maxLength: parts.length }).map((seps) =>
        parts.map((p, i) => p + seps[i]).join(''),
      ),
    )
}

/**
 * Every rule but spelling: it loads large dictionaries (slow under fast-check)
 * and has a known position bug with lone CR line ends (tested on its own below).
 */
const RULES_BUT_SPELLING = RULES.filter((r) => r.id !== 'spelling')
const SPELLING = RULES.filter((r) => r.id === 'spelling')

/** Positions that are not inside the deck's source: a real line, a column at most one past its end. */
function outsidePositions(deck: Deck, positions: { line: number; column: number }[]): string[] {
  const lines = deck.source.split(LINE_BREAK)
  return positions
    .filter((p) => !(Number.isInteger(p.line) && Number.isInteger(p.column) && p.line >= 1 && p.line <= lines.length && p.column >= 1 && p.column <= lines[p.line - 1].length + 1))
    .map((p) => `${p.line}:${p.column}`)
}

const holds = (rules: typeof RULES) => async (source: string | Uint8Array): Promise<void> => {
  const deck = parseDeck({ path: DECK, root: ROOT, source })
  // parseDeck never throws by construction; its catch-all firing would still be a bug.
  expect(deck.problems.filter((p) => p.message.startsWith('the parser failed'))).toEqual([])
  const model = [...deck.problems, ...deck.images, ...deck.links, ...deck.citations, ...deck.references, ...deck.html, ...deck.directives, ...deck.styles]
  expect(outsidePositions(deck, model)).toEqual([])
  for (const slide of deck.slides) expect(slide.startLine).toBeGreaterThanOrEqual(1)
  const result = await checkDecks([deck], ctx, rules)
  expect(result.toolFailures).toEqual([])
  expect(outsidePositions(deck, result.diagnostics.filter((d) => d.file === deck.relPath))).toEqual([])
}

describe('parseDeck and checkDecks on any input', () => {
  it('arbitrary unicode strings', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 400 }), holds(RULES_BUT_SPELLING)), { numRuns: 150 })
  }, 60_000)

  it('arbitrary bytes (binary, invalid UTF-8)', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), holds(RULES_BUT_SPELLING)), { numRuns: 60 })
  }, 60_000)

  it('markdown-ish strings built from Marp fragments', async () => {
    await fc.assert(fc.asyncProperty(markdownish(['\n', '\n\n', '\r\n', '\r']), holds(RULES_BUT_SPELLING)), { numRuns: 200 })
  }, 60_000)

  it('markdown-ish strings through the spelling rule (LF and CRLF line ends)', async () => {
    await fc.assert(fc.asyncProperty(markdownish(['\n', '\n\n', '\r\n']), holds(SPELLING)), { numRuns: 25 })
  }, 60_000)

  // Was a bug: scripts/spelling-text.ts counted only "\n" as a line end, the
  // parser (like markdown-it) also a lone "\r".
  it('spelling positions with lone CR line ends', async () => {
    await holds(SPELLING)('# Title\r\rHuyen wrote this.\n')
  }, 60_000)
})
