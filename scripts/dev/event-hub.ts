/**
 * Server-sent events to open pages, no dependency needed. Each page says
 * what it shows (a deck name or `index`) and which version; a page that
 * connects after a rebuild it missed is told to reload at once.
 */
import type http from 'node:http'
import type { ClientMessage, LiveProject } from './live-project.js'
import { renderOverlay } from './overlay.js'

interface Client {
  target: string
  res: http.ServerResponse
}

export class EventHub {
  private readonly clients = new Set<Client>()
  /** Bumped each time open index pages are told to reload. */
  indexVersion = 1

  constructor(
    private readonly project: LiveProject,
    private readonly emit: (event: { type: 'reload-sent'; target: string; clients: number }) => void,
  ) {}

  subscribe(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): void {
    const target = query.get('target') ?? ''
    const version = Number(query.get('v'))
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    // Reconnect quickly after a server restart.
    res.write('retry: 500\n\n')
    const client = { target, res }
    this.clients.add(client)
    req.on('close', () => this.clients.delete(client))
    // A page closed mid-write must not become an unhandled 'error' event.
    res.on('error', () => this.clients.delete(client))
    const current = target === 'index' ? this.indexVersion : this.project.byName(target)?.version
    if (current !== undefined && current !== version) this.write(client, 'reload', {})
  }

  publish(message: ClientMessage): void {
    if (message.type === 'reload' && message.target === 'index') this.indexVersion++
    const listeners = [...this.clients].filter((c) => c.target === message.target)
    if (message.type === 'reload') {
      for (const client of listeners) this.write(client, 'reload', {})
      this.emit({ type: 'reload-sent', target: message.target, clients: listeners.length })
      return
    }
    const state = this.project.byName(message.target)
    if (!state || listeners.length === 0) return
    const overlay = renderOverlay([...this.project.projectDiagnostics(), ...state.diagnostics], state.stale)
    for (const client of listeners) this.write(client, 'diagnostics', { overlay })
  }

  closeAll(): void {
    for (const client of this.clients) client.res.end()
    this.clients.clear()
  }

  private write(client: Client, event: string, data: unknown): void {
    client.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
}
