/**
 * Hand-drawn SVG diagrams in images/ (not the ones the charts script
 * generates). They are published as-is, so each must be well-formed XML,
 * accessible (title + role/aria), keep its labels as real text, and pull in
 * nothing from outside the file.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const IMAGES = join(import.meta.dirname, '..', 'images')

const DIAGRAMS = [
  '02_RNN-unrolled.svg',
  '02_encoder_decoder.svg',
  '02_attention_mechanism.svg',
  '02_seq2seq_transformer.svg',
  '02_self-attention.svg',
  '02_attention_mechanism_huyen.svg',
  '02_transformer.svg',
  '02_model_dimensions.svg',
  '00_ai_engineering.svg',
  '02_foundation_model.svg',
  '02_transformer_timeline.svg',
  '02_pretraining_sft_rlhf.svg',
  '02_instructgpt.svg',
  '02_shoggoth.svg',
]

interface Element {
  name: string
  attrs: Record<string, string>
  children: Element[]
  text: string
}

const NAME = '[A-Za-z_][-\\w:.]*'
const START_TAG = new RegExp(`^<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`)
const END_TAG = new RegExp(`^</(${NAME})\\s*>`)
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g')
const BAD_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/

/**
 * A strict well-formedness parser for the XML subset SVG files use (no DTDs).
 * Throws on the first error; small on purpose, because the project has no XML
 * parser among its declared dependencies.
 */
function parseXml(source: string): Element {
  const stack: Element[] = []
  let root: Element | undefined
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}`)
  }
  while (i < source.length) {
    const lt = source.indexOf('<', i)
    const text = source.slice(i, lt < 0 ? source.length : lt)
    if (BAD_ENTITY.test(text)) fail('bad entity or bare &')
    if (stack.length) stack[stack.length - 1].text += text
    else if (text.trim()) fail('text outside the root element')
    if (lt < 0) break
    i = lt
    const rest = source.slice(i)
    const skip = /^<!--(?:(?!--)[\s\S])*-->|^<\?[\s\S]*?\?>|^<!\[CDATA\[[\s\S]*?\]\]>/.exec(rest)
    if (skip) {
      i += skip[0].length
      continue
    }
    const end = END_TAG.exec(rest)
    if (end) {
      const open = stack.pop()
      if (!open || open.name !== end[1]) fail(`</${end[1]}> does not close <${open?.name}>`)
      i += end[0].length
      continue
    }
    const start = START_TAG.exec(rest) ?? fail('malformed markup')
    if (root && !stack.length) fail('second root element')
    const el: Element = { name: start[1], attrs: {}, children: [], text: '' }
    for (const [, key, dq, sq] of start[2].matchAll(ATTR)) {
      if (key in el.attrs) fail(`duplicate attribute ${key}`)
      const value = dq ?? sq
      if (BAD_ENTITY.test(value)) fail('bad entity in attribute')
      el.attrs[key] = value
    }
    if (stack.length) stack[stack.length - 1].children.push(el)
    else root = el
    if (!start[3]) stack.push(el)
    i += start[0].length
  }
  if (stack.length) fail(`<${stack[stack.length - 1].name}> is never closed`)
  return root ?? fail('no root element')
}

function* walk(el: Element): Generator<Element> {
  yield el
  for (const child of el.children) yield* walk(child)
}

const textOf = (el: Element): string => el.text + el.children.map(textOf).join('')

/** Everything wrong with one diagram's markup; empty when it is fine. */
function diagramProblems(source: string): string[] {
  let svg: Element
  try {
    svg = parseXml(source)
  } catch (error) {
    return [`not well-formed XML: ${(error as Error).message}`]
  }
  const problems: string[] = []
  const all = [...walk(svg)]
  if (svg.name !== 'svg') problems.push(`root is <${svg.name}>, not <svg>`)
  const box = (svg.attrs.viewBox ?? '').trim().split(/[\s,]+/).map(Number)
  if (box.length !== 4 || box.some(Number.isNaN) || box[2] <= 0 || box[3] <= 0) problems.push('no usable viewBox')
  if (!svg.attrs.width || !svg.attrs.height) problems.push('no width/height')
  const title = svg.children.find((c) => c.name === 'title')
  if (!title || !textOf(title).trim()) problems.push('no <title> as a child of <svg>')
  if (svg.attrs.role !== 'img') problems.push('root lacks role="img"')
  const ids = new Set(all.map((el) => el.attrs.id).filter(Boolean))
  const labelledBy = (svg.attrs['aria-labelledby'] ?? '').split(/\s+/).filter(Boolean)
  if (!labelledBy.length || labelledBy.some((id) => !ids.has(id))) problems.push('aria-labelledby does not name ids in the file')
  if (!all.some((el) => el.name === 'text' && textOf(el).trim())) problems.push('no real <text> labels')
  for (const el of all) {
    const href = el.attrs.href ?? el.attrs['xlink:href']
    if (el.name === 'image' && !href?.startsWith('data:')) problems.push(`<image> with external href ${href}`)
  }
  // Fonts are embedded by the publishing step, never by the source file.
  if (/@font-face/.test(source)) problems.push('embeds a font')
  return problems
}

describe('parseXml', () => {
  it('builds the element tree and decodes nothing it does not need to', () => {
    const root = parseXml('<?xml version="1.0"?><svg a="1"><!-- x --><g><text>A &amp; B</text></g><rect/></svg>')
    expect(root.name).toBe('svg')
    expect(root.children.map((c) => c.name)).toEqual(['g', 'rect'])
    expect(textOf(root)).toBe('A &amp; B')
  })

  it.each([
    ['an unclosed element', '<svg><g></svg>'],
    ['a mismatched end tag', '<svg><g></text></svg>'],
    ['an unquoted attribute', '<svg width=10></svg>'],
    ['a bare ampersand', '<svg><text>R&D</text></svg>'],
    ['a duplicate attribute', '<svg a="1" a="2"></svg>'],
    ['two roots', '<svg></svg><svg></svg>'],
  ])('rejects %s', (_, source) => {
    expect(() => parseXml(source)).toThrow()
  })
})

describe('diagramProblems', () => {
  it('flags a diagram that is only an outlined picture of a remote image', () => {
    const bad = '<svg viewBox="0 0 10 10"><image href="https://example.org/fig.png"/><path d="M0 0"/></svg>'
    expect(diagramProblems(bad)).toEqual([
      'no width/height',
      'no <title> as a child of <svg>',
      'root lacks role="img"',
      'aria-labelledby does not name ids in the file',
      'no real <text> labels',
      '<image> with external href https://example.org/fig.png',
    ])
  })
})

describe.each(DIAGRAMS)('images/%s', (file) => {
  it('is a well-formed, accessible, self-contained SVG with real text', () => {
    expect(diagramProblems(readFileSync(join(IMAGES, file), 'utf8'))).toEqual([])
  })
})
