/**
 * Runs every rule on parsed decks. Pure: no printing, no exit. A rule that
 * throws becomes a tool failure naming the rule; the other rules still run.
 */
import type { Deck, Diagnostic, Severity } from './deck.js'
import type { ProjectConfig } from './config.js'
import { sortDiagnostics } from './diagnostics-format.js'
import type { Rule } from './rule.js'
import { RULES } from './rules/index.js'
import { resetDiskIndex } from './rules/asset-refs.js'
import type { ThemeInfo } from './themes.js'

export interface CheckContext {
  root: string
  themes: ThemeInfo[]
  config: ProjectConfig
}

export interface CheckResult {
  diagnostics: Diagnostic[]
  toolFailures: { rule: string; message: string }[]
}

/** The severity a rule runs at in this project, or undefined when it is off. */
export function effectiveSeverity(config: ProjectConfig, rule: string, fallback: Severity): Severity | undefined {
  const setting = config.rules[rule]
  if (setting === 'off') return undefined
  return setting ?? fallback
}

function position(value: unknown): number {
  const n = Math.trunc(Number(value))
  return Number.isFinite(n) && n >= 1 ? n : 1
}

export async function checkDecks(decks: Deck[], ctx: CheckContext, rules: readonly Rule[] = RULES): Promise<CheckResult> {
  resetDiskIndex(ctx)
  const diagnostics: Diagnostic[] = []
  const toolFailures: CheckResult['toolFailures'] = []
  for (const deck of decks) {
    for (const problem of deck.problems) {
      const severity = effectiveSeverity(ctx.config, problem.rule, problem.severity)
      if (severity) diagnostics.push({ file: deck.relPath, line: problem.line, column: problem.column, severity, rule: problem.rule, message: problem.message })
    }
    for (const rule of rules) {
      const severity = effectiveSeverity(ctx.config, rule.id, rule.severity)
      if (!severity) continue
      const found: Diagnostic[] = []
      try {
        await rule.check(deck, ctx, (f) =>
          found.push({ file: f.file ?? deck.relPath, line: position(f.line), column: position(f.column), severity, rule: rule.id, message: String(f.message) }),
        )
        diagnostics.push(...found)
      } catch (error) {
        toolFailures.push({ rule: rule.id, message: `${deck.relPath}: ${(error as Error)?.message ?? String(error)}` })
      }
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics), toolFailures }
}
