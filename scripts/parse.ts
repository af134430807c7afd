/**
 * Builds the Deck model from a Marp markdown file with Marp's own markdown-it
 * parser, once per deck. Never throws: whatever goes wrong is a problem on
 * the deck, so one broken file cannot stop a check or a build.
 */
import path from 'node:path'
import type { Deck, ParseProblem } from './deck.js'
import { marpTokens } from './marp-parser.js'
import { applyDirectives, readFrontMatter } from './parse-directives.js'
import { positionIn, SourceLines } from './parse-source.js'
import { TokenWalker } from './parse-walk.js'

export interface ParseInput {
  path: string
  root: string
  source: string | Uint8Array
}

const SIZES: Record<string, [number, number]> = { '16:9': [1280, 720], '4:3': [960, 720] }

function emptyDeck(input: ParseInput): Deck {
  const relPath = path.relative(input.root, input.path).split(path.sep).join('/')
  return {
    path: input.path,
    relPath,
    name: path.basename(input.path).replace(/\.md$/i, ''),
    source: '',
    lineCount: 0,
    frontMatter: {},
    frontMatterLines: null,
    globals: {},
    theme: '',
    title: '',
    subtitle: '',
    description: '',
    author: '',
    lang: 'en',
    width: 1280,
    height: 720,
    slides: [],
    directives: [],
    images: [],
    links: [],
    citations: [],
    references: [],
    html: [],
    styles: [],
    problems: [],
  }
}

function decode(source: string | Uint8Array, problems: ParseProblem[]): string {
  if (typeof source === 'string') return source
  if (source.subarray(0, 8000).includes(0)) {
    problems.push({ rule: 'parse-error', severity: 'error', line: 1, column: 1, message: 'this is a binary file, not a markdown deck' })
    return ''
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(source)
  } catch {
    problems.push({ rule: 'parse-error', severity: 'error', line: 1, column: 1, message: 'the file is not valid UTF-8: save it as UTF-8' })
    return new TextDecoder('utf-8').decode(source)
  }
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value).trim()
}

export function parseDeck(input: ParseInput): Deck {
  const deck = emptyDeck(input)
  try {
    fill(deck, decode(input.source, deck.problems))
  } catch (error) {
    deck.problems.push({
      rule: 'parse-error',
      severity: 'error',
      line: 1,
      column: 1,
      message: `the parser failed on this deck: ${(error as Error)?.message ?? String(error)}`,
    })
  }
  return deck
}

function fill(deck: Deck, decoded: string): void {
  const source = decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded
  deck.source = source
  const lines = new SourceLines(source)
  deck.lineCount = source === '' ? 0 : lines.lines.length - (lines.lines[lines.lines.length - 1] === '' ? 1 : 0)

  const walker = new TokenWalker(deck, lines)
  const tokens = marpTokens(source)
  const frontMatter = tokens.find((t) => t.type === 'front_matter')
  if (frontMatter?.map) {
    deck.frontMatterLines = { start: frontMatter.map[0] + 1, end: frontMatter.map[1] }
    // markdown-it hands over the YAML trimmed, and it may start on the fence line
    // itself (`--- key: v`): find it in the source so positions point at it.
    const meta = String(frontMatter.meta ?? '')
    // (only its first line: markdown-it has turned CRLF into LF in `meta`)
    const offset = meta ? source.indexOf(meta.split('\n')[0]) : -1
    const start = offset >= 0 ? positionIn(source, offset) : { line: Math.min(frontMatter.map[0] + 2, frontMatter.map[1]), column: 1 }
    const read = readFrontMatter(meta, start)
    deck.frontMatter = read.values
    deck.directives.push(...read.directives)
    deck.problems.push(...read.problems)
  }
  walker.walk(tokens)
  deck.directives.sort((a, b) => a.line - b.line || a.column - b.column)

  const { globals, perSlide } = applyDirectives(deck.directives, deck.slides.length)
  deck.globals = globals
  deck.slides.forEach((slide, i) => (slide.directives = perSlide[i]))
  deck.theme = text(globals.theme)
  deck.title = text(globals.title) || walker.firstSlideHeadings[0] || ''
  deck.subtitle = walker.firstSlideHeadings[1] ?? ''
  deck.description = text(globals.description) || deck.subtitle
  deck.author = text(globals.author)
  deck.lang = text(globals.lang) || 'en'
  const size = SIZES[text(globals.size)] ?? SIZES['16:9']
  ;[deck.width, deck.height] = size
  walker.finish()
}
