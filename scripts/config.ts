/**
 * The project config, `course.config.json` at the project root: the course
 * title and description for the site, and per-rule severities.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Diagnostic } from './deck.js'
import { KNOWN_RULE_IDS } from './rules/ids.js'
import { closest } from './suggest.js'
import { positionIn } from './parse-source.js'

export type RuleSetting = 'error' | 'warning' | 'off'

export interface ProjectConfig {
  title: string
  description: string
  rules: Record<string, RuleSetting>
}

export const CONFIG_FILE = 'course.config.json'

export function defaultConfig(): ProjectConfig {
  return { title: 'Lecture slides', description: '', rules: {} }
}

const SETTINGS: readonly string[] = ['error', 'warning', 'off']

export async function loadConfig(root: string): Promise<{ config: ProjectConfig; problems: Diagnostic[] }> {
  const config = defaultConfig()
  const problems: Diagnostic[] = []
  let text: string
  try {
    text = await readFile(path.join(root, CONFIG_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { config, problems }
    problems.push(problem(1, 1, `cannot read ${CONFIG_FILE}: ${(error as Error).message}`))
    return { config, problems }
  }
  const at = (needle: string) => {
    const offset = text.indexOf(needle)
    return offset < 0 ? { line: 1, column: 1 } : positionIn(text, offset)
  }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    const message = (error as Error).message
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0)
    const p = positionIn(text, offset)
    problems.push(problem(p.line, p.column, `${CONFIG_FILE} is not valid JSON: ${message}`))
    return { config, problems }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push(problem(1, 1, `${CONFIG_FILE} must hold an object: { "title": ..., "description": ..., "rules": { ... } }`))
    return { config, problems }
  }
  const raw = data as Record<string, unknown>
  for (const key of ['title', 'description'] as const) {
    if (raw[key] === undefined) continue
    if (typeof raw[key] === 'string') config[key] = raw[key] as string
    else problems.push(problem(at(`"${key}"`).line, at(`"${key}"`).column, `"${key}" must be a string`))
  }
  if (raw.rules !== undefined) {
    if (typeof raw.rules !== 'object' || raw.rules === null || Array.isArray(raw.rules)) {
      const p = at('"rules"')
      problems.push(problem(p.line, p.column, '"rules" must map rule ids to "error", "warning" or "off"'))
    } else {
      for (const [id, setting] of Object.entries(raw.rules as Record<string, unknown>)) {
        const p = at(`"${id}"`)
        if (!KNOWN_RULE_IDS.includes(id)) {
          const suggestion = closest(id, KNOWN_RULE_IDS)
          problems.push({ ...problem(p.line, p.column, `unknown rule "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`), severity: 'warning' })
          continue
        }
        if (typeof setting !== 'string' || !SETTINGS.includes(setting)) {
          problems.push(problem(p.line, p.column, `rule "${id}" must be "error", "warning" or "off", not ${JSON.stringify(setting)}`))
          continue
        }
        config.rules[id] = setting as RuleSetting
      }
    }
  }
  return { config, problems }
}

function problem(line: number, column: number, message: string): Diagnostic {
  return { file: CONFIG_FILE, line, column, severity: 'error', rule: 'config-invalid', message }
}
