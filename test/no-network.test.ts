/**
 * The build makes no network request: a real build (HTML, PDF, PPTX, one
 * browser) inside a network namespace that has only loopback must succeed.
 * Any request that left the machine would fail there, and the build fails on
 * a resource the page could not load.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO, tempProject } from './helpers/project.js'

/** `unshare -n` needs root (or user namespaces); without it the test cannot run here. */
const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up && ip -o link show'], { encoding: 'utf8' })
const unshareOk = probe.status === 0
const skipReason = unshareOk ? '' : `unshare -n is not permitted here: ${(probe.stderr || String(probe.error ?? '')).trim()}`

let root = ''
let cleanup = async () => {}

beforeAll(async () => {
  ;({ root, cleanup } = await tempProject('build-basic'))
})
afterAll(() => cleanup())

describe.skipIf(!unshareOk)(`build without a network${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it('the namespace has loopback and nothing else', () => {
    const links = probe.stdout.trim().split('\n')
    expect(links).toHaveLength(1)
    expect(links[0]).toMatch(/: lo: .*UP/)
  })

  it('npm run build succeeds inside unshare -n with HTML, PDF and PPTX', async () => {
    const cli = path.join(REPO, 'scripts/cli.ts')
    const script = `ip link set lo up && exec npx tsx ${JSON.stringify(cli)} build --format html,pdf,pptx --no-cache`
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile('unshare', ['-n', 'sh', '-c', script], { cwd: root, env: { ...process.env, CI: '1', npm_config_update_notifier: 'false' } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 2) : 0, stdout, stderr }),
      ),
    )
    expect(stderr).not.toMatch(/^error:/m)
    expect(code, stdout + stderr).toBe(0)
    expect(stdout).toMatch(/Built 1 deck/)
    expect(readdirSync(path.join(root, 'site'))).toEqual(expect.arrayContaining(['intro.html', 'intro.pdf', 'intro.pptx', 'index.html']))
    expect(existsSync(path.join(root, 'site', 'thumbnails', 'intro.jpg'))).toBe(true)
  }, 120_000)
})
