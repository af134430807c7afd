import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { findBrowser, systemFinderEnv, type FoundBrowser } from './browser-finder.js'
import type { BuildSettings } from './build-options.js'
import { formatKey, planDeck, type DeckPlan, type OutputFormat } from './build-plan.js'
import { BuildCache, sha256 } from './cache.js'
import type { CheckResult } from './check.js'
import { loadConfig, type ProjectConfig } from './config.js'
import type { Deck, Diagnostic } from './deck.js'
import { sortDiagnostics } from './diagnostics-format.js'
import { checkWithCache, deckEscapes, parseWithCache } from './cached-checks.js'
import { deckName, discoverDecks, selectDecks } from './discover.js'
import { SiteStaging } from './publish.js'
import { shareImage } from './site-assets.js'
import { withExistingThumbnails, writeSitePages } from './site-index.js'
import { MANIFEST_PATH, mergeDecks, type SiteDeck, type SiteManifest } from './site-manifest.js'
import { bundleTheme, type BundledTheme } from './theme-bundle.js'
import { loadThemes, themeDiagnostics } from './themes.js'
import { abortIf } from './build-abort.js'
import { convertAll, planBrowserWork, type ProgressReport } from './build-convert.js'

export interface BuildOptions extends BuildSettings {
  root: string
  /** Absolute output folder (the site). */
  outDir: string
  signal?: AbortSignal
  onProgress?: (event: ProgressEvent) => void
  /** Use this browser instead of looking for one (tests); null means none is available. */
  browser?: FoundBrowser | null
  /** Run the rendered rules (slide-overflow, contrast) on the print pages (default true; false only to measure them). */
  renderChecks?: boolean
}

export interface ProgressEvent {
  deck: string
  step: OutputFormat | 'thumbnail'
  done: number
  total: number
  cached: boolean
}

export interface DeckResult {
  name: string
  relPath: string
  title: string
  slides: number
  files: { format: OutputFormat; sitePath: string; bytes: number; cached: boolean }[]
  ms: number
  /** When the PPTX was converted: slide images captured by the browser, and taken from the per-slide cache. */
  slidesCaptured?: number
  slidesReused?: number
}

export interface BuildResult {
  exitCode: 0 | 1 | 2
  diagnostics: Diagnostic[]
  decks: DeckResult[]
  /** Decks not built because they have errors (without --force). */
  refused: string[]
  /** Tool failures: no browser, a conversion that failed twice... */
  failures: string[]
  /** Conversions that succeeded on a fresh browser after the first one crashed ("deck (pdf, pptx)"). */
  retried?: string[]
  published: boolean
  browser?: FoundBrowser
  ms: number
}

export class BuildUsageError extends Error {}
export { BuildAbortedError } from './build-abort.js'

/**
 * discover → parse → check → render → convert → publish. Content errors stop
 * the build before anything is published (unless `force`); tool failures are
 * collected; the site is swapped in only when every deck built.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const started = performance.now()
  const { root } = options
  const all = await discoverDecks(path.join(root, 'slides'))
  const { decks: selected, unknown } = selectDecks(all, options.decks, root)
  if (unknown.length > 0) throw new BuildUsageError(`no deck named ${unknown.map((u) => `"${u}"`).join(', ')} in slides/`)
  const files = options.shard ? shardOf(selected, options.shard) : selected

  const { config, problems } = await loadConfig(root)
  const { themes, problems: themeProblems } = await loadThemes(path.join(root, 'themes'), root)
  const decks = await Promise.all(files.map((file) => parseWithCache(file, root, options.cache)))
  const result: BuildResult = { exitCode: 0, diagnostics: [], decks: [], refused: [], failures: [], published: false, ms: 0 }
  // The checks run while the pages render and convert (loading the spelling
  // dictionaries alone takes seconds): until they pass, outputs only go to the
  // content-addressed cache, nothing is placed or published. When they refuse,
  // the conversions stop at the next deck. Measured on the bench course: a
  // one-slide edit waited for the checks, then for the browser.
  const speculative = new AbortController()
  const signal = options.signal ? AbortSignal.any([options.signal, speculative.signal]) : speculative.signal
  const refusedByChecks = checkWithCache(decks, { root, themes, config }, { cache: options.cache, ignore: [path.basename(options.outDir)] }).then((checked) => {
    result.diagnostics.push(...problems, ...themeDiagnostics(themeProblems, config), ...checked.diagnostics)
    result.failures.push(...checked.toolFailures.map((f) => `rule ${f.rule} failed: ${f.message}`))
    const withErrors = new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))
    // A deck linked in from outside the project is never built, not even with --force.
    result.refused.push(...decks.filter((d) => (!options.force && withErrors.has(d.relPath)) || deckEscapes(d.path, root)).map((d) => d.name))
    // An error outside the decks (course.config.json, a theme file) stops the build as `check` fails on it.
    const deckFiles = new Set(decks.map((d) => d.relPath))
    const projectErrors = !options.force && result.diagnostics.some((d) => d.severity === 'error' && !deckFiles.has(d.file))
    const stop = result.refused.length > 0 || projectErrors || checked.toolFailures.length > 0
    if (stop) {
      result.exitCode = checked.toolFailures.length > 0 ? 2 : 1
      speculative.abort()
    }
    return stop
  })
  refusedByChecks.catch(() => {}) // awaited below
  const early = () => {
    result.ms = performance.now() - started
    return result
  }

  const cacheDir = path.join(root, '.cache', 'build')
  const cache = new BuildCache(options.cache ? cacheDir : path.join(root, '.cache', `nocache-${process.pid}`))
  const bundled = await Promise.all(themes.map((t) => bundleTheme(t, root)))
  const themeDir = await writeBundledThemes(root, bundled)
  const configSource = await readFile(path.join(root, 'marp.config.mjs'), 'utf8')
  const names = new Set(all.map(deckName))
  const plans = await Promise.all(decks.map((d) => planDeck(d, root, names, bundled, configSource)))

  const converting: BuildOptions = { ...options, signal }
  const staging = await SiteStaging.create(options.outDir, isPartial(options))
  try {
    const outputs = new Map<string, DeckResult>(plans.map((p) => [p.deck.name, emptyResult(p.deck)]))
    const progress = counter(options, plans.length)

    // marp-cli renders the HTML in this process while the browser converts: the two keep both cores busy.
    const htmlTask = (async () => {
      if (!options.formats.includes('html')) return
      for (const plan of plans) {
        abortIf(signal)
        const t = performance.now()
        const ogImage = shareImage(plan.deck.name, process.env.SITE_URL)
        const key = formatKey(plan, 'html', { ogImage })
        let file = await cache.get(key, 'html')
        const cached = file !== null
        if (!file) {
          const { renderBespokeHtml } = await import('./render-html.js')
          const { html } = await renderBespokeHtml({
            markdown: plan.markdown,
            name: plan.deck.name,
            configFile: path.join(root, 'marp.config.mjs'),
            themeDir,
            title: plan.deck.title,
            description: plan.deck.description,
            author: plan.deck.author,
            ogImage,
          })
          file = await cache.put(key, 'html', Buffer.from(html))
        }
        await place(staging, outputs.get(plan.deck.name)!, 'html', `${plan.deck.name}.html`, file, cached, t)
        progress(plan.deck.name, 'html', cached)
      }
    })()
    htmlTask.catch(() => {}) // awaited below; this only keeps a failure from counting as unhandled meanwhile

    const browserWork = await planBrowserWork(plans, options, cache, config)
    try {
      if (browserWork.some((w) => w.missing.length > 0)) {
        const found = await resolveBrowser(options)
        if (!found) {
          result.failures.push(browserMissingMessage())
        } else {
          result.browser = found
          result.retried = []
          const times = await convertAll(found, browserWork, plans, converting, cache, bundled, progress, { config, failures: result.failures }, result.retried)
          for (const [name, { ms, slides }] of times) Object.assign(outputs.get(name)!, slides).ms += ms
        }
      }
    } catch (error) {
      // A deck the checks refuse may well fail to convert (a missing image): the findings are the answer.
      if (!(await refusedByChecks)) throw error
    } finally {
      await htmlTask.catch(() => {})
    }
    if (await refusedByChecks) return early()
    await htmlTask
    for (const work of browserWork) {
      const deckOut = outputs.get(work.plan.deck.name)!
      for (const step of work.steps) {
        const file = await cache.get(step.key, step.ext)
        if (!file) continue
        if (step.format === 'checks') {
          result.diagnostics.push(...((await cache.getJson<CheckResult>(step.key))?.diagnostics ?? []))
          continue
        }
        if (step.format === 'thumbnail') await staging.placeFile(`thumbnails/${work.plan.deck.name}.jpg`, file)
        else await place(staging, deckOut, step.format, `${work.plan.deck.name}.${step.ext}`, file, !work.missing.includes(step), 0)
      }
    }

    result.diagnostics = sortDiagnostics(result.diagnostics)
    for (const plan of plans) for (const asset of plan.assets) await safeCopy(staging, asset.sitePath, asset.file)
    await writeSiteFiles(staging, config, plans, outputs, options)
    abortIf(options.signal)
    await staging.commit()
    result.published = true
    result.decks = [...outputs.values()]
    result.exitCode = result.failures.length > 0 ? 2 : 0
  } finally {
    await staging.abandon()
  }
  result.ms = performance.now() - started
  return result
}

async function resolveBrowser(options: BuildOptions): Promise<FoundBrowser | null> {
  if (options.browser !== undefined) return options.browser
  try {
    return await findBrowser(systemFinderEnv())
  } catch {
    return null
  }
}

export function browserMissingMessage(): string {
  return (
    'no browser found, so PDF and PPTX were not built (the HTML was). Install Google Chrome, ' +
    'Chromium or Edge (Debian/Ubuntu: `apt-get install chromium`), or set CHROME_PATH to one; ' +
    'on Linux x64, `npm ci` also installs @sparticuz/chromium, which is used when nothing else is found.'
  )
}

/** Deterministic slice: deck i (0-based, in name order) goes to shard (i mod n) + 1. */
export function shardOf<T>(items: T[], shard: { index: number; count: number }): T[] {
  return items.filter((_, i) => i % shard.count === shard.index - 1)
}

const isPartial = (o: BuildOptions) => o.decks.length > 0 || o.formats.length < 3 || o.shard !== undefined

function emptyResult(deck: Deck): DeckResult {
  return { name: deck.name, relPath: deck.relPath, title: deck.title, slides: deck.slides.length, files: [], ms: 0 }
}

async function place(
  staging: SiteStaging,
  out: DeckResult,
  format: OutputFormat,
  sitePath: string,
  file: string,
  cached: boolean,
  startedAt: number,
): Promise<void> {
  await staging.placeFile(sitePath, file)
  const { size: bytes } = await stat(file)
  out.files.push({ format, sitePath, bytes, cached })
  if (startedAt > 0) out.ms += performance.now() - startedAt
}

/** A missing asset was reported by the checks (and allowed by --force): skip it, keep building. */
async function safeCopy(staging: SiteStaging, sitePath: string, file: string): Promise<void> {
  try {
    await staging.copyAsset(sitePath, file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

async function writeSiteFiles(
  staging: SiteStaging,
  config: ProjectConfig,
  plans: DeckPlan[],
  outputs: Map<string, DeckResult>,
  options: BuildOptions,
): Promise<void> {
  let previous: SiteDeck[] = []
  if (isPartial(options)) {
    try {
      previous = (JSON.parse(await readFile(staging.path(MANIFEST_PATH), 'utf8')) as SiteManifest).decks
    } catch {
      previous = []
    }
  }
  const built: SiteDeck[] = plans.map((plan) => {
    const out = outputs.get(plan.deck.name)!
    const old = previous.find((p) => p.name === plan.deck.name)
    const files: SiteDeck['files'] = { ...(old?.files ?? {}) }
    for (const f of out.files) files[f.format] = { path: f.sitePath, bytes: f.bytes }
    return {
      name: plan.deck.name,
      title: plan.deck.title,
      subtitle: plan.deck.subtitle,
      description: plan.deck.description,
      lang: plan.deck.lang,
      slides: plan.deck.slides.length,
      files,
      thumbnail: `thumbnails/${plan.deck.name}.jpg`,
    }
  })
  const manifest: SiteManifest = await withExistingThumbnails(staging, {
    title: config.title,
    description: config.description,
    decks: mergeDecks(previous, built),
  })
  await staging.write(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n')
  await writeSitePages(staging, options.root, manifest)
}

async function writeBundledThemes(root: string, themes: BundledTheme[]): Promise<string> {
  const key = sha256(themes.map((t) => t.css).join('\n/* --- */\n')).slice(0, 16)
  const dir = path.join(root, '.cache', 'themes', key)
  await mkdir(dir, { recursive: true })
  await Promise.all(themes.map((t) => writeFile(path.join(dir, `${t.name}.css`), t.css)))
  return dir
}

function counter(options: BuildOptions, decks: number): ProgressReport {
  const perDeck = options.formats.length
  let done = 0
  return (deck: string, step: OutputFormat, cached: boolean) => {
    done++
    options.onProgress?.({ deck, step, done, total: decks * perDeck, cached })
  }
}
