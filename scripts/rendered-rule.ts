/**
 * A check that needs the slides rendered: it runs on the loaded print page
 * (scripts/convert.ts `inspect`), where every slide is an
 * `svg[data-marpit-svg]` stacked vertically, in source order. Registered in
 * scripts/rules/index.ts like the static rules, so configs can set or switch
 * them off; they run in the build and in `npm run check -- --render`.
 */
import { LINE_BREAK } from './parse-source.js'
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

/**
 * Where a finding on rendered slide `index` points: the slide's first source
 * line that is not blank (a slide usually starts with the empty line after `---`).
 */
export function slidePosition(deck: Deck, index: number): { line: number; column: number } {
  const slide = deck.slides[index]
  if (!slide) return { line: 1, column: 1 }
  const lines = deck.source.split(LINE_BREAK)
  for (let line = slide.startLine; line <= slide.endLine; line++) {
    if ((lines[line - 1] ?? '').trim() !== '') return { line, column: 1 }
  }
  return { line: slide.startLine, column: 1 }
}

/**
 * tsx and vitest compile with esbuild's keepNames, which wraps named inner
 * functions in `__name(...)`: a function handed to page.evaluate then calls
 * a helper the page does not have. Call this before evaluating one.
 */
export async function allowCompiledFunctions(page: Page): Promise<void> {
  await page.evaluate('globalThis.__name ??= (fn) => fn')
}
