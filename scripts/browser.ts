import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { findBrowser, systemFinderEnv, type FoundBrowser } from './browser-finder.js'

/**
 * Flags for a headless, offline conversion browser. No sandbox because CI
 * and containers run as root; the pages it loads are our own sanitised HTML
 * and every request outside our asset server is aborted (isolatedContext).
 * JavaScript stays on: marp-core's own inline script scales `fit` headings
 * and code blocks; decks cannot add script (marp.config.mjs allowlist).
 * The networking flags stop Chromium's own background calls home.
 */
export const BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--font-render-hinting=none',
]

export interface LaunchedBrowser {
  browser: Browser
  found: FoundBrowser
}

export interface LaunchOptions {
  /**
   * Device pixels per CSS pixel for the whole browser. Headless Chromium
   * composites at 1x whatever a context emulates, so a screenshot at 1.5x
   * re-rasterises the page on every call; forcing the scale at launch makes
   * the compositor's own frame the right size (convert.ts, screenshotSlides).
   */
  deviceScale?: number
}

export async function launchBrowser(found?: FoundBrowser, options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  const which = found ?? (await findBrowser(systemFinderEnv()))
  const scale = options.deviceScale && options.deviceScale !== 1 ? [`--force-device-scale-factor=${options.deviceScale}`] : []
  const browser = await chromium.launch({
    executablePath: which.executablePath,
    headless: true,
    args: [...BROWSER_ARGS, ...scale],
    timeout: 60_000,
  })
  return { browser, found: which }
}

/**
 * A context that may only talk to `allowedOrigin`: every other request
 * (remote hosts, file://) is aborted, so a deck can neither reach the network
 * nor read local files the asset server does not hand out.
 */
export async function isolatedContext(
  browser: Browser,
  allowedOrigin: string,
  options: { width: number; height: number; scale: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    deviceScaleFactor: options.scale,
    serviceWorkers: 'block',
  })
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(allowedOrigin + '/') || url.startsWith('data:')) return route.continue()
    return route.abort('blockedbyclient')
  })
  return context
}
