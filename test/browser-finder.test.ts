import { describe, expect, it } from 'vitest'
import { BrowserNotFoundError, findBrowser, type FinderEnv } from '../scripts/browser-finder.js'

function fakeEnv(over: Partial<FinderEnv> & { executables?: string[]; bundled?: string | null }): FinderEnv {
  const executables = new Set(over.executables ?? [])
  return {
    env: over.env ?? { PATH: '/usr/local/bin:/usr/bin' },
    platform: over.platform ?? 'linux',
    arch: over.arch ?? 'x64',
    isExecutable: (f) => executables.has(f),
    sparticuz: async () => over.bundled ?? null,
  }
}

describe('findBrowser', () => {
  it('prefers CHROME_PATH', async () => {
    const found = await findBrowser(
      fakeEnv({ env: { CHROME_PATH: '/opt/my/chrome', PATH: '/usr/bin' }, executables: ['/opt/my/chrome', '/usr/bin/chromium'] }),
    )
    expect(found).toEqual({ executablePath: '/opt/my/chrome', source: 'CHROME_PATH' })
  })

  it('fails clearly when CHROME_PATH points at nothing', async () => {
    await expect(findBrowser(fakeEnv({ env: { CHROME_PATH: '/nope' }, bundled: '/tmp/chromium' }))).rejects.toThrow(/CHROME_PATH/)
  })

  it('finds an installed Chrome or Chromium on PATH before the bundled one', async () => {
    const found = await findBrowser(fakeEnv({ executables: ['/usr/bin/chromium'], bundled: '/tmp/chromium' }))
    expect(found).toEqual({ executablePath: '/usr/bin/chromium', source: 'installed' })
    const chrome = await findBrowser(fakeEnv({ executables: ['/usr/bin/google-chrome', '/usr/bin/chromium'] }))
    expect(chrome.executablePath).toBe('/usr/bin/google-chrome')
  })

  it('finds Chrome on macOS in /Applications', async () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    const found = await findBrowser(fakeEnv({ platform: 'darwin', arch: 'arm64', executables: [mac] }))
    expect(found.executablePath).toBe(mac)
  })

  it('falls back to @sparticuz/chromium on Linux x64 only', async () => {
    expect(await findBrowser(fakeEnv({ bundled: '/tmp/chromium' }))).toEqual({
      executablePath: '/tmp/chromium',
      source: '@sparticuz/chromium',
    })
    await expect(findBrowser(fakeEnv({ arch: 'arm64', bundled: '/tmp/chromium' }))).rejects.toThrow(BrowserNotFoundError)
  })

  it('says what to install when nothing is found', async () => {
    await expect(findBrowser(fakeEnv({}))).rejects.toThrow(/apt-get install chromium|CHROME_PATH/)
  })
})
