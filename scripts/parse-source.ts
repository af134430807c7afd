/**
 * Maps text that markdown-it handed us (indentation, list markers and `>`
 * stripped, lines joined with \n) back to 1-based lines and columns in the
 * original source.
 */
import type { Position } from './deck.js'

/** markdown-it's own line splitting: CRLF, lone CR and LF each end a line. */
export const LINE_BREAK = /\r\n?|\n/

/** Offsets where each 1-based line starts (index 0 unused), with LINE_BREAK's line ends. */
export function lineStarts(source: string): number[] {
  const starts = [0, 0]
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\n' || (source[i] === '\r' && source[i + 1] !== '\n')) starts.push(i + 1)
  }
  return starts
}

/** 1-based line and column of an offset in a text. */
export function positionIn(text: string, offset: number): Position {
  const starts = lineStarts(text)
  let line = starts.length - 1
  while (line > 1 && starts[line] > offset) line--
  return { line, column: offset - starts[line] + 1 }
}

export type PositionOf = (offset: number) => Position

export class SourceLines {
  readonly lines: string[]

  constructor(source: string) {
    this.lines = source.split(LINE_BREAK)
  }

  line(index: number): string {
    return this.lines[index] ?? ''
  }

  /**
   * `content` starts on the 0-based line `firstLine`, one content line per
   * source line (true for paragraphs, headings, html blocks and comments).
   */
  mapper(content: string, firstLine: number, fromColumn = 0): PositionOf {
    const starts: number[] = []
    const columns: number[] = []
    let offset = 0
    content.split('\n').forEach((part, i) => {
      starts.push(offset)
      offset += part.length + 1
      columns.push(this.columnOf(part, firstLine + i, i === 0 ? fromColumn : 0))
    })
    return (at: number) => {
      let i = starts.length - 1
      while (i > 0 && starts[i] > at) i--
      return { line: firstLine + i + 1, column: columns[i] + (at - starts[i]) + 1 }
    }
  }

  /** 0-based column where `part` sits in its source line. */
  private columnOf(part: string, lineIndex: number, fromColumn: number): number {
    const source = this.line(lineIndex)
    const wanted = part.trimEnd()
    if (!wanted) return Math.min(fromColumn, source.length)
    // Stripped prefixes (indent, `> `, `- `) leave the content as a suffix.
    const trimmed = source.trimEnd()
    if (fromColumn === 0 && trimmed.endsWith(wanted)) return trimmed.length - wanted.length
    const found = source.indexOf(wanted, fromColumn)
    if (found >= 0) return found
    const start = source.indexOf(wanted.trimStart(), fromColumn)
    if (start >= 0) return start
    return source.length - source.trimStart().length
  }
}

/**
 * Per character of `text`, the offset of that character in `content` from
 * `from`. Escapes (`\*`) and entities (`&amp;`) make text and source differ:
 * characters are matched in order, skipping what the source has in excess.
 */
export function alignText(text: string, content: string, from: number): { offsets: number[]; end: number } {
  const direct = content.indexOf(text, from)
  if (direct >= 0 && direct - from < 200) {
    const offsets = new Array<number>(text.length)
    for (let i = 0; i < text.length; i++) offsets[i] = direct + i
    return { offsets, end: direct + text.length }
  }
  const offsets: number[] = []
  let at = from
  for (let i = 0; i < text.length; i++) {
    const found = content.indexOf(text[i], at)
    if (found >= 0 && found - at <= 12) {
      offsets.push(found)
      at = found + 1
    } else {
      offsets.push(Math.min(at, Math.max(content.length - 1, 0)))
    }
  }
  return { offsets, end: at }
}
