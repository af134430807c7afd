/**
 * The mission's test: every image reference and citation in the decks we
 * ship resolves. Runs the checker over every deck in slides/ and fails on
 * any error, printing the findings.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkDecks } from '../scripts/check.js'
import { loadConfig } from '../scripts/config.js'
import { formatDiagnostic } from '../scripts/diagnostics-format.js'
import { discoverDecks } from '../scripts/discover.js'
import { parseDeck } from '../scripts/parse.js'
import { loadThemes } from '../scripts/themes.js'

const root = path.resolve(import.meta.dirname, '..')

describe('shipped decks', () => {
  it('every deck in slides/ passes the checks: images, themes and citations resolve', async () => {
    const files = await discoverDecks(path.join(root, 'slides'))
    expect(files.length).toBeGreaterThan(0)
    const { config, problems } = await loadConfig(root)
    const { themes } = await loadThemes(path.join(root, 'themes'), root)
    const decks = await Promise.all(files.map(async (file) => parseDeck({ path: file, root, source: await readFile(file) })))
    const { diagnostics, toolFailures } = await checkDecks(decks, { root, themes, config })
    expect(toolFailures).toEqual([])
    const errors = [...problems, ...diagnostics].filter((d) => d.severity === 'error').map(formatDiagnostic)
    expect(errors).toEqual([])
  })
})
