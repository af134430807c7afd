/**
 * The dev server's view of the project: every deck parsed, checked and
 * rendered in memory, and a dependency graph so a change rebuilds only the
 * decks it touches. Never throws on bad input: a broken deck or theme turns
 * into findings, and a deck whose edit adds errors keeps its last good HTML.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { sha256 } from '../cache.js'
import { checkDecks } from '../check.js'
import { CONFIG_FILE, loadConfig, type ProjectConfig } from '../config.js'
import { applyRewrites, planDeckAssets, resolveLocal, type DeckAsset } from '../deck-assets.js'
import type { Deck, Diagnostic } from '../deck.js'
import { sortDiagnostics } from '../diagnostics-format.js'
import { deckName, discoverDecks } from '../discover.js'
import { parseDeck } from '../parse.js'
import type { Rule } from '../rule.js'
import { renderBespokeHtml } from '../render-html.js'
import { WORDS_FILE } from '../spell-checker.js'
import { themesOf } from '../rules/asset-refs.js'
import { DeferredJobs, splitRules } from './deferred-checks.js'
import { DepGraph, themeKey } from './dep-graph.js'
import { DevThemeSet } from './theme-set.js'

export interface DeckState {
  file: string
  name: string
  relPath: string
  deck: Deck | null
  /** The HTML being served: the last version without new errors. */
  html: string | null
  /** Bumped whenever what the page shows changed: open pages reload. */
  version: number
  diagnostics: Diagnostic[]
  /** True when the source has new errors and `html` is an older version. */
  stale: boolean
  assets: DeckAsset[]
  /** Error keys (rule + message) of the version being served. */
  servedErrors: Set<string>
  renderKey: string
  /** Set while a new version renders: page requests wait for it. */
  pending: Promise<void> | null
  /** Findings of the warning-only rules, which run after the reload. */
  deferredDiagnostics: Diagnostic[]
  /** The findings last reported to the terminal (JSON). */
  reported: string
}

export type DevEvent =
  /** `stages`: ms spent reading, parsing, checking, planning and rendering. */
  | { type: 'rebuilt'; deck: string; ms: number; rendered: boolean; kept: boolean; stages: Record<string, number> }
  | { type: 'findings'; deck: string; diagnostics: Diagnostic[] }
  | { type: 'project-findings'; diagnostics: Diagnostic[] }
  | { type: 'deck-added'; deck: string }
  | { type: 'deck-removed'; deck: string }
  | { type: 'error'; message: string }
  /** One batch of file changes handled: which decks it rebuilt. */
  | { type: 'batch'; changed: string[]; rebuilt: string[]; ms: number }

/** What open pages are told: reload, or show new findings over the page they have. */
export type ClientMessage = { type: 'reload'; target: string } | { type: 'diagnostics'; target: string }

export interface LiveProjectHooks {
  emit(event: DevEvent): void
  broadcast(message: ClientMessage): void
}

const INDEX = 'index'
const errorKeys = (diagnostics: Diagnostic[]) =>
  new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file} ${d.rule} ${d.message}`))
const isUnder = (dir: string, file: string) => file === dir || file.startsWith(dir + path.sep)

export class LiveProject {
  private readonly states = new Map<string, DeckState>()
  private readonly graph = new DepGraph()
  private readonly deferred: DeferredJobs
  private config: ProjectConfig = { title: '', description: '', rules: {} }
  private configProblems: Diagnostic[] = []
  private configSource = ''
  readonly slidesDir: string
  readonly themesDir: string
  readonly configFile: string

  private constructor(
    readonly root: string,
    private readonly themeSet: DevThemeSet,
    private readonly hooks: LiveProjectHooks,
  ) {
    this.slidesDir = path.join(root, 'slides')
    this.themesDir = path.join(root, 'themes')
    this.configFile = path.join(root, 'marp.config.mjs')
    // Late enough for the browser to fetch the reloaded page and its images first.
    this.deferred = new DeferredJobs(400, (error) => hooks.emit({ type: 'error', message: error.message }))
  }

  /** Loads and builds every deck once. */
  static async open(root: string, hooks: LiveProjectHooks): Promise<LiveProject> {
    const project = new LiveProject(root, await DevThemeSet.create(path.join(root, 'themes'), root), hooks)
    try {
      project.configSource = await readFile(project.configFile, 'utf8')
      await project.reloadConfig()
      await project.themeSet.reload()
      await project.syncDeckList()
      for (const file of project.files()) await project.rebuildSafely(file)
      if (project.projectDiagnostics().length > 0) hooks.emit({ type: 'project-findings', diagnostics: project.projectDiagnostics() })
    } catch (error) {
      await project.close()
      throw error
    }
    return project
  }

  async close(): Promise<void> {
    await this.deferred.close()
    await this.themeSet.close()
  }

  files(): string[] {
    return [...this.states.keys()]
  }

  decks(): DeckState[] {
    return [...this.states.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'))
  }

  byName(name: string): DeckState | undefined {
    return this.decks().find((s) => s.name === name)
  }

  get title(): string {
    return this.config.title
  }

  /** Findings not tied to one deck: the config file and theme files. */
  projectDiagnostics(): Diagnostic[] {
    return sortDiagnostics([...this.configProblems, ...this.themeSet.diagnostics(this.config)])
  }

  /** The file behind a site path a deck uses (`images/x.svg`), if any deck uses it. */
  assetFile(sitePath: string): string | undefined {
    for (const state of this.states.values()) {
      const asset = state.assets.find((a) => a.sitePath === sitePath)
      if (asset) return asset.file
    }
    return undefined
  }

  /** Handles one batch of changed paths: only the decks they touch are rebuilt. */
  async applyChanges(paths: Set<string>): Promise<void> {
    const started = performance.now()
    const summaryBefore = this.indexSummary()
    const affected = new Set<string>()
    const all = [...paths]
    const projectBefore = JSON.stringify(this.projectDiagnostics())

    if (all.some((p) => p === path.join(this.root, CONFIG_FILE))) await this.reloadConfig()
    // Rule settings or the spelling word list changed: every deck's findings may have.
    if (all.some((p) => p === path.join(this.root, CONFIG_FILE) || p === path.join(this.root, WORDS_FILE))) {
      this.files().forEach((f) => affected.add(f))
    }
    if (all.some((p) => isUnder(this.themesDir, p))) {
      for (const name of await this.themeSet.reload()) this.graph.dependents(themeKey(name)).forEach((f) => affected.add(f))
    }
    if (all.some((p) => isUnder(this.slidesDir, p))) {
      const { added, removed } = await this.syncDeckList()
      for (const file of [...added, ...removed]) this.graph.dependents(file).forEach((f) => affected.add(f))
      added.forEach((f) => affected.add(f))
    }
    for (const changed of all) {
      this.graph.dependents(changed).forEach((f) => affected.add(f))
      // A folder renamed or removed: every key below it.
      for (const deck of this.graph.decks()) if (this.graph.deps(deck).some((k) => isUnder(changed, k))) affected.add(deck)
    }
    const rebuilt: string[] = []
    for (const file of [...affected].sort()) {
      if (!this.states.has(file)) continue
      rebuilt.push(this.states.get(file)!.name)
      await this.rebuildSafely(file)
    }

    const projectAfter = JSON.stringify(this.projectDiagnostics())
    if (projectAfter !== projectBefore) {
      this.hooks.emit({ type: 'project-findings', diagnostics: this.projectDiagnostics() })
      for (const state of this.states.values()) this.hooks.broadcast({ type: 'diagnostics', target: state.name })
    }
    if (this.indexSummary() !== summaryBefore) this.hooks.broadcast({ type: 'reload', target: INDEX })
    const changed = all.map((p) => path.relative(this.root, p).split(path.sep).join('/')).sort()
    this.hooks.emit({ type: 'batch', changed, rebuilt, ms: performance.now() - started })
  }

  /** What the index shows; when it changes, open index pages reload. */
  indexSummary(): string {
    return JSON.stringify(
      this.decks().map((s) => [s.name, s.deck?.title, s.deck?.slides.length, s.diagnostics.length, s.stale, s.html !== null]),
    ) + JSON.stringify(this.projectDiagnostics())
  }

  private names(): Set<string> {
    return new Set(this.decks().map((s) => s.name))
  }

  private async syncDeckList(): Promise<{ added: string[]; removed: string[] }> {
    const found = await discoverDecks(this.slidesDir)
    const added = found.filter((f) => !this.states.has(f))
    const removed = this.files().filter((f) => !found.includes(f))
    for (const file of removed) {
      const name = this.states.get(file)!.name
      this.states.delete(file)
      this.graph.remove(file)
      this.deferred.cancel(file)
      this.hooks.emit({ type: 'deck-removed', deck: name })
      this.hooks.broadcast({ type: 'reload', target: name })
    }
    for (const file of added) {
      this.states.set(file, {
        file,
        name: deckName(file),
        relPath: path.relative(this.root, file).split(path.sep).join('/'),
        deck: null,
        html: null,
        version: 0,
        diagnostics: [],
        stale: false,
        assets: [],
        servedErrors: new Set(),
        renderKey: '',
        pending: null,
        deferredDiagnostics: [],
        reported: '[]',
      })
      this.hooks.emit({ type: 'deck-added', deck: deckName(file) })
    }
    return { added, removed }
  }

  private async reloadConfig(): Promise<void> {
    const { config, problems } = await loadConfig(this.root)
    this.config = config
    this.configProblems = problems
  }

  private async rebuildSafely(file: string): Promise<void> {
    try {
      await this.rebuild(file)
    } catch (error) {
      this.hooks.emit({ type: 'error', message: `${path.relative(this.root, file)}: ${(error as Error)?.message ?? String(error)}` })
    }
  }

  private async rebuild(file: string): Promise<void> {
    const started = performance.now()
    const state = this.states.get(file)!
    let source: Buffer
    try {
      source = await readFile(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      await this.syncDeckList() // deleted while we were busy: the next batch has its event
      return
    }
    const stages: Record<string, number> = {}
    let mark = started
    const lap = (stage: string) => {
      const now = performance.now()
      stages[stage] = now - mark
      mark = now
    }
    lap('read')
    const deck = parseDeck({ path: file, root: this.root, source })
    lap('parse')
    const { blocking, deferred } = splitRules(this.config)
    const diagnostics = await this.check(deck, blocking)
    lap('check')
    // What build-plan's planDeck does, without hashing every asset for a cache key the preview does not use.
    const { assets, rewrites } = planDeckAssets(deck, this.root, this.names())
    const plan = { assets, markdown: applyRewrites(deck.source, rewrites) }
    const themeNames = new Set([deck.theme, ...themesOf(deck, this.themeSet.themes).map((t) => t.name)])
    const links = deck.links.map((l) => resolveLocal(l.href, deck.path, this.root)).filter((f): f is string => f !== null)
    this.graph.set(file, [file, ...plan.assets.map((a) => a.file), ...links, ...[...themeNames].map(themeKey)])
    state.assets = plan.assets

    const errors = errorKeys(diagnostics)
    const blocked = state.html !== null && [...errors].some((k) => !state.servedErrors.has(k))
    let rendered = false
    let renderFailed = false
    let finished = () => {}
    if (!blocked) {
      // Open pages are told to reload now; their request waits for the render (`pending`),
      // so the browser tears down and re-requests the page while Marp works.
      state.pending = new Promise<void>((resolve) => (finished = resolve))
      lap('plan')
      state.version++
      this.hooks.broadcast({ type: 'reload', target: state.name })
    }
    try {
      if (!blocked) {
        const key = sha256([plan.markdown, deck.name, deck.title, deck.description, deck.author, this.themeSet.hash, this.configSource].join('\0'))
        // An image edit leaves the HTML as it was: skip Marp, but pages still reload for the new image.
        if (key !== state.renderKey || state.html === null) {
          try {
            mark = performance.now()
            state.html = await this.render(plan.markdown, deck)
            lap('render')
            state.renderKey = key
            rendered = true
          } catch (error) {
            renderFailed = true
            const message = `Marp could not render the deck: ${(error as Error)?.message ?? String(error)}`
            diagnostics.push({ file: deck.relPath, line: 1, column: 1, severity: 'error', rule: 'render-failed', message })
          }
        }
        if (!renderFailed) state.servedErrors = errors
      }
      state.deck = deck
      // Until the warning-only rules have run again, their previous findings stay on show.
      state.diagnostics = sortDiagnostics([...diagnostics, ...state.deferredDiagnostics])
      state.stale = (blocked || renderFailed) && state.html !== null
    } finally {
      state.pending = null
      finished()
    }
    const kept = blocked || renderFailed
    if (kept) this.hooks.broadcast({ type: 'diagnostics', target: state.name })
    this.hooks.emit({ type: 'rebuilt', deck: state.name, ms: performance.now() - started, rendered, kept, stages })
    this.reportFindings(state)
    if (deferred.length === 0) return
    this.deferred.schedule(file, async (isCurrent) => {
      const later = await this.check({ ...deck, problems: [] }, deferred)
      if (!isCurrent() || this.states.get(file) !== state) return
      const summaryBefore = this.indexSummary()
      state.deferredDiagnostics = later
      state.diagnostics = sortDiagnostics([...diagnostics, ...later])
      this.hooks.broadcast({ type: 'diagnostics', target: state.name })
      this.reportFindings(state)
      if (this.indexSummary() !== summaryBefore) this.hooks.broadcast({ type: 'reload', target: INDEX })
    })
  }

  private async check(deck: Deck, rules: Rule[]): Promise<Diagnostic[]> {
    const checked = await checkDecks([deck], { root: this.root, themes: this.themeSet.themes, config: this.config }, rules)
    return [
      ...checked.diagnostics,
      ...checked.toolFailures.map((f) => ({
        file: deck.relPath, line: 1, column: 1, severity: 'warning' as const, rule: f.rule, message: `the checker failed (a bug): ${f.message}`,
      })),
    ]
  }

  private async render(markdown: string, deck: Deck): Promise<string> {
    const { html } = await renderBespokeHtml({
      markdown,
      name: deck.name,
      configFile: this.configFile,
      themeDir: this.themeSet.dir,
      title: deck.title,
      description: deck.description,
      author: deck.author,
    })
    return html
  }

  /** Tells the terminal when a deck's findings changed. */
  private reportFindings(state: DeckState): void {
    const now = JSON.stringify(state.diagnostics)
    if (now === state.reported) return
    state.reported = now
    this.hooks.emit({ type: 'findings', deck: state.name, diagnostics: state.diagnostics })
  }
}
