import { describe, expect, it } from 'vitest'
import { lineStarts, positionIn } from '../scripts/parse-source.js'

describe('lineStarts and positionIn: line ends as markdown-it counts them (LF, CRLF, lone CR)', () => {
  const text = 'ab\ncd\r\nef\rgh'

  it('lineStarts: where each 1-based line starts', () => {
    expect(lineStarts(text)).toEqual([0, 0, 3, 7, 10])
  })

  it('positionIn: line and column of an offset', () => {
    expect(positionIn(text, 0)).toEqual({ line: 1, column: 1 })
    expect(positionIn(text, 4)).toEqual({ line: 2, column: 2 })
    // The LF of a CRLF still belongs to the line it ends.
    expect(positionIn(text, 6)).toEqual({ line: 2, column: 4 })
    expect(positionIn(text, 7)).toEqual({ line: 3, column: 1 })
    expect(positionIn(text, 10)).toEqual({ line: 4, column: 1 })
    expect(positionIn(text, text.length)).toEqual({ line: 4, column: 3 })
  })
})
