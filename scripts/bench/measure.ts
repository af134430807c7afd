import { spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'

/** What one measured process tree cost. */
export interface Measurement {
  wallMs: number
  /** Highest sum of VmRSS over the process and all its descendants, sampled every ~50 ms. */
  peakRssBytes: number
  exitCode: number | null
  timedOut: boolean
  stdout: string
  stderr: string
}

export interface MeasureOptions {
  cwd: string
  env?: NodeJS.ProcessEnv
  timeoutMs?: number
  sampleMs?: number
}

/**
 * Runs a command and measures its wall time and the peak resident memory of
 * its whole process tree (a browser's renderers are children of the CLI).
 * Shared pages are counted once per process, as `ps` would: an upper bound.
 */
export async function measure(command: string, args: string[], options: MeasureOptions): Promise<Measurement> {
  const started = performance.now()
  // Its own process group, so a timeout can stop the whole tree.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  let peak = 0
  let sampling = false
  const sampler = setInterval(async () => {
    if (sampling || child.pid === undefined) return
    sampling = true
    try {
      peak = Math.max(peak, await treeRss(child.pid))
    } finally {
      sampling = false
    }
  }, options.sampleMs ?? 50)
  let timedOut = false
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true
        if (child.pid !== undefined) killGroup(child.pid)
      }, options.timeoutMs)
    : undefined
  const exitCode = await new Promise<number | null>((resolve) => {
    child.on('error', () => resolve(null))
    child.on('close', (code) => resolve(code))
  })
  const wallMs = performance.now() - started
  clearInterval(sampler)
  if (timer) clearTimeout(timer)
  // Anything the command left behind (an orphaned browser) would skew the next run.
  if (child.pid !== undefined) killGroup(child.pid)
  return { wallMs, peakRssBytes: peak, exitCode, timedOut, stdout, stderr }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Sum of VmRSS (bytes) of `root` and every descendant, from /proc. */
export async function treeRss(root: number): Promise<number> {
  const parents = new Map<number, number>()
  const rss = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const pid = Number(entry)
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8')
      const ppid = /^PPid:\s+(\d+)/m.exec(status)
      const vm = /^VmRSS:\s+(\d+) kB/m.exec(status)
      if (ppid) parents.set(pid, Number(ppid[1]))
      if (vm) rss.set(pid, Number(vm[1]) * 1024)
    } catch {
      // the process ended while we looked
    }
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parents.get(p), hops++)
      if (p === root) return true
    return false
  }
  let total = 0
  for (const [pid, bytes] of rss) if (inTree(pid)) total += bytes
  return total
}
