/**
 * The project's themes as the dev server renders them: bundled (assets
 * inlined, as in the build) into a folder of its own that marp-cli reads.
 * A reload rewrites only the themes whose CSS changed and says which they
 * were, so only the decks using them are rebuilt.
 */
import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sha256 } from '../cache.js'
import { effectiveSeverity } from '../check.js'
import type { ProjectConfig } from '../config.js'
import type { Diagnostic } from '../deck.js'
import { THEME_INVALID_RULE_ID } from '../rules/index.js'
import { bundleTheme, type BundledTheme } from '../theme-bundle.js'
import { loadThemes, type ThemeInfo, type ThemeProblem } from '../themes.js'

export class DevThemeSet {
  themes: ThemeInfo[] = []
  bundled: BundledTheme[] = []
  /** Changes whenever any bundled theme does: part of each deck's render key. */
  hash = ''
  private problems: ThemeProblem[] = []

  private constructor(
    readonly sourceDir: string,
    readonly root: string,
    /** Where the bundled CSS files are written. */
    readonly dir: string,
  ) {}

  static async create(sourceDir: string, root: string): Promise<DevThemeSet> {
    return new DevThemeSet(sourceDir, root, await mkdtemp(path.join(os.tmpdir(), 'dsi-dev-themes-')))
  }

  /** Reloads and re-bundles every theme; returns the names whose CSS changed, appeared or went away. */
  async reload(): Promise<Set<string>> {
    let loaded
    try {
      loaded = await loadThemes(this.sourceDir, this.root)
    } catch {
      // A file removed between listing and reading (git checkout): the folder has settled by now.
      await new Promise((resolve) => setTimeout(resolve, 50))
      loaded = await loadThemes(this.sourceDir, this.root)
    }
    const bundled = await Promise.all(loaded.themes.map((t) => bundleTheme(t, this.root)))
    const before = new Map(this.bundled.map((b) => [b.name, b.css]))
    const after = new Map(bundled.map((b) => [b.name, b.css]))
    const changed = new Set([...before.keys(), ...after.keys()].filter((n) => before.get(n) !== after.get(n)))
    for (const name of changed) {
      const file = path.join(this.dir, `${name}.css`)
      if (after.has(name)) await writeFile(file, after.get(name)!)
      else await unlink(file).catch(() => {})
    }
    this.themes = loaded.themes
    this.bundled = bundled
    this.problems = loaded.problems
    this.hash = sha256(bundled.map((b) => `${b.name}\n${b.css}`).join('\n'))
    return changed
  }

  /** Theme files Marp cannot register, as findings at the severity the project gives them. */
  diagnostics(config: ProjectConfig): Diagnostic[] {
    const severity = effectiveSeverity(config, THEME_INVALID_RULE_ID, 'error')
    if (!severity) return []
    return this.problems.map((p) => ({ file: p.file, line: 1, column: 1, severity, rule: THEME_INVALID_RULE_ID, message: p.message }))
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true })
  }
}
