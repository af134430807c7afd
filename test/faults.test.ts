/**
 * Faults never lose a good build: a build interrupted by SIGINT or SIGTERM,
 * a browser killed during conversion, an unwritable output folder and a full
 * disk each end with a clear message, and the previous site/ stays
 * byte-identical with no temp folder left behind. One browser at a time.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statfsSync, statSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../scripts/build.js'
import { buildCommand } from '../scripts/commands/build.js'
import type { CommandIo } from '../scripts/commands/command.js'
import { REPO, tempProject, testBuildOptions } from './helpers/project.js'

const CLI = path.join(REPO, 'scripts/cli.ts')
const LAUNCH = path.join(REPO, 'scripts/launch.mjs')
const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m
const LONG_SLIDES = 24

let root = ''
let cleanup = async () => {}
let before: Map<string, string>
const site = () => path.join(root, 'site')

/** Every file of a folder with the hash of its bytes: "byte-identical" made checkable. */
function snapshot(dir: string, prefix = ''): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name)
    if (statSync(file).isDirectory()) for (const [k, v] of snapshot(file, `${prefix}${name}/`)) files.set(k, v)
    else files.set(prefix + name, createHash('sha256').update(readFileSync(file)).digest('hex'))
  }
  return files
}

const strayTempFolders = (dir: string) => readdirSync(dir).filter((n) => /^\.site\.tmp-/.test(n))

const options = (extra: Partial<BuildOptions>) => testBuildOptions(root, { outDir: site(), ...extra })

function io(cwd: string): CommandIo & { lines: string[] } {
  const lines: string[] = []
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), paint: () => {}, isTTY: false, env: { ...process.env, CI: '1' }, cwd, signal: new AbortController().signal }
}

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  output: string
}

/**
 * Runs the CLI build in its own process group; once the first progress line
 * appears, sends `signal` to the group (what Ctrl-C in a terminal does) or to
 * the process alone. Resolves when every process of the group has exited.
 */
function interruptedBuild(command: string[], signal: NodeJS.Signals, target: 'group' | 'process'): Promise<Run & { sent: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], [...command.slice(1), 'build', '--format', 'html', '--no-cache'], {
      cwd: root,
      detached: true,
      env: { ...process.env, CI: '1', npm_config_update_notifier: 'false' },
    })
    let output = ''
    let sent = false
    child.stdout.on('data', (d) => {
      output += d
      if (!sent && /^\[1\/\d+\] /m.test(output)) {
        sent = true
        process.kill(target === 'group' ? -child.pid! : child.pid!, signal)
      }
    })
    child.stderr.on('data', (d) => (output += d))
    child.on('close', (code, sig) => {
      const poll = setInterval(() => {
        try {
          process.kill(-child.pid!, 0)
        } catch {
          clearInterval(poll)
          resolve({ code, signal: sig, output, sent })
        }
      }, 50)
    })
  })
}

/** Processes below `pid`, from ps. */
function descendants(pid: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] }))
  const found = new Set([pid])
  for (let grew = true; grew; ) {
    grew = false
    for (const r of rows) if (found.has(r.ppid) && !found.has(r.pid)) (found.add(r.pid), (grew = true))
  }
  return rows.filter((r) => r.pid !== pid && found.has(r.pid))
}

/** Waits for a browser (other than `not`) to open a page, then kills it with SIGKILL: a crash. */
async function killBrowserWhenBusy(under: number, not: Set<number>, give: { up: boolean }): Promise<number> {
  while (!give.up) {
    const tree = descendants(under)
    const main = tree.find((p) => /chrom/i.test(p.args) && !p.args.includes('--type=') && !not.has(p.pid))
    if (main && descendants(main.pid).some((p) => p.args.includes('--type=renderer'))) {
      process.kill(main.pid, 'SIGKILL')
      return main.pid
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  return 0
}

async function pdfPages(file: string): Promise<number> {
  const pdf = await getDocument({ data: new Uint8Array(await readFile(file)) }).promise
  const pages = pdf.numPages
  await pdf.destroy()
  return pages
}

beforeAll(async () => {
  ;({ root, cleanup } = await tempProject('build-basic'))
  // Spelling is not under test here and loads large dictionaries in every CLI run.
  await writeFile(path.join(root, 'course.config.json'), JSON.stringify({ title: 'Faults', rules: { spelling: 'off' } }))
  const intro = await readFile(path.join(root, 'slides', 'intro.md'), 'utf8')
  for (let i = 1; i <= 5; i++) await writeFile(path.join(root, 'slides', `deck${i}.md`), intro.replace(/Fixture Lecture/g, `Deck ${i}`))
  const slides = Array.from({ length: LONG_SLIDES }, (_, i) => `# Slide ${i + 1}\n\nSome text on slide ${i + 1}.`).join('\n\n---\n\n')
  await writeFile(path.join(root, 'slides', 'long.md'), `---\ntheme: dsi-certificates-theme\ntitle: Long\n---\n\n${slides}\n`)
  // The good build every fault must leave alone.
  const first = await build(options({}))
  expect(first.exitCode).toBe(0)
  before = snapshot(site())
  expect(before.size).toBeGreaterThan(7)
}, 120_000)

afterAll(() => cleanup())

describe('an interrupted build keeps the previous site', () => {
  // The npm scripts run `node scripts/launch.mjs` (the bundled CLI, one process), not the
  // tsx binary: under load, tsx's signal relay SIGKILLs a child that does not confirm a
  // signal within 30 ms.
  it('SIGINT to the whole process group of `node scripts/launch.mjs build` (Ctrl-C, as npm runs it)', async () => {
    const run = await interruptedBuild([process.execPath, LAUNCH], 'SIGINT', 'group')
    expect(run.sent).toBe(true)
    expect(run.output).toContain('the build was interrupted; the previous site is unchanged')
    expect(run.output).not.toMatch(STACK_TRACE)
    expect(snapshot(site())).toEqual(before)
    expect(strayTempFolders(root)).toEqual([])
  }, 90_000)

  it('SIGTERM to the build process: exit 2', async () => {
    const run = await interruptedBuild([process.execPath, '--import', 'tsx', CLI], 'SIGTERM', 'process')
    expect(run.sent).toBe(true)
    expect(run.code).toBe(2)
    expect(run.output).toContain('the build was interrupted')
    expect(snapshot(site())).toEqual(before)
    expect(strayTempFolders(root)).toEqual([])
  }, 90_000)
})

describe('a browser killed during conversion (npx tsx scripts/cli.ts build --format pdf,pptx)', () => {
  /** Runs the CLI build and kills its browser `kills` times, each time once it has a page open. */
  async function buildKillingBrowser(formats: string, kills: number): Promise<Run & { killed: number }> {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'build', '--format', formats, '--no-cache', 'long'], { cwd: root, env: { ...process.env, CI: '1' } })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const give = { up: false }
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('close', (code, signal) => {
        give.up = true
        resolve({ code, signal })
      }),
    )
    const dead = new Set<number>()
    for (let i = 0; i < kills; i++) {
      const pid = await killBrowserWhenBusy(child.pid!, dead, give)
      if (pid) dead.add(pid)
    }
    return { ...(await closed), output, killed: dead.size }
  }

  it('is retried once with a fresh browser, and the build succeeds', async () => {
    const run = await buildKillingBrowser('pdf,pptx', 1)
    expect(run.killed).toBe(1)
    expect(run.output).toMatch(/^note: the browser crashed while converting long \(pdf, pptx.*\); it was retried with a fresh browser$/m)
    expect(run.code, run.output).toBe(0)
    expect(await pdfPages(path.join(site(), 'long.pdf'))).toBe(LONG_SLIDES)
    before = snapshot(site())
  }, 120_000)

  it('killed again on the retry: a clean failure naming the deck and format (exit 2), the site unchanged', async () => {
    const run = await buildKillingBrowser('pdf,pptx', 2)
    expect(run.killed).toBe(2)
    expect(run.code).toBe(2)
    expect(run.output).toMatch(/^error: the tool failed: converting long to pdf\b.* failed: /m)
    expect(run.output).not.toMatch(STACK_TRACE)
    expect(snapshot(site())).toEqual(before)
    expect(strayTempFolders(root)).toEqual([])
  }, 120_000)
})

describe('an output folder that cannot be written', () => {
  it('--out under a regular file (ENOTDIR): exit 2 from the CLI with a clear message', async () => {
    await writeFile(path.join(root, 'a-file'), 'not a folder\n')
    const run = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'build', '--format', 'html', '--out', 'a-file/site'], { cwd: root, env: { ...process.env, CI: '1' } })
      let output = ''
      child.stdout.on('data', (d) => (output += d))
      child.stderr.on('data', (d) => (output += d))
      child.on('close', (code, signal) => resolve({ code, signal, output }))
    })
    expect(run.code).toBe(2)
    // Node's recursive mkdir says EEXIST (or ENOTDIR) when a path component is a file.
    expect(run.output).toMatch(/^error: cannot write the output: (EEXIST|ENOTDIR).*a-file/m)
    expect(run.output).toContain('Choose a writable folder with --out DIR.')
    expect(run.output).not.toMatch(STACK_TRACE)
    expect(snapshot(site())).toEqual(before)
  }, 60_000)

  const mountable = (() => {
    try {
      execFileSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()

  it.skipIf(!mountable)('a read-only mount (EROFS): a clear message (exit 2), nothing written', async () => {
    const ro = path.join(root, 'read-only')
    await mkdir(ro)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro])
    try {
      const terminal = io(root)
      await expect(buildCommand(['--format', 'html', '--out', 'read-only/site'], terminal)).rejects.toThrow(/^cannot write the output: EROFS/)
      expect(readdirSync(ro)).toEqual([])
    } finally {
      execFileSync('umount', [ro])
    }
  }, 60_000)

  it.skipIf(!mountable)('a full disk (ENOSPC on a 1 MB tmpfs): a clear message (exit 2), the site on it unchanged', async () => {
    const disk = path.join(root, 'disk')
    await mkdir(disk)
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk])
    try {
      const out = path.join(disk, 'site')
      const first = await build(options({ outDir: out, decks: ['intro'] }))
      expect(first.exitCode).toBe(0)
      const onDisk = snapshot(out)
      // Leave less room than one more copy of the site needs.
      const { bavail, bsize } = statfsSync(disk)
      await writeFile(path.join(disk, 'filler'), Buffer.alloc(Math.max(0, bavail * bsize - 32 * 1024)))
      const terminal = io(root)
      await expect(buildCommand(['--format', 'html', '--out', 'disk/site', 'intro'], terminal)).rejects.toThrow(/^the disk is full \(ENOSPC.*\): nothing was published, the previous site is unchanged$/)
      expect(snapshot(out)).toEqual(onDisk)
      expect(strayTempFolders(disk)).toEqual([])
    } finally {
      execFileSync('umount', [disk])
    }
  }, 60_000)
})
