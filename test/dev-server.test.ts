/**
 * The live preview end to end: a temp copy of test/fixtures/dev-project (two
 * decks, two images, one theme), a server on port 0, real file writes, a real
 * server-sent-events client and raw HTTP for the traversal requests.
 */
import { EventEmitter } from 'node:events'
import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevServer, type DevServer, type DevServerEvent } from '../scripts/dev/server.js'
import { watchPaths } from '../scripts/dev/watcher.js'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const FIXTURE = path.join(REPO, 'test', 'fixtures', 'dev-project')

async function copyProject(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dev-server-test-'))
  await cp(FIXTURE, root, { recursive: true })
  await cp(path.join(REPO, 'marp.config.mjs'), path.join(root, 'marp.config.mjs'))
  // Something outside the served set for the traversal requests to aim at.
  await writeFile(path.join(root, 'package.json'), '{"secret": "do not serve"}\n')
  return root
}

/** Collects the server's events so a test can wait for the one it needs. */
function eventLog() {
  const events: DevServerEvent[] = []
  const bus = new EventEmitter()
  return {
    events,
    onEvent: (e: DevServerEvent) => {
      events.push(e)
      bus.emit('event', e)
    },
    /** The first event from now on that matches. */
    next<T extends DevServerEvent['type']>(type: T, match: (e: Extract<DevServerEvent, { type: T }>) => boolean = () => true) {
      return new Promise<Extract<DevServerEvent, { type: T }>>((resolve) => {
        const listener = (e: DevServerEvent) => {
          if (e.type === type && match(e as Extract<DevServerEvent, { type: T }>)) {
            bus.off('event', listener)
            resolve(e as Extract<DevServerEvent, { type: T }>)
          }
        }
        bus.on('event', listener)
      })
    },
  }
}

/** A browser's EventSource, reduced to what the tests need: the names of the events received. */
function eventStream(base: string, target: string, version: number) {
  const received: string[] = []
  const bus = new EventEmitter()
  const req = http.get(`${base}__dev/events?target=${encodeURIComponent(target)}&v=${version}`, (res) => {
    res.setEncoding('utf8')
    let buffer = ''
    res.on('data', (chunk: string) => {
      buffer += chunk
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const name = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1]
        buffer = buffer.slice(end + 2)
        if (name) {
          received.push(name)
          bus.emit(name)
        }
      }
    })
  })
  req.on('error', () => {})
  const connected = new Promise<void>((resolve) => req.on('response', () => resolve()))
  return {
    received,
    connected,
    next: (name: string) => new Promise<void>((resolve) => bus.once(name, resolve)),
    close: () => req.destroy(),
  }
}

/** The version a served page says it shows (what its live client sends on connect). */
const pageVersion = (html: string) => Number(/&v=' \+ "(-?\d+)"/.exec(html)?.[1])

/** One raw request, byte for byte: fetch and http.get would normalise `..` and absolute forms. */
function rawStatus(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)
    })
    let data = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (data += chunk))
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)))
    socket.on('error', reject)
  })
}

const text = async (url: string) => (await fetch(url)).text()

describe('dev server', () => {
  let root: string
  let server: DevServer
  const log = eventLog()

  beforeAll(async () => {
    root = await copyProject()
    server = await startDevServer({ root, port: 0, host: '127.0.0.1', onEvent: log.onEvent })
  })
  afterAll(async () => {
    await server?.close()
    await rm(root, { recursive: true, force: true })
  })

  it('serves the index and the decks', async () => {
    const index = await text(server.url)
    expect(index).toContain('Alpha deck')
    expect(index).toContain('Beta deck')
    const alpha = await text(`${server.url}alpha.html`)
    expect(alpha).toContain('Alpha first slide')
    expect(alpha).toContain('images/red-circle.svg')
    expect(alpha).toContain('data-dsi-dev')
  })

  it('reloads an open page when its deck is edited, and serves the new HTML', async () => {
    const before = await text(`${server.url}alpha.html`)
    const stream = eventStream(server.url, 'alpha', pageVersion(before))
    await stream.connected
    const reload = stream.next('reload')
    const source = await readFile(path.join(root, 'slides', 'alpha.md'), 'utf8')
    await writeFile(path.join(root, 'slides', 'alpha.md'), source.replace('# Alpha first slide', '# Alpha edited slide'))
    await reload
    stream.close()
    const after = await text(`${server.url}alpha.html`)
    expect(after).toContain('Alpha edited slide')
    expect(after).not.toContain('Alpha first slide')
    expect(pageVersion(after)).toBeGreaterThan(pageVersion(before))
  })

  it('picks up an editor\'s atomic save (write a temp file, rename it over the deck)', async () => {
    const page = await text(`${server.url}alpha.html`)
    const stream = eventStream(server.url, 'alpha', pageVersion(page))
    await stream.connected
    const reload = stream.next('reload')
    const file = path.join(root, 'slides', 'alpha.md')
    const source = await readFile(file, 'utf8')
    await writeFile(`${file}.tmp-1234`, source.replace('# Alpha edited slide', '# Alpha atomic slide'))
    await rename(`${file}.tmp-1234`, file)
    await reload
    stream.close()
    expect(await text(`${server.url}alpha.html`)).toContain('Alpha atomic slide')
    expect(await text(server.url)).not.toContain('tmp-1234')
  })

  it('handles a burst of changes to several files (a git checkout)', async () => {
    const done = log.next('batch', (b) => b.changed.includes('slides/beta.md'))
    const beta = await readFile(path.join(root, 'slides', 'beta.md'), 'utf8')
    const svg = await readFile(path.join(root, 'images', 'blue-square.svg'), 'utf8')
    await Promise.all([
      writeFile(path.join(root, 'slides', 'beta.md'), beta.replace('# Beta first slide', '# Beta checked-out slide')),
      writeFile(path.join(root, 'images', 'blue-square.svg'), svg.replace('#1565c0', '#0d47a1')),
      writeFile(path.join(root, 'slides', 'README.md'), '# Not a deck\n'),
    ])
    await done
    expect(await text(`${server.url}beta.html`)).toContain('Beta checked-out slide')
    expect(await text(`${server.url}images/blue-square.svg`)).toContain('#0d47a1')
    expect(await text(server.url)).not.toContain('README')
    const restored = log.next('batch', (b) => b.changed.includes('slides/beta.md'))
    await writeFile(path.join(root, 'slides', 'beta.md'), beta)
    await restored
  })

  it('rebuilds only the deck that uses an edited image', async () => {
    const batch = log.next('batch', (b) => b.changed.includes('images/red-circle.svg'))
    const svg = await readFile(path.join(root, 'images', 'red-circle.svg'), 'utf8')
    await writeFile(path.join(root, 'images', 'red-circle.svg'), svg.replace('#c62828', '#2e7d32'))
    expect((await batch).rebuilt).toEqual(['alpha'])
    expect(await text(`${server.url}images/red-circle.svg`)).toContain('#2e7d32')
  })

  it('rebuilds the decks using a theme when the theme changes', async () => {
    const batch = log.next('batch', (b) => b.changed.includes('themes/dev-fixture.css'))
    const css = await readFile(path.join(root, 'themes', 'dev-fixture.css'), 'utf8')
    await writeFile(path.join(root, 'themes', 'dev-fixture.css'), css.replace('#00695c', '#6a1b9a'))
    expect((await batch).rebuilt).toEqual(['alpha', 'beta'])
    expect(await text(`${server.url}beta.html`)).toContain('#6a1b9a')
  })

  it('shows a new deck in the index', async () => {
    const index = await text(server.url)
    expect(index).not.toContain('Gamma deck')
    const stream = eventStream(server.url, 'index', pageVersion(index))
    await stream.connected
    const reload = stream.next('reload')
    await writeFile(path.join(root, 'slides', 'gamma.md'), '---\nmarp: true\ntheme: dev-fixture\ntitle: Gamma deck\n---\n\n# Gamma\n')
    await reload
    stream.close()
    expect(await text(server.url)).toContain('Gamma deck')
    expect(await text(`${server.url}gamma.html`)).toContain('<h1')
  })

  it('drops a deleted deck from the index', async () => {
    const batch = log.next('batch', (b) => b.changed.includes('slides/gamma.md'))
    await rm(path.join(root, 'slides', 'gamma.md'))
    await batch
    expect(await text(server.url)).not.toContain('Gamma deck')
    expect((await fetch(`${server.url}gamma.html`)).status).toBe(404)
  })

  it('shows a reference error in the overlay and keeps serving the last good HTML', async () => {
    const file = path.join(root, 'slides', 'beta.md')
    const good = await readFile(file, 'utf8')
    const page = await text(`${server.url}beta.html`)
    const stream = eventStream(server.url, 'beta', pageVersion(page))
    await stream.connected
    const diagnostics = stream.next('diagnostics')
    const rebuilt = log.next('rebuilt', (e) => e.deck === 'beta')
    await writeFile(file, good.replace('# Beta first slide', '# Beta broken slide').replace('blue-square.svg', 'no-such-image.svg'))
    expect((await rebuilt).kept).toBe(true)
    await diagnostics
    stream.close()
    expect(stream.received).not.toContain('reload')
    const served = await text(`${server.url}beta.html`)
    expect(served).toContain('Beta first slide')
    expect(served).not.toContain('Beta broken slide')
    expect(served).toMatch(/id="dsi-dev-overlay" role="alert"/)
    expect(served).toMatch(/slides\/beta\.md:\d+:\d+ error image-missing/)

    // Fixed: the new version is served and the overlay is gone.
    const fixed = log.next('rebuilt', (e) => e.deck === 'beta')
    await writeFile(file, good.replace('# Beta first slide', '# Beta fixed slide'))
    expect((await fixed).kept).toBe(false)
    const after = await text(`${server.url}beta.html`)
    expect(after).toContain('Beta fixed slide')
    expect(after).toContain('<div id="dsi-dev-overlay" hidden></div>')
  })

  it('shows a syntax error in the overlay, and survives a binary file saved as a deck', async () => {
    const file = path.join(root, 'slides', 'beta.md')
    const good = await readFile(file, 'utf8')
    let rebuilt = log.next('rebuilt', (e) => e.deck === 'beta')
    await writeFile(file, good.replace('theme: dev-fixture', 'theme: [dev-fixture').replace('# Beta fixed slide', '# Beta yaml slide'))
    expect((await rebuilt).kept).toBe(true)
    let served = await text(`${server.url}beta.html`)
    expect(served).toContain('Beta fixed slide')
    expect(served).toMatch(/slides\/beta\.md:\d+:\d+ error parse-error/)

    rebuilt = log.next('rebuilt', (e) => e.deck === 'beta')
    await writeFile(file, Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x01, 0x02]))
    await rebuilt
    served = await text(`${server.url}beta.html`)
    expect(served).toContain('Beta fixed slide')
    expect(served).toContain('this is a binary file')
    expect((await fetch(server.url)).status).toBe(200)
    await writeFile(file, good)
  })

  it('answers traversal and unknown paths with 404', async () => {
    const port = server.port
    expect(await rawStatus(port, '/images/blue-square.svg')).toBe(200)
    for (const target of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/images/..%2f..%2fpackage.json',
      '/images/../package.json',
      '/images/%2e%2e/package.json',
      '/images\\..\\package.json',
      '//etc/passwd',
      '/etc/passwd',
      '/%2fetc%2fpasswd',
      `http://127.0.0.1:${port}/package.json`,
      `http://127.0.0.1:${port}/../package.json`,
      '/package.json',
      '/marp.config.mjs',
      '/slides/alpha.md',
      '/themes/dev-fixture.css',
      '/images/',
      '/%ZZ',
    ]) {
      expect([target, await rawStatus(port, target)]).toEqual([target, 404])
    }
  })

  it('listens on loopback only', async () => {
    expect(server.address.address).toBe('127.0.0.1')
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal)
    if (!external) return
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(server.port, external.address)
      socket.on('connect', () => (socket.destroy(), resolve(false)))
      socket.on('error', () => resolve(true))
    })
    expect(refused).toBe(true)
  })
})

describe('dev server port', () => {
  it('takes the next free port when the one asked for is taken', async () => {
    const root = await copyProject()
    const taken = http.createServer()
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', () => resolve()))
    const port = (taken.address() as net.AddressInfo).port
    let server: DevServer | undefined
    try {
      server = await startDevServer({ root, port, host: '127.0.0.1' })
      expect(server.port).toBeGreaterThan(port)
      expect((await fetch(server.url)).status).toBe(200)
    } finally {
      await server?.close()
      await new Promise((resolve) => taken.close(resolve))
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('project watcher', () => {
  it('does not lose a write that chokidar swallows (a second change within 50 ms, as in format on save)', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dev-watcher-test-'))
    const file = path.join(root, 'slides', 'a.md')
    await cp(path.join(FIXTURE, 'slides'), path.join(root, 'slides'), { recursive: true })
    await rename(path.join(root, 'slides', 'alpha.md'), file)
    const batches: string[][] = []
    let second!: () => void
    const secondBatch = new Promise<void>((resolve) => (second = resolve))
    const watcher = watchPaths({
      root,
      watched: [path.join(root, 'slides')],
      debounceMs: 0,
      onBatch: async (paths) => {
        batches.push([...paths].map((p) => path.relative(root, p)))
        // Written while the first batch is handled, a few ms after the first event: chokidar drops its event.
        if (batches.length === 1) await writeFile(file, 'second save\n')
        else second()
      },
      onError: () => {},
    })
    try {
      await watcher.ready
      await writeFile(file, 'first save\n')
      await secondBatch
      expect(batches[1]).toEqual([path.join('slides', 'a.md')])
    } finally {
      await watcher.close()
      await rm(root, { recursive: true, force: true })
    }
  })
})

describe('dev server shutdown', () => {
  const transient = ['FSReqCallback', 'FSReqPromise', 'TTYWrap', 'PipeWrap', 'CloseReq']
  const resources = () => process.getActiveResourcesInfo().filter((t) => !transient.includes(t))
  /** What `now` holds beyond `baseline`, counting repeats. */
  const added = (now: string[], baseline: string[]) => {
    const left = [...baseline]
    return now.filter((t) => {
      const i = left.indexOf(t)
      if (i >= 0) left.splice(i, 1)
      return i < 0
    })
  }

  it('leaves no open handles and frees the port', async () => {
    const root = await copyProject()
    try {
      const before = resources()
      const server = await startDevServer({ root, port: 0, host: '127.0.0.1' })
      const stream = eventStream(server.url, 'alpha', 0)
      await stream.connected
      // The check can fail: while running, the server socket and the file watchers are open handles.
      expect(added(resources(), before)).toEqual(expect.arrayContaining(['TCPServerWrap', 'FSEventWrap']))
      await server.close()
      stream.close()
      await new Promise((resolve) => setImmediate(resolve))
      expect(added(resources(), before)).toEqual([])

      const again = http.createServer()
      await new Promise<void>((resolve, reject) => {
        again.once('error', reject)
        again.listen(server.port, '127.0.0.1', () => resolve())
      })
      await new Promise((resolve) => again.close(resolve))
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
