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

let shared: Marp | undefined

function marp(): Marp {
  if (!shared) {
    shared = new Marp({ html: true, script: false })
    // marp-cli treats these as directives: without them Marp Core would take
    // `<!-- title: X -->` for a speaker note.
    for (const name of CLI_GLOBAL_DIRECTIVES) shared.customDirectives.global[name] = () => ({})
  }
  return shared
}

/** Marp's markdown-it token stream for a deck source (BOM already removed). */
export function marpTokens(source: string): Token[] {
  return marp().markdown.parse(source, {}) as Token[]
}
