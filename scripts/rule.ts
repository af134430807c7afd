/** A check: one module per rule in scripts/rules/, registered in scripts/rules/index.ts. */
import type { Deck, Severity } from './deck.js'
import type { CheckContext } from './check.js'

export interface Finding {
  line: number
  column: number
  message: string
  /** Project-relative file when the finding is not in the deck (a theme CSS file). */
  file?: string
}

export interface Rule {
  /** Stable id: what config files and diagnostics use. */
  id: string
  /** Default severity; the project config can change it or switch the rule off. */
  severity: Severity
  description: string
  tags: string[]
  check(deck: Deck, ctx: CheckContext, report: (d: Finding) => void): void | Promise<void>
}
