#!/usr/bin/env tsx
/**
 * `npm run bench:dev [-- --edits N --pause MS]`: the live preview's speed, on a temp copy
 * of the project (slides/ is never touched).
 *
 * 1. Reload latency: from writing the lecture's file to the reload message
 *    reaching a connected event-stream client, over N edits (default 30).
 *    Target: 95th percentile under 300 ms.
 * 2. Rebuild count: five decks, one image used by one of them is edited;
 *    only that deck may be rebuilt.
 *
 * A script entry point, so it prints; the server it times does not.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { EventEmitter } from 'node:events'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseDeck } from './parse.js'
import { startDevServer, type DevServer, type DevServerEvent } from './dev/server.js'

const REPO = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '..')
const LECTURE = '02_foundation_models'
const TARGET_P95_MS = 300

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** slides/, images/, themes/, the configs, and the node_modules files the themes point at. */
async function copyProject(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dsi-bench-dev-'))
  for (const entry of ['slides', 'images', 'themes', 'marp.config.mjs', 'course.config.json', 'words.txt']) {
    if (existsSync(path.join(REPO, entry))) await cp(path.join(REPO, entry), path.join(root, entry), { recursive: true })
  }
  for (const css of ['dsi-certificates-theme.css']) {
    const file = path.join(REPO, 'themes', css)
    if (!existsSync(file)) continue
    for (const m of (await readFile(file, 'utf8')).matchAll(/url\(["']?\.\.\/(node_modules\/[^"')]+)/g)) {
      await mkdir(path.dirname(path.join(root, m[1])), { recursive: true })
      await cp(path.join(REPO, m[1]), path.join(root, m[1]))
    }
  }
  return root
}

/** A connected browser, reduced to its event stream: resolves each time a `reload` arrives. */
function reloadListener(server: DevServer, target: string, version: number) {
  const bus = new EventEmitter()
  const req = http.get(`${server.url}__dev/events?target=${encodeURIComponent(target)}&v=${version}`, (res) => {
    res.setEncoding('utf8')
    let buffer = ''
    res.on('data', (chunk: string) => {
      buffer += chunk
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        if (/^event: reload$/m.test(buffer.slice(0, end))) bus.emit('reload', performance.now())
        buffer = buffer.slice(end + 2)
      }
    })
  })
  req.on('error', () => {})
  return {
    connected: new Promise<void>((resolve) => req.on('response', () => resolve())),
    nextReload: () => new Promise<number>((resolve) => bus.once('reload', resolve)),
    close: () => req.destroy(),
  }
}

async function pageVersion(server: DevServer, name: string): Promise<number> {
  const html = await (await fetch(`${server.url}${encodeURIComponent(name)}.html`)).text()
  return Number(/&v=' \+ "(-?\d+)"/.exec(html)?.[1])
}

async function reloadLatency(edits: number, pauseMs: number, log: (line: string) => void) {
  const root = await copyProject()
  const rebuilds: number[] = []
  const stages: Record<string, number>[] = []
  const onEvent = (e: DevServerEvent) => {
    if (e.type === 'rebuilt' && e.deck === LECTURE) {
      rebuilds.push(e.ms)
      stages.push(e.stages)
    }
    if (e.type === 'error') log(`  server error: ${e.message}`)
  }
  const server = await startDevServer({ root, port: 0, onEvent })
  const client = reloadListener(server, LECTURE, await pageVersion(server, LECTURE))
  try {
    await client.connected
    const file = path.join(root, 'slides', `${LECTURE}.md`)
    const original = await readFile(file, 'utf8')
    const slides = parseDeck({ path: file, root, source: original }).slides.length
    const latencies: number[] = []
    const pageLatencies: number[] = []
    const warmup = 3
    for (let i = 0; i < edits + warmup; i++) {
      // An edit an instructor makes: a word on one slide changes.
      const marker = `(edit ${i})`
      const edited = original.replace(/^# (.+)$/m, (_, title: string) => `# ${title} ${marker}`)
      const reloaded = client.nextReload()
      const started = performance.now()
      await writeFile(file, edited)
      const at = await reloaded
      // What the browser does next: ask for the page again; the new HTML is what the instructor sees.
      const html = await (await fetch(`${server.url}${LECTURE}.html`)).text()
      const shown = performance.now()
      if (!html.includes(marker)) throw new Error(`edit ${i}: the page after the reload does not have the edit`)
      if (i >= warmup) {
        latencies.push(at - started)
        pageLatencies.push(shown - started)
      }
      // Saves are seconds apart: the warning-only checks (spelling) run in between, as they would.
      await sleep(pauseMs)
    }
    return { slides, latencies, pageLatencies, serverMs: rebuilds.slice(warmup), stages: stages.slice(warmup) }
  } finally {
    client.close()
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}

async function imageRebuilds(log: (line: string) => void) {
  const root = await copyProject()
  // Four more decks next to the lecture, each with an image of its own.
  for (let i = 1; i <= 4; i++) {
    const color = ['#c62828', '#1565c0', '#2e7d32', '#6a1b9a'][i - 1]
    await writeFile(
      path.join(root, 'images', `bench-figure-${i}.svg`),
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><title>Figure ${i}</title><circle cx="50" cy="50" r="40" fill="${color}"/></svg>\n`,
    )
    await writeFile(
      path.join(root, 'slides', `bench-deck-${i}.md`),
      `---\nmarp: true\ntheme: dsi-certificates-theme\ntitle: Bench deck ${i}\n---\n\n# Bench deck ${i}\n\n---\n\n## A figure\n\n![A coloured circle](../images/bench-figure-${i}.svg)\n`,
    )
  }
  const bus = new EventEmitter()
  const server = await startDevServer({
    root,
    port: 0,
    onEvent: (e) => {
      if (e.type === 'batch') bus.emit('batch', e)
      if (e.type === 'error') log(`  server error: ${e.message}`)
    },
  })
  try {
    const decks = (await (await fetch(server.url)).text()).match(/<li>/g)?.length ?? 0
    const results: { image: string; rebuilt: string[]; ms: number }[] = []
    for (const image of ['bench-figure-3.svg', '02_transformer.svg']) {
      const file = path.join(root, 'images', image)
      const batch = new Promise<Extract<DevServerEvent, { type: 'batch' }>>((resolve) => bus.once('batch', resolve))
      const svg = await readFile(file, 'utf8')
      await writeFile(file, svg.replace('</svg>', '<!-- edited --></svg>'))
      const done = await batch
      results.push({ image, rebuilt: done.rebuilt, ms: done.ms })
    }
    return { decks, results }
  } finally {
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}

export async function benchDev(edits = 30, pauseMs = 1500, log: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<boolean> {
  log(`bench:dev on ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (noisy if others share the machine)`)
  const latency = await reloadLatency(edits, pauseMs, log)
  const p50 = percentile(latency.latencies, 50)
  const p95 = percentile(latency.latencies, 95)
  log(`reload latency, write ${LECTURE}.md (${latency.slides} slides) -> reload event at the client, ${latency.latencies.length} edits:`)
  log(`  p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, min ${Math.min(...latency.latencies).toFixed(0)} ms, max ${Math.max(...latency.latencies).toFixed(0)} ms`)
  const page50 = percentile(latency.pageLatencies, 50)
  const page95 = percentile(latency.pageLatencies, 95)
  log(`write -> new HTML received by the page's request after that reload: p50 ${page50.toFixed(0)} ms, p95 ${page95.toFixed(0)} ms`)
  log(`rebuild on the server (parse, check, render): p50 ${percentile(latency.serverMs, 50).toFixed(0)} ms, p95 ${percentile(latency.serverMs, 95).toFixed(0)} ms`)
  const stageNames = ['read', 'parse', 'check', 'plan', 'render']
  log(`  stages, median ms: ${stageNames.map((n) => `${n} ${percentile(latency.stages.map((s) => s[n] ?? 0), 50).toFixed(0)}`).join(', ')}`)
  const images = await imageRebuilds(log)
  for (const r of images.results) {
    log(`image edit, ${r.image} in a project of ${images.decks} decks: rebuilt ${r.rebuilt.length} (${r.rebuilt.join(', ')}) in ${r.ms.toFixed(0)} ms`)
  }
  const ok = p95 < TARGET_P95_MS && images.results.every((r) => r.rebuilt.length === 1)
  log(`${p95 < TARGET_P95_MS ? 'ok  ' : 'FAIL'} p95 < ${TARGET_P95_MS} ms`)
  log(`${images.results.every((r) => r.rebuilt.length === 1) ? 'ok  ' : 'FAIL'} an image edit rebuilds only the deck that uses it`)
  return ok
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(name)
    return i > 0 ? Number(process.argv[i + 1]) : fallback
  }
  benchDev(arg('--edits', 30), arg('--pause', 1500)).then(
    (ok) => (process.exitCode = ok ? 0 : 1),
    (error) => {
      process.stderr.write(`bench:dev failed: ${(error as Error)?.stack ?? error}\n`)
      process.exitCode = 2
    },
  )
}
