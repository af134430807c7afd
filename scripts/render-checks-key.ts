/**
 * What the build's cached rendered findings (overflow, contrast) depend on
 * besides the deck. Apart from render-checks.ts so that a build with
 * everything cached never loads the rules (see rules/ids.ts).
 */
import type { ProjectConfig } from './config.js'
import { RENDERED_RULE_IDS } from './rules/ids.js'

/**
 * Bump when a rendered rule changes what it finds, or its default severity:
 * cached findings are keyed on it.
 */
const RENDER_CHECKS_REVISION = '3'

/**
 * The rules' revision and this config's setting for each rendered rule that
 * is on. Undefined when every rendered rule is off (the build then skips the
 * inspection). A default severity is error or warning, never off (the
 * Severity type), so "on" is "not set to off".
 */
export function renderChecksKey(config: ProjectConfig): Record<string, unknown> | undefined {
  const active = RENDERED_RULE_IDS.filter((id) => config.rules[id] !== 'off')
  if (active.length === 0) return undefined
  return { revision: RENDER_CHECKS_REVISION, rules: active.map((id) => `${id}=${config.rules[id] ?? 'default'}`) }
}
