import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ProjectConfig } from './config.js'
import type { Diagnostic } from './deck.js'
import { THEME_INVALID_RULE_ID } from './rules/ids.js'

/** Marp's built-in themes: always registered. */
export const BUILTIN_THEMES = ['default', 'gaia', 'uncover'] as const

export interface ThemeInfo {
  /** The name declared by `/* @theme name *\/`. */
  name: string
  /** Absolute path of the CSS file. */
  file: string
  /** Project-relative path, forward slashes. */
  relPath: string
  css: string
}

export interface ThemeProblem {
  file: string
  message: string
}

/** Marp reads the theme name from a `@theme` meta comment anywhere in the CSS. */
export function themeNameOf(css: string): string | undefined {
  const match = /\/\*[\s*]*@theme\s+([^\s*]+)/.exec(css)
  return match?.[1]
}

/**
 * Loads every `*.css` theme directly in `themesDir`. A file without a `@theme`
 * name, or a name declared twice, is a problem reported to the caller rather
 * than thrown, so one broken theme does not hide the others.
 */
export async function loadThemes(
  themesDir: string,
  root: string,
): Promise<{ themes: ThemeInfo[]; problems: ThemeProblem[] }> {
  const themes: ThemeInfo[] = []
  const problems: ThemeProblem[] = []
  let names: string[] = []
  try {
    names = (await readdir(themesDir)).filter((n) => n.endsWith('.css')).sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  for (const fileName of names) {
    const file = path.join(themesDir, fileName)
    const css = await readFile(file, 'utf8')
    const relPath = path.relative(root, file).split(path.sep).join('/')
    const name = themeNameOf(css)
    if (!name) {
      problems.push({ file: relPath, message: 'no /* @theme name */ comment: Marp cannot register this theme' })
      continue
    }
    const clash = themes.find((t) => t.name === name) ?? (BUILTIN_THEMES as readonly string[]).includes(name)
    if (clash) {
      problems.push({ file: relPath, message: `theme name "${name}" is already registered` })
      continue
    }
    themes.push({ name, file, relPath, css })
  }
  return { themes, problems }
}

/** Every name a deck may use in its `theme` directive. */
export function registeredThemeNames(themes: ThemeInfo[]): string[] {
  return [...BUILTIN_THEMES, ...themes.map((t) => t.name)]
}

/**
 * Theme problems as `theme-invalid` findings at the project's severity (an
 * error unless course.config.json turns it down or off): `check` and `build`
 * report them alike.
 */
export function themeDiagnostics(problems: ThemeProblem[], config: ProjectConfig): Diagnostic[] {
  const setting = config.rules[THEME_INVALID_RULE_ID]
  if (setting === 'off') return []
  const severity = setting ?? 'error'
  return problems.map((p) => ({ file: p.file, line: 1, column: 1, severity, rule: THEME_INVALID_RULE_ID, message: p.message }))
}
