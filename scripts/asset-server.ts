import { createServer, type Server } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { mimeType } from './data-uri.js'
import { embedSvgFonts } from './svg-fonts.js'

/**
 * The only source the conversion browser may load from. It serves pages that
 * were registered in memory and local files that were registered one by one
 * (the assets the checked decks reference, all inside the project), and
 * answers 404 to everything else. This replaces marp-cli's blanket
 * --allow-local-files: a deck cannot make the browser read /etc/passwd.
 */
export class AssetServer {
  private server: Server
  private pages = new Map<string, string>()
  private files = new Map<string, string>()
  origin = ''

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req.url ?? '/').then(
        ({ status, type, body }) => {
          res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
          res.end(body)
        },
        () => {
          res.writeHead(500)
          res.end()
        },
      )
    })
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => resolve())
    })
    const { port } = this.server.address() as AddressInfo
    this.origin = `http://127.0.0.1:${port}`
    return this.origin
  }

  /** Registers an in-memory page at `urlPath` (e.g. `/__print/deck.html`). */
  addPage(urlPath: string, html: string): string {
    this.pages.set(urlPath, html)
    return this.origin + urlPath
  }

  removePage(urlPath: string): void {
    this.pages.delete(urlPath)
  }

  /** Serves `file` at `urlPath` (a project-relative path such as `/images/x.svg`). */
  addFile(urlPath: string, file: string): void {
    this.files.set(urlPath, file)
  }

  private async handle(rawUrl: string): Promise<{ status: number; type: string; body: string | Buffer }> {
    let urlPath: string
    try {
      urlPath = decodeURIComponent(new URL(rawUrl, 'http://x').pathname)
    } catch {
      return notFound
    }
    const page = this.pages.get(urlPath)
    if (page !== undefined) return { status: 200, type: 'text/html; charset=utf-8', body: page }
    const file = this.files.get(urlPath)
    if (!file) return notFound
    try {
      const bytes = await readFile(file)
      if (file.toLowerCase().endsWith('.svg')) {
        return { status: 200, type: mimeType(file), body: await embedSvgFonts(bytes.toString('utf8')) }
      }
      return { status: 200, type: mimeType(file), body: bytes }
    } catch {
      return notFound
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

const notFound = { status: 404, type: 'text/plain', body: 'not found' }
