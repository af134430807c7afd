import { describe, expect, it } from 'vitest'
import { closest, levenshtein } from '../scripts/suggest.js'

describe('suggest', () => {
  it('computes edit distances', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3)
    expect(levenshtein('', 'abc')).toBe(3)
    expect(levenshtein('same', 'same')).toBe(0)
  })

  it('suggests the closest plausible name, or nothing', () => {
    expect(closest('gaya', ['default', 'gaia', 'uncover'])).toBe('gaia')
    expect(closest('dsi-certificates-theme', ['default', 'gaia', 'uncover', 'dsi'])).toBe('dsi')
    expect(closest('Default', ['default', 'gaia'])).toBe('default')
    expect(closest('zzzzzz', ['default', 'gaia', 'uncover'])).toBeUndefined()
  })
})
