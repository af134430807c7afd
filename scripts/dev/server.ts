/**
 * `startDevServer`: the instructor's live preview. Watches slides/, images/,
 * themes/ and the course config, rebuilds only the decks a change touches,
 * and tells open pages to reload over server-sent events. Listens on
 * 127.0.0.1 only and serves a fixed set of things: the index, deck pages,
 * their PDF/PPTX, the event stream, the files decks use and files under
 * images/. Never prints: everything is reported through `onEvent`.
 */
import { realpath, readFile, stat } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { CONFIG_FILE } from '../config.js'
import { mimeType } from '../data-uri.js'
import { isInside } from '../deck-assets.js'
import { WORDS_FILE } from '../spell-checker.js'
import { embedSvgFonts } from '../svg-fonts.js'
import { EventHub } from './event-hub.js'
import { renderIndexPage, renderMissingDeckPage } from './index-page.js'
import { LiveProject, type DevEvent } from './live-project.js'
import { OnDemandBuilds } from './on-demand.js'
import { renderOverlay, escapeHtml } from './overlay.js'
import { EVENTS_PATH, injectIntoBody, reloadClient } from './reload-client.js'
import { parseRequestTarget } from './request-path.js'
import { watchPaths } from './watcher.js'

export type DevServerEvent =
  | DevEvent
  | { type: 'reload-sent'; target: string; clients: number }
  | { type: 'output'; deck: string; format: 'pdf' | 'pptx'; ms: number; error?: string }

export interface DevServerOptions {
  root: string
  /** 8080 by default; 0 picks any free port. */
  port?: number
  /** Loopback only: the preview serves the project's files to whoever can reach it. */
  host?: '127.0.0.1'
  /** When the port is taken, try the next ones (not with port 0). Default true. */
  nextFreePort?: boolean
  /** Quiet time that ends a burst of file events. */
  debounceMs?: number
  onEvent?: (event: DevServerEvent) => void
}

export interface DevServer {
  url: string
  host: string
  port: number
  /** What the socket is bound to: always 127.0.0.1. */
  address: AddressInfo
  /** PDF and PPTX built on request land here. */
  outputDir: string
  close(): Promise<void>
}

const DEFAULT_PORT = 8080
const PORT_TRIES = 20
const HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const root = path.resolve(options.root)
  const host = '127.0.0.1'
  const emit = (event: DevServerEvent) => {
    try {
      options.onEvent?.(event)
    } catch {
      /* a listener's bug must not stop the server */
    }
  }
  let hub: EventHub | undefined
  const project = await LiveProject.open(root, { emit, broadcast: (m) => hub?.publish(m) })
  hub = new EventHub(project, emit)
  const onDemand = new OnDemandBuilds(root, path.join(root, '.cache', 'dev-site'))

  const watched = [project.slidesDir, path.join(root, 'images'), project.themesDir, path.join(root, CONFIG_FILE), path.join(root, WORDS_FILE)]
  const watcher = watchPaths({
    root,
    watched,
    debounceMs: options.debounceMs ?? 20,
    onBatch: (paths) => project.applyChanges(paths),
    onError: (error) => emit({ type: 'error', message: `watcher: ${error.message}` }),
  })
  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      emit({ type: 'error', message: `${req.url}: ${error.message}` })
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'the dev server failed on this request; see the terminal')
      else res.destroy()
    })
  })

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed')
    const request = parseRequestTarget(req.url)
    if (!request) return notFound(res)
    const { path: sitePath, query } = request
    if (sitePath === '' || sitePath === 'index.html') {
      const html = renderIndexPage(project.title, project.decks(), project.projectDiagnostics(), hub!.indexVersion)
      return send(res, 200, 'text/html; charset=utf-8', html, req)
    }
    if (sitePath === EVENTS_PATH) {
      if (req.method === 'HEAD') return send(res, 200, 'text/event-stream', '', req)
      return hub!.subscribe(req, res, query)
    }
    const page = /^([^/]+)\.(html|pdf|pptx)$/.exec(sitePath)
    const state = page ? project.byName(page[1]) : undefined
    if (page && !state && page[2] === 'html') return send(res, 404, 'text/html; charset=utf-8', renderMissingDeckPage(page[1]), req)
    if (page && state) {
      const [, name, ext] = page
      if (ext === 'html') {
        const wanted = query.has('pdf') ? 'pdf' : query.has('pptx') ? 'pptx' : ''
        if (wanted) {
          res.writeHead(302, { ...HEADERS, location: `/${encodeURIComponent(name)}.${wanted}` })
          return void res.end()
        }
        await state.pending
        if (!project.byName(name)) return send(res, 404, 'text/html; charset=utf-8', renderMissingDeckPage(name), req)
        return send(res, 200, 'text/html; charset=utf-8', deckPage(name), req)
      }
      return sendOutput(req, res, name, ext as 'pdf' | 'pptx')
    }
    const file = project.assetFile(sitePath) ?? (await imageFile(sitePath))
    if (!file) return notFound(res)
    let body: Buffer | string
    try {
      body = await readFile(file)
    } catch {
      return notFound(res)
    }
    if (file.toLowerCase().endsWith('.svg')) body = await embedSvgFonts(body.toString('utf8'))
    return send(res, 200, mimeType(file), body, req)
  }

  function deckPage(name: string): string {
    const state = project.byName(name)!
    const overlay = renderOverlay([...project.projectDiagnostics(), ...state.diagnostics], state.stale)
    const html =
      state.html ??
      `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(name)}</title></head>` +
        `<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem;padding-top:40vh"><p>This deck has not rendered yet: fix the findings above.</p></body></html>`
    return injectIntoBody(html, overlay + reloadClient(name, state.version))
  }

  /** A file under images/ (the folder decks draw from), never a path that leads out of it. */
  async function imageFile(sitePath: string): Promise<string | undefined> {
    if (!sitePath.startsWith('images/')) return undefined
    const imagesDir = path.join(root, 'images')
    const file = path.join(root, ...sitePath.split('/'))
    try {
      if (!isInside(imagesDir, file) || !isInside(await realpath(imagesDir), await realpath(file))) return undefined
      return (await stat(file)).isFile() ? file : undefined
    } catch {
      return undefined
    }
  }

  async function sendOutput(req: http.IncomingMessage, res: http.ServerResponse, name: string, format: 'pdf' | 'pptx') {
    const started = performance.now()
    let file: string
    try {
      file = await onDemand.build(name, format)
    } catch (error) {
      const message = (error as Error)?.message ?? String(error)
      emit({ type: 'output', deck: name, format, ms: performance.now() - started, error: message })
      return send(res, 500, 'text/plain; charset=utf-8', `could not build the ${format.toUpperCase()} of ${name}: ${message}`, req)
    }
    emit({ type: 'output', deck: name, format, ms: performance.now() - started })
    return send(res, 200, mimeType(file), await readFile(file), req)
  }

  try {
    await watcher.ready
    const port = await listen(server, host, options.port ?? DEFAULT_PORT, options.nextFreePort ?? true)
    const url = `http://${host}:${port}/`
    let closing: Promise<void> | undefined
    return {
      url,
      host,
      port,
      address: server.address() as AddressInfo,
      outputDir: onDemand.outDir,
      close: () =>
        (closing ??= (async () => {
          await watcher.close()
          await onDemand.close()
          hub!.closeAll()
          await new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          })
          await project.close()
        })()),
    }
  } catch (error) {
    await watcher.close()
    await project.close()
    throw error
  }
}

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, req?: http.IncomingMessage): void {
  res.writeHead(status, { ...HEADERS, 'content-type': type, 'content-length': Buffer.byteLength(body) })
  res.end(req?.method === 'HEAD' ? undefined : body)
}

const notFound = (res: http.ServerResponse) => send(res, 404, 'text/plain; charset=utf-8', 'not found')

/** Listens on the port, or the next free one when it is taken. */
async function listen(server: http.Server, host: string, port: number, nextFree: boolean): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port + attempt, host, () => {
          server.off('error', reject)
          resolve()
        })
      })
      return (server.address() as AddressInfo).port
    } catch (error) {
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      if (!inUse || !nextFree || port === 0 || attempt + 1 >= PORT_TRIES) throw error
    }
  }
}
