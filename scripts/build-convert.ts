/**
 * The browser stage of a build: which outputs of each deck the cache lacks
 * (planBrowserWork), and one browser and one asset server that make them,
 * `concurrency` decks at a time (convertAll). Outputs go to the cache only;
 * build.ts decides what is published.
 */
import { readFile } from 'node:fs/promises'
import type { Browser, Page } from 'playwright-core'
import { abortIf, BuildAbortedError } from './build-abort.js'
import type { FoundBrowser } from './browser-finder.js'
import type { BuildOptions, DeckResult } from './build.js'
import { formatKey, slideImageKey, type DeckPlan, type OutputFormat } from './build-plan.js'
import type { BuildCache } from './cache.js'
import type { CheckResult } from './check.js'
import type { ProjectConfig } from './config.js'
import type { BrowserFormat, ConvertOutput } from './convert.js'
import { runPool } from './pool.js'
import type { PrintDocument } from './render-print.js'
import { PPTX_JPEG_QUALITY } from './slide-screenshots.js'
import type { BundledTheme } from './theme-bundle.js'

/** Reports one output made (or found in the cache) for the progress display. */
export type ProgressReport = (deck: string, step: OutputFormat, cached: boolean) => void

/** What converting a deck took, and how many PPTX slide images it captured or reused. */
export interface DeckConversion {
  ms: number
  slides?: Pick<DeckResult, 'slidesCaptured' | 'slidesReused'>
}

export interface BrowserStep {
  /** `checks`: the rendered rules' findings, cached like an output of the print page. */
  format: OutputFormat | 'thumbnail' | 'checks'
  ext: string
  key: string
}
export interface BrowserWork {
  plan: DeckPlan
  steps: BrowserStep[]
  missing: BrowserStep[]
}

export async function planBrowserWork(plans: DeckPlan[], options: BuildOptions, cache: BuildCache, config: ProjectConfig): Promise<BrowserWork[]> {
  const wanted: { format: BrowserStep['format']; ext: string; opts: Record<string, unknown> }[] = []
  if (options.formats.includes('pdf')) wanted.push({ format: 'pdf', ext: 'pdf', opts: {} })
  if (options.formats.includes('pptx'))
    wanted.push({ format: 'pptx', ext: 'pptx', opts: { image: options.pptxImage, scale: options.pptxScale } })
  // The course index shows the title slide; it comes with any browser format.
  if (wanted.length > 0) wanted.push({ format: 'thumbnail', ext: 'jpg', opts: {} })
  if (wanted.length > 0 && options.renderChecks !== false) {
    const { renderChecksKey } = await import('./render-checks-key.js')
    const opts = renderChecksKey(config)
    if (opts) wanted.push({ format: 'checks', ext: 'json', opts })
  }
  return Promise.all(
    plans.map(async (plan) => {
      const steps = wanted.map((w) => ({ format: w.format, ext: w.ext, key: formatKey(plan, w.format, w.opts) }))
      const missing: BrowserStep[] = []
      for (const step of steps) if (!(await cache.get(step.key, step.ext))) missing.push(step)
      return { plan, steps, missing }
    }),
  )
}

/** One browser and one asset server for the whole run; decks convert `concurrency` at a time. */
export async function convertAll(
  found: FoundBrowser,
  work: BrowserWork[],
  plans: DeckPlan[],
  options: BuildOptions,
  cache: BuildCache,
  themes: BundledTheme[],
  progress: ProgressReport,
  checks: { config: ProjectConfig; failures: string[] },
  retried: string[] = [],
): Promise<Map<string, DeckConversion>> {
  const times = new Map<string, DeckConversion>()
  // Loaded here, not at the top: a build served from the cache never pays for playwright, pdf-lib or pptxgenjs.
  const [{ AssetServer }, { launchBrowser }, { convertDeck, deckJob }, { createMarp, renderPrintDocument }, { inspectRenderedDeck }] = await Promise.all([
    import('./asset-server.js'),
    import('./browser.js'),
    import('./convert.js'),
    import('./render-print.js'),
    import('./render-checks.js'),
  ])
  const server = new AssetServer()
  await server.start()
  for (const plan of plans) for (const a of plan.assets) server.addFile('/' + a.sitePath, a.file)
  const marp = createMarp(themes)
  const launch = () => launchBrowser(found, { deviceScale: options.pptxScale })
  let launched = await launch()
  // Decks converting side by side share one relaunch when the browser dies under them.
  let relaunching: Promise<typeof launched> | undefined
  const fresh = (dead: typeof launched) => {
    if (launched !== dead) return Promise.resolve(launched)
    relaunching ??= launch().then((next) => {
      launched = next
      relaunching = undefined
      void dead.browser.close().catch(() => {})
      return next
    })
    return relaunching
  }
  try {
    const todo = work.filter((w) => w.missing.length > 0)
    await runPool(todo, options.concurrency, async (w) => {
      abortIf(options.signal)
      const startedAt = performance.now()
      const deck = w.plan.deck
      const print = renderPrintDocument(marp, w.plan.markdown, deck)
      const slideImages = w.missing.some((s) => s.format === 'pptx') ? await cachedSlideImages(cache, w.plan, print, options, launched.browser.version()) : undefined
      // The rendered rules run on the page the PDF and PPTX are made from: no second load.
      let rendered: CheckResult | undefined
      const inspect = w.missing.some((s) => s.format === 'checks')
        ? async (page: Page) => void (rendered = await inspectRenderedDeck(page, deck, checks.config))
        : undefined
      const job = deckJob(deck, print, {
        formats: w.missing.map((s) => s.format).filter((f) => f !== 'checks') as BrowserFormat[],
        pptxImage: options.pptxImage,
        pptxScale: options.pptxScale,
        pptxReuse: slideImages?.images,
        inspect,
      })
      let out: ConvertOutput
      const formats = job.formats.join(', ')
      try {
        const used = launched
        try {
          out = await untilDisconnected(used.browser, convertDeck(used.browser, server, job))
        } catch (error) {
          // A crashed browser gets one retry with a fresh one.
          if (!(await crashed(used.browser))) throw error
          abortIf(options.signal)
          const next = await fresh(used)
          out = await untilDisconnected(next.browser, convertDeck(next.browser, server, job))
          retried.push(`${deck.name} (${formats})`)
        }
      } catch (error) {
        if (error instanceof BuildAbortedError) throw error
        throw new Error(`converting ${deck.name} to ${formats} failed: ${(error as Error)?.message ?? String(error)}`)
      }
      // The checks passed, so a resource the page could not load is a pipeline bug: never publish it silently.
      // (With --force they did not: the missing or refused files were reported, the build goes ahead.)
      if (out.failedRequests.length > 0 && !options.force) {
        const urls = [...new Set(out.failedRequests)].map((u) => u.replace(server.origin, '')).join(', ')
        throw new Error(`${deck.name}: the browser could not load ${urls}`)
      }
      const captured = out.pptxCaptured ?? []
      // A slide image that fails to store (two decks storing the same slide at once) is only a miss next time.
      if (slideImages) await Promise.all(captured.map(({ slide, image }) => cache.put(slideImages.keys[slide], options.pptxImage, image).catch(() => {})))
      for (const step of w.missing) {
        if (step.format === 'checks') {
          // A rule that failed is a bug to report, not a result to keep.
          for (const f of rendered?.toolFailures ?? []) checks.failures.push(`rule ${f.rule} failed: ${f.message}`)
          if (rendered && rendered.toolFailures.length === 0) await cache.putJson(step.key, rendered)
          continue
        }
        const bytes = step.format === 'thumbnail' ? out.thumbnail : step.format === 'pdf' ? out.pdf : out.pptx
        if (!bytes) throw new Error(`the browser produced no ${step.format} for ${deck.name}`)
        await cache.put(step.key, step.ext, bytes)
        if (step.format !== 'thumbnail') progress(deck.name, step.format, false)
      }
      const slides = out.pptxCaptured && { slidesCaptured: captured.length, slidesReused: print.slideCount - captured.length }
      times.set(deck.name, { ms: performance.now() - startedAt, slides })
    })
    return times
  } finally {
    await launched.browser.close().catch(() => {})
    await server.close()
  }
}

/**
 * The per-slide cache of PPTX images: each slide's key and cached image (if
 * any). An edit to one slide changes only that slide's key, so the others are
 * not captured again. A deck Marp's HTML could not be split for has no keys.
 */
async function cachedSlideImages(
  cache: BuildCache,
  plan: DeckPlan,
  print: PrintDocument,
  options: BuildOptions,
  browserVersion: string,
): Promise<{ keys: string[]; images: (Uint8Array | undefined)[] } | undefined> {
  const fingerprints = print.fingerprints
  if (!fingerprints) return undefined
  // The browser's version too: after an upgrade, a PPTX must not mix slides drawn by two renderers.
  const imageOptions = { image: options.pptxImage, scale: options.pptxScale, quality: PPTX_JPEG_QUALITY, browser: browserVersion }
  const keys = fingerprints.slides.map((slide) => slideImageKey(plan, fingerprints.shared, slide, imageOptions))
  const images = await Promise.all(
    keys.map(async (key) => {
      const file = await cache.get(key, options.pptxImage)
      return file ? readFile(file).catch(() => undefined) : undefined
    }),
  )
  return { keys, images }
}

/**
 * Settles when the browser dies under the work: a few playwright calls (a new
 * context or page) never settle when the browser process is killed.
 */
function untilDisconnected<T>(browser: Browser, work: Promise<T>): Promise<T> {
  let onGone = () => {}
  const gone = new Promise<never>((_, reject) => {
    onGone = () => reject(new Error('the browser closed unexpectedly'))
    browser.once('disconnected', onGone)
    if (!browser.isConnected()) onGone()
  })
  gone.catch(() => {})
  return Promise.race([work, gone]).finally(() => browser.off('disconnected', onGone))
}

/**
 * Whether a conversion failed because the browser died: the page's error can
 * arrive a moment before the browser's 'disconnected' event, so wait briefly.
 */
function crashed(browser: { isConnected(): boolean; once(event: 'disconnected', f: () => void): unknown }): Promise<boolean> {
  if (!browser.isConnected()) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(!browser.isConnected()), 2000)
    browser.once('disconnected', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}
