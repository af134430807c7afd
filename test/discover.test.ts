import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { deckName, discoverDecks, selectDecks } from '../scripts/discover.js'

const slides = path.join(import.meta.dirname, 'fixtures/discover/slides')

describe('discoverDecks', () => {
  it('finds the markdown decks directly in slides/, in name order, without README', async () => {
    const decks = await discoverDecks(slides)
    expect(decks.map((d) => path.basename(d))).toEqual(['a.md', 'b.md'])
  })

  it('returns no decks for a missing folder', async () => {
    expect(await discoverDecks(path.join(slides, 'nope'))).toEqual([])
  })
})

describe('selectDecks', () => {
  const all = ['/p/slides/01_intro.md', '/p/slides/02_foundation_models.md']

  it('keeps every deck without selectors', () => {
    expect(selectDecks(all, [], '/p').decks).toEqual(all)
  })

  it('selects by name, file name or path', () => {
    expect(selectDecks(all, ['02_foundation_models'], '/p').decks).toEqual([all[1]])
    expect(selectDecks(all, ['01_intro.md'], '/p').decks).toEqual([all[0]])
    expect(selectDecks(all, ['slides/02_foundation_models.md'], '/p').decks).toEqual([all[1]])
  })

  it('reports selectors that match nothing', () => {
    expect(selectDecks(all, ['03_missing'], '/p')).toEqual({ decks: [], unknown: ['03_missing'] })
  })
})

describe('deckName', () => {
  it('keeps the file name as it is, without .md', () => {
    expect(deckName('/x/slides/02_foundation_models.md')).toBe('02_foundation_models')
  })
})
