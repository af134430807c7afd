import { describe, expect, it } from 'vitest'
import { DepGraph, themeKey } from '../scripts/dev/dep-graph.js'

describe('DepGraph', () => {
  it('finds the decks that use a file or a theme', () => {
    const graph = new DepGraph()
    graph.set('/p/slides/a.md', ['/p/slides/a.md', '/p/images/shared.svg', '/p/images/a.svg', themeKey('dsi')])
    graph.set('/p/slides/b.md', ['/p/slides/b.md', '/p/images/shared.svg', themeKey('')])
    expect(graph.dependents('/p/images/a.svg')).toEqual(['/p/slides/a.md'])
    expect(graph.dependents('/p/images/shared.svg').sort()).toEqual(['/p/slides/a.md', '/p/slides/b.md'])
    expect(graph.dependents(themeKey('dsi'))).toEqual(['/p/slides/a.md'])
    expect(graph.dependents(themeKey('default'))).toEqual(['/p/slides/b.md'])
    expect(graph.dependents('/p/images/unused.svg')).toEqual([])
  })

  it('replaces a deck’s dependencies when it is set again', () => {
    const graph = new DepGraph()
    graph.set('/p/slides/a.md', ['/p/images/old.svg'])
    graph.set('/p/slides/a.md', ['/p/images/new.svg'])
    expect(graph.dependents('/p/images/old.svg')).toEqual([])
    expect(graph.dependents('/p/images/new.svg')).toEqual(['/p/slides/a.md'])
    expect(graph.deps('/p/slides/a.md')).toEqual(['/p/images/new.svg'])
  })

  it('forgets a removed deck', () => {
    const graph = new DepGraph()
    graph.set('/p/slides/a.md', ['/p/images/x.svg'])
    graph.set('/p/slides/b.md', ['/p/images/x.svg'])
    graph.remove('/p/slides/a.md')
    expect(graph.dependents('/p/images/x.svg')).toEqual(['/p/slides/b.md'])
    expect(graph.decks()).toEqual(['/p/slides/b.md'])
    graph.remove('/p/slides/missing.md')
    expect(graph.decks()).toEqual(['/p/slides/b.md'])
  })
})
