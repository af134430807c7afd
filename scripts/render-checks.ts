/**
 * The rendered checks on one loaded print page: what the build's `inspect`
 * hook and `npm run check -- --render` run. Pure like checkDecks: findings
 * become diagnostics at the project's severity, a rule that throws becomes
 * a tool failure naming the rule.
 */
import type { Page } from 'playwright-core'
import { effectiveSeverity, type CheckResult } from './check.js'
import type { ProjectConfig } from './config.js'
import type { Deck, Diagnostic } from './deck.js'
import type { RenderedRule } from './rendered-rule.js'
import { RENDERED_RULES } from './rules/index.js'

/** The rendered rules this config leaves on (none: the build can skip the inspection). */
export function activeRenderedRules(config: ProjectConfig, rules: readonly RenderedRule[] = RENDERED_RULES): RenderedRule[] {
  return rules.filter((r) => effectiveSeverity(config, r.id, r.severity) !== undefined)
}

export async function inspectRenderedDeck(
  page: Page,
  deck: Deck,
  config: ProjectConfig,
  rules: readonly RenderedRule[] = RENDERED_RULES,
): Promise<CheckResult> {
  const diagnostics: Diagnostic[] = []
  const toolFailures: CheckResult['toolFailures'] = []
  for (const rule of rules) {
    const severity = effectiveSeverity(config, rule.id, rule.severity)
    if (!severity) continue
    try {
      for (const f of await rule.inspect(page, deck)) {
        diagnostics.push({ file: f.file ?? deck.relPath, line: f.line, column: f.column, severity, rule: rule.id, message: f.message })
      }
    } catch (error) {
      toolFailures.push({ rule: rule.id, message: `${deck.relPath}: ${(error as Error)?.message ?? String(error)}` })
    }
  }
  return { diagnostics, toolFailures }
}

