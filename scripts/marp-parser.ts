/**
 * One shared Marp instance used only to tokenise decks. Building Marp is the
 * slow part (plugins, highlight.js), so it is created once and reused: parsing
 * is synchronous, so sharing it between decks is safe.
 */
import { Marp } from '@marp-team/marp-core'
import type Token from 'markdown-it/lib/token.mjs'

export type { Token }

/** Metadata directives that marp-cli adds on top of Marp Core (title, author...). */
export const CLI_GLOBAL_DIRECTIVES = ['title', 'description', 'author', 'image', 'keywords', 'url'] as const

export const GLOBAL_DIRECTIVES = new Set<string>([
  'headingDivider',
  'style',
  'theme',
  'lang',
  'size',
  'math',
  'marp',
  ...CLI_GLOBAL_DIRECTIVES,
])

export const LOCAL_DIRECTIVES = new Set<string>([
  'backgroundColor',
  'backgroundImage',
  'backgroundPosition',
  'backgroundRepeat',
  'backgroundSize',
  'class',
  'color',
  'footer',
  'header',
  'paginate',
])

interface CoreState {
  tokens: Token[]
  inlineMode: boolean
  Token: new (type: string, tag: string, nesting: -1 | 0 | 1) => Token
}

/**
 * Marpit's own `marpit_slide` rule rebuilds the token array with a spread for
 * every slide, which is quadratic: 1,000 slides took seconds. This does the
 * same split (top-level `hr` tokens, same tokens, maps, ids and meta) in one pass.
 */
function splitSlides(state: CoreState): void {
  if (state.inlineMode) return
  const groups: Token[][] = [[]]
  for (const token of state.tokens) {
    if (token.type === 'hr' && token.level === 0) groups.push([token])
    else groups[groups.length - 1].push(token)
  }
  const total = groups.length
  const tokens: Token[] = []
  groups.forEach((group, index) => {
    const firstHr = group[0]?.type === 'hr' ? group[0] : undefined
    const mapTarget = firstHr ?? group.find((t) => t.map)
    const open = new state.Token('marpit_slide_open', 'section', 1)
    open.block = true
    open.meta = { marpitSlide: index, marpitSlideTotal: total, marpitSlideElement: 1 }
    open.map = mapTarget?.map ?? [0, 1]
    open.attrSet('id', String(index + 1))
    const close = new state.Token('marpit_slide_close', 'section', -1)
    close.block = true
    close.meta = { marpitSlide: index, marpitSlideTotal: total, marpitSlideElement: -1 }
    tokens.push(open)
    for (let i = firstHr ? 1 : 0; i < group.length; i++) {
      group[i].level += 1
      tokens.push(group[i])
    }
    tokens.push(close)
  })
  state.tokens = tokens
}

/** A Marp instance configured like marp-cli, for tokenising only. */
export function createTokenizer(linearSlides = true): Marp {
  const marp = new Marp({ html: true, script: false })
  // marp-cli treats these as directives: without them Marp Core would take
  // `<!-- title: X -->` for a speaker note.
  for (const name of CLI_GLOBAL_DIRECTIVES) marp.customDirectives.global[name] = () => ({})
  if (linearSlides) marp.markdown.core.ruler.at('marpit_slide', splitSlides as unknown as (state: unknown) => void)
  return marp
}

let shared: Marp | undefined

/** Marp's markdown-it token stream for a deck source (BOM already removed). */
export function marpTokens(source: string): Token[] {
  shared ??= createTokenizer()
  return shared.markdown.parse(source, {}) as Token[]
}
