import { accessSync, constants } from 'node:fs'
import path from 'node:path'

export type BrowserSource = 'CHROME_PATH' | 'installed' | '@sparticuz/chromium'

export interface FoundBrowser {
  executablePath: string
  source: BrowserSource
}

export interface FinderEnv {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  arch: string
  /** Whether a file exists and can be run. */
  isExecutable(file: string): boolean
  /** Extracts @sparticuz/chromium and returns its path, or null when it cannot run here. */
  sparticuz(): Promise<string | null>
}

/** Where Chrome, Chromium and Edge install themselves, in order of preference. */
export function knownBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Google Chrome Canary.app/Contents/MacOS/Google Chrome Canary',
    ]
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[]
    return roots.flatMap((root) => [
      path.win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      path.win32.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
    ])
  }
  const names = ['google-chrome-stable', 'google-chrome', 'chromium', 'chromium-browser', 'microsoft-edge-stable', 'microsoft-edge']
  const dirs = (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter(Boolean)
  return [
    ...dirs.flatMap((dir) => names.map((name) => path.posix.join(dir, name))),
    '/opt/google/chrome/chrome',
    '/usr/lib/chromium/chromium',
    '/snap/bin/chromium',
  ]
}

export class BrowserNotFoundError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BrowserNotFoundError'
  }
}

/**
 * Finds a browser for PDF and PPTX: CHROME_PATH first, then an installed
 * Chrome/Chromium/Edge, then the Chromium shipped inside @sparticuz/chromium
 * (Linux x64), so a fresh machine builds after `npm ci` alone.
 */
export async function findBrowser(f: FinderEnv): Promise<FoundBrowser> {
  const fromEnv = f.env.CHROME_PATH?.trim()
  if (fromEnv) {
    if (f.isExecutable(fromEnv)) return { executablePath: fromEnv, source: 'CHROME_PATH' }
    throw new BrowserNotFoundError(`CHROME_PATH is set to "${fromEnv}", which is not an executable file`)
  }
  const installed = knownBrowserPaths(f.platform, f.env).find((p) => f.isExecutable(p))
  if (installed) return { executablePath: installed, source: 'installed' }
  if (f.platform === 'linux' && f.arch === 'x64') {
    const bundled = await f.sparticuz()
    if (bundled) return { executablePath: bundled, source: '@sparticuz/chromium' }
  }
  throw new BrowserNotFoundError(
    'no browser found for PDF and PPTX. Install Google Chrome, Chromium or Edge ' +
      '(on Debian/Ubuntu: `apt-get install chromium`), or set CHROME_PATH to its executable. ' +
      (f.platform === 'linux' && f.arch === 'x64'
        ? 'The bundled @sparticuz/chromium could not be used either (run `npm ci`).'
        : ''),
  )
}

/** The real machine. */
export function systemFinderEnv(env: NodeJS.ProcessEnv = process.env): FinderEnv {
  return {
    env,
    platform: process.platform,
    arch: process.arch,
    isExecutable(file) {
      try {
        accessSync(file, constants.X_OK)
        return true
      } catch {
        return false
      }
    },
    async sparticuz() {
      try {
        const mod = await import('@sparticuz/chromium')
        return await mod.default.executablePath()
      } catch {
        return null
      }
    },
  }
}
