/**
 * scripts/launch.mjs, how the npm scripts start the CLI: the TypeScript is
 * bundled once and the bundle reused until a file it was made from changes.
 * A two-module project in a temp folder stands in for scripts/.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ensureBundle } from '../scripts/launch.mjs'

const root = mkdtempSync(path.join(tmpdir(), 'launch-'))
const cacheDir = path.join(root, 'cache')
afterAll(() => rmSync(root, { recursive: true, force: true }))

const write = (name: string, text: string) => writeFileSync(path.join(root, name), text)
write('entry.ts', `import { value } from './value.js'\nexport const here: string = import.meta.dirname\nexport const url: string = import.meta.url\nexport const loaded = async () => (await import('./lazy.js')).lazy\nexport { value }\n`)
write('value.ts', `export const value: number = 1\n`)
write('lazy.ts', `export const lazy = 'lazy'\n`)

/** Each import of a new bundle file is a fresh module; the query string defeats Node's module cache otherwise. */
let n = 0
const load = async (file: string) => import(`${pathToFileURL(file).href}?${n++}`)

describe('ensureBundle', () => {
  let first = ''

  it('bundles the entry and what it imports, with import.meta naming the source files', async () => {
    const made = await ensureBundle({ entry: 'entry.ts', root, cacheDir })
    expect(made.built).toBe(true)
    first = made.file
    const mod = await load(made.file)
    expect(mod.value).toBe(1)
    expect(mod.here).toBe(root)
    expect(mod.url).toBe(pathToFileURL(path.join(root, 'entry.ts')).href)
    expect(await mod.loaded()).toBe('lazy')
  })

  it('reuses the bundle while no input changed', async () => {
    const again = await ensureBundle({ entry: 'entry.ts', root, cacheDir })
    expect(again).toEqual({ file: first, built: false })
  })

  it('bundles again when an imported file changes', async () => {
    write('value.ts', `export const value: number = 2\n`)
    // Another size would do too; a later mtime is what an editor's save gives.
    utimesSync(path.join(root, 'value.ts'), new Date(), new Date(Date.now() + 5000))
    const made = await ensureBundle({ entry: 'entry.ts', root, cacheDir })
    expect(made.built).toBe(true)
    expect(made.file).not.toBe(first)
    expect((await load(made.file)).value).toBe(2)
  })

  it('bundles again when the record of the last bundle is garbled', async () => {
    writeFileSync(path.join(cacheDir, 'latest.json'), '{not json')
    expect((await ensureBundle({ entry: 'entry.ts', root, cacheDir })).built).toBe(true)
  })
})

describe('node scripts/launch.mjs (as npm runs it)', () => {
  const repo = path.resolve(import.meta.dirname, '..')
  const launch = (env: NodeJS.ProcessEnv = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(repo, 'scripts/launch.mjs'), 'no-such-command'], { cwd: repo, env: { ...process.env, ...env } }, (error, _stdout, stderr) =>
        resolve({ code: error ? (error as { code?: number }).code ?? null : 0, stderr }),
      ),
    )

  it('runs the CLI: an unknown command gets the usage line and exit 2, no stack trace', async () => {
    const result = await launch()
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^usage: .*<build\|check\|dev\|merge>/m)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)

  it('falls back to tsx, with a note, when it cannot bundle (here: a cache folder under a file)', async () => {
    const result = await launch({ DSI_CLI_CACHE: path.join(root, 'entry.ts', 'cache') })
    expect(result.stderr).toMatch(/^note: running the TypeScript through tsx \(bundling failed: /m)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^usage: /m)
  }, 60_000)
})
