/**
 * Directives as the author wrote them: Marp validates values (an unknown
 * theme is silently dropped), but the checks need the raw value and where it
 * was written, so front matter is read again here with positions.
 */
import { isMap, isScalar, parseDocument } from 'yaml'
import type { Directive, ParseProblem, Position } from './deck.js'
import { positionIn } from './parse-source.js'
import { GLOBAL_DIRECTIVES, LOCAL_DIRECTIVES } from './marp-parser.js'

export function isKnownDirective(key: string): boolean {
  const name = key.startsWith('_') ? key.slice(1) : key
  return GLOBAL_DIRECTIVES.has(key) || LOCAL_DIRECTIVES.has(name)
}

/**
 * Reads the YAML between the front matter fences. `start` is where the YAML
 * text begins in the deck: usually the line after `---`, but markdown-it
 * also takes text after the opening fence (`--- key: v`) as YAML.
 */
export function readFrontMatter(
  yamlText: string,
  start: Position,
): { values: Record<string, unknown>; directives: Directive[]; problems: ParseProblem[] } {
  const directives: Directive[] = []
  const problems: ParseProblem[] = []
  const at = (offset: number): Position => {
    const p = positionIn(yamlText, offset)
    return p.line === 1 ? { line: start.line, column: start.column + p.column - 1 } : { line: start.line + p.line - 1, column: p.column }
  }
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: false })
  if (doc.errors.length > 0) {
    const error = doc.errors[0]
    problems.push({ rule: 'parse-error', severity: 'error', message: `the front matter is not valid YAML: ${error.message.split('\n')[0]}`, ...at(error.pos[0]) })
    return { values: {}, directives, problems }
  }
  if (doc.contents === null) return { values: {}, directives, problems }
  if (!isMap(doc.contents)) {
    problems.push({ rule: 'parse-error', severity: 'error', message: 'the front matter must be a list of `key: value` directives', ...at(0) })
    return { values: {}, directives, problems }
  }
  let values: Record<string, unknown>
  try {
    // toJS resolves aliases and merge keys; a pathological document (alias bombs) can throw.
    values = (doc.toJS({ maxAliasCount: 100 }) ?? {}) as Record<string, unknown>
  } catch (error) {
    problems.push({ rule: 'parse-error', severity: 'error', message: `the front matter cannot be read: ${(error as Error).message}`, ...at(0) })
    return { values: {}, directives, problems }
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key)
    const value = values[key]
    const position = at(isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0)
    directives.push({
      name: key.startsWith('_') ? key.slice(1) : key,
      value,
      origin: 'front-matter',
      scoped: key.startsWith('_'),
      slide: 0,
      ...position,
    })
  }
  return { values, directives, problems }
}

/** Directives of a Marp directive comment, positioned at the key inside the comment. */
export function commentDirectives(
  parsed: Record<string, unknown>,
  slide: number,
  start: Position,
  lines: (index: number) => string,
  lastLine: number,
): Directive[] {
  const directives: Directive[] = []
  for (const [key, value] of Object.entries(parsed)) {
    if (!isKnownDirective(key)) continue
    let position = start
    for (let l = start.line; l <= lastLine; l++) {
      const text = lines(l - 1)
      const col = text.search(new RegExp(`(^|[\\s{,])${key.replace(/[$]/g, '\\$')}\\s*:`))
      if (col >= 0) {
        const keyCol = text.indexOf(key, col)
        position = { line: l, column: keyCol + 1 }
        break
      }
    }
    directives.push({
      name: key.startsWith('_') ? key.slice(1) : key,
      value,
      origin: 'comment',
      scoped: key.startsWith('_'),
      slide,
      ...position,
    })
  }
  return directives
}

/** Global directives merged in source order, and the directives each slide sees. */
export function applyDirectives(directives: Directive[], slideCount: number): {
  globals: Record<string, unknown>
  perSlide: Record<string, unknown>[]
} {
  const globals: Record<string, unknown> = {}
  for (const d of directives) {
    if (!d.scoped && !LOCAL_DIRECTIVES.has(d.name)) globals[d.name] = d.value
  }
  const perSlide: Record<string, unknown>[] = []
  let inherited: Record<string, unknown> = {}
  for (let s = 0; s < slideCount; s++) {
    const spot: Record<string, unknown> = {}
    for (const d of directives) {
      if (d.slide !== s || !LOCAL_DIRECTIVES.has(d.name)) continue
      if (d.scoped) spot[d.name] = d.value
      else inherited = { ...inherited, [d.name]: d.value }
    }
    perSlide.push({ ...globals, ...inherited, ...spot })
  }
  return { globals, perSlide }
}
