/**
 * Runs the checker over a fixture project (test/fixtures/check-<case>/:
 * slides/, images/, themes/, optional course.config.json) and reads the
 * findings its files expect: `<!-- expect: rule-id -->` in markdown,
 * `/* expect: rule-id *\/` in CSS, `# expect: rule-id` in front matter,
 * on the offending line.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkDecks, type CheckResult } from '../../scripts/check.js'
import { loadConfig } from '../../scripts/config.js'
import { discoverDecks } from '../../scripts/discover.js'
import type { Deck } from '../../scripts/deck.js'
import { parseDeck } from '../../scripts/parse.js'
import { loadThemes } from '../../scripts/themes.js'

export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url))

const EXPECT = /(?:<!--|\/\*|#)\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)/g

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)],
  )
}

/** `file:line rule` for every expected finding, sorted; a rule listed twice is expected twice. */
export function expectedFindings(root: string): string[] {
  const expected: string[] = []
  for (const file of filesUnder(root).filter((f) => /\.(md|css)$/.test(f))) {
    const rel = path.relative(root, file).split(path.sep).join('/')
    readFileSync(file, 'utf8')
      .split(/\r\n?|\n/)
      .forEach((line, i) => {
        for (const m of line.matchAll(EXPECT)) {
          for (const rule of m[1].split(',')) expected.push(`${rel}:${i + 1} ${rule.trim()}`)
        }
      })
  }
  return expected.sort()
}

export async function checkFixture(root: string): Promise<{ decks: Deck[]; result: CheckResult; actual: string[] }> {
  const { themes } = await loadThemes(path.join(root, 'themes'), root)
  const { config } = await loadConfig(root)
  const decks = (await discoverDecks(path.join(root, 'slides'))).map((file) =>
    parseDeck({ path: file, root, source: readFileSync(file) }),
  )
  const result = await checkDecks(decks, { root, themes, config })
  const actual = result.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`).sort()
  return { decks, result, actual }
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES).filter((n) => n.startsWith('check-')).sort()
}
