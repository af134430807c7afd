/**
 * A check that needs the slides rendered: it runs on the loaded print page
 * (scripts/convert.ts `inspect`), where every slide is an
 * `svg[data-marpit-svg]` stacked vertically, in source order. Registered in
 * scripts/rules/index.ts like the static rules, so configs can set or switch
 * them off; they run in the build and in `npm run check -- --render`.
 */
import type { Page } from 'playwright-core'
import type { Deck, Severity } from './deck.js'
import type { Finding } from './rule.js'

export interface RenderedRule {
  id: string
  severity: Severity
  description: string
  tags: string[]
  inspect(page: Page, deck: Deck): Promise<Finding[]>
}

/** Where a finding on rendered slide `index` points: the slide's first source line. */
export function slidePosition(deck: Deck, index: number): { line: number; column: number } {
  return { line: deck.slides[index]?.startLine ?? 1, column: 1 }
}
