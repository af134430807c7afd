/**
 * The rendered rules in a real browser (one for the whole file): slide
 * overflow and colour contrast on fixture decks, rendered the way the build
 * renders them (scripts/render-session.ts → convertDeck → inspect).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from '../scripts/browser.js'
import { defaultConfig, type ProjectConfig } from '../scripts/config.js'
import type { Deck } from '../scripts/deck.js'
import { discoverDecks } from '../scripts/discover.js'
import { parseDeck } from '../scripts/parse.js'
import { checkDecksRendered } from '../scripts/render-session.js'
import { expectedFindings, FIXTURES } from './support/fixture-check.js'

let browser: Browser
const scratch = mkdtempSync(path.join(tmpdir(), 'render-checks-'))

beforeAll(async () => {
  browser = (await launchBrowser()).browser
}, 120_000)

afterAll(async () => {
  await browser?.close()
  rmSync(scratch, { recursive: true, force: true })
})

function listDeck(name: string, items: number): Deck {
  const list = Array.from({ length: items }, (_, i) => `- Item number ${i + 1}`).join('\n')
  const source = `---\nmarp: true\n---\n\n# ${items} items\n\n${list}\n`
  return parseDeck({ path: path.join(scratch, 'slides', `${name}.md`), root: scratch, source })
}

async function rendered(root: string, decks: Deck[], config: ProjectConfig = defaultConfig()) {
  const result = await checkDecksRendered({ root, decks, themes: [], config, browser })
  expect(result.toolFailures).toEqual([])
  return result.diagnostics
}

async function fixtureDecks(root: string): Promise<Deck[]> {
  return (await discoverDecks(path.join(root, 'slides'))).map((file) => parseDeck({ path: file, root, source: readFileSync(file) }))
}

describe('slide-overflow', () => {
  it('reports a slide with 40 list items, with the pixels that overflow, and not one with 5', { timeout: 120_000 }, async () => {
    const found = await rendered(scratch, [listDeck('forty', 40), listDeck('five', 5)])
    expect(found.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['slides/forty.md:5 slide-overflow'])
    const px = Number(/overflows by (\d+)px at the bottom/.exec(found[0].message)?.[1])
    expect(px).toBeGreaterThan(100)
  })

  it('finds lists, wide tables and long code on the fixture decks, nothing on the good one', { timeout: 120_000 }, async () => {
    const root = path.join(FIXTURES, 'quality-slide-overflow')
    const found = await rendered(root, await fixtureDecks(root))
    expect(found.map((d) => `${d.file}:${d.line} ${d.rule}`).sort()).toEqual(expectedFindings(root))
    expect(found.find((d) => d.message.includes('<thead>'))?.message).toMatch(/px at the right/)
  })

  it('is switched off by the project config', { timeout: 120_000 }, async () => {
    const config = { ...defaultConfig(), rules: { 'slide-overflow': 'off' as const } }
    expect(await rendered(scratch, [listDeck('forty', 40)], config)).toEqual([])
  })
})

describe('contrast', () => {
  it('reports low-contrast text on its slide with the element, and nothing on the good deck', { timeout: 120_000 }, async () => {
    const root = path.join(FIXTURES, 'quality-contrast')
    const found = await rendered(root, await fixtureDecks(root))
    expect(found.map((d) => `${d.file}:${d.line} ${d.rule}`).sort()).toEqual(expectedFindings(root))
    expect(found.map((d) => d.message)).toContainEqual(expect.stringMatching(/^slide 3: low contrast 1\.25:1 .*#333333 on #222222: h1#dark-on-dark "Dark on dark"$/))
  })
})
