import { describe, expect, it } from 'vitest'
import { parseBuildArgs, UsageError } from '../scripts/build-options.js'

describe('parseBuildArgs', () => {
  it('builds every format of every deck into site/ by default', () => {
    const o = parseBuildArgs([])
    expect(o.formats).toEqual(['html', 'pdf', 'pptx'])
    expect(o.decks).toEqual([])
    expect(o.out).toBe('site')
    expect(o.force).toBe(false)
    expect(o.cache).toBe(true)
  })

  it('reads formats, decks and the output folder', () => {
    const o = parseBuildArgs(['--format', 'pdf,html', '02_foundation_models', '--out=public', '--force'])
    expect(o.formats).toEqual(['html', 'pdf'])
    expect(o.decks).toEqual(['02_foundation_models'])
    expect(o.out).toBe('public')
    expect(o.force).toBe(true)
  })

  it('reads shards and concurrency', () => {
    expect(parseBuildArgs(['--shard', '2/3']).shard).toEqual({ index: 2, count: 3 })
    expect(parseBuildArgs(['--concurrency', '1']).concurrency).toBe(1)
  })

  it.each([
    [['--format', 'docx']],
    [['--format']],
    [['--shard', '3/2']],
    [['--shard', '0/2']],
    [['--concurrency', '0']],
    [['--pptx-image', 'gif']],
    [['--bogus']],
  ])('rejects %j with a usage error', (args) => {
    expect(() => parseBuildArgs(args)).toThrow(UsageError)
  })
})
