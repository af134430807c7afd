/**
 * `npm run dev [-- --port N]`: the live preview. Prints the URL and the
 * findings of every change; Ctrl-C closes the watcher and the server.
 */
import type { Diagnostic } from '../deck.js'
import { formatDiagnostic } from '../diagnostics-format.js'
import { startDevServer, type DevServerEvent } from '../dev/server.js'
import { findRoot } from './check.js'
import { EXIT, ToolError, type Command, type CommandIo } from './command.js'

const USAGE = 'usage: npm run dev -- [--port N] (default 8080, or the next free port)'

export function parseDevArgs(args: string[]): { port: number; help: boolean } {
  const parsed = { port: 8080, help: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? args[++i] : arg.slice('--port='.length)
      const port = Number(value)
      if (!/^\d+$/.test(value ?? '') || port > 65535) throw new ToolError(`--port must be a number from 0 to 65535, not ${JSON.stringify(value ?? '')}`, USAGE)
      parsed.port = port
    } else if (arg === 'help' || arg === '--help') parsed.help = true
    else if (arg !== '--debug') throw new ToolError(`unknown option ${arg}`, USAGE)
  }
  return parsed
}

/** Prints what changed: new findings line by line, and how many went away. */
function findingsPrinter(io: CommandIo) {
  const shown = new Map<string, Set<string>>()
  return (key: string, label: string, diagnostics: Diagnostic[]) => {
    const before = shown.get(key) ?? new Set<string>()
    const now = new Set(diagnostics.map(formatDiagnostic))
    for (const line of now) if (!before.has(line)) io.out(line)
    const gone = [...before].filter((line) => !now.has(line)).length
    if (now.size === 0 && before.size > 0) io.out(`${label}: no problems`)
    else if (gone > 0) io.out(`${label}: ${gone} finding${gone === 1 ? '' : 's'} gone, ${now.size} left`)
    shown.set(key, now)
  }
}

function printer(io: CommandIo) {
  const findings = findingsPrinter(io)
  return (event: DevServerEvent) => {
    switch (event.type) {
      case 'findings':
        findings(event.deck, event.deck, event.diagnostics)
        break
      case 'project-findings':
        findings('', 'themes and config', event.diagnostics)
        break
      case 'rebuilt':
        io.out(`${event.deck}: ${event.kept ? 'has new errors, still showing the last good version' : 'updated'} (${Math.round(event.ms)} ms)`)
        break
      case 'deck-added':
        io.out(`${event.deck}: new deck`)
        break
      case 'deck-removed':
        io.out(`${event.deck}: removed`)
        break
      case 'output':
        if (event.error) io.err(`${event.deck}: ${event.format.toUpperCase()} failed: ${event.error}`)
        else io.out(`${event.deck}: ${event.format.toUpperCase()} built (${(event.ms / 1000).toFixed(1)} s)`)
        break
      case 'error':
        io.err(`error: ${event.message}`)
        break
    }
  }
}

export const devCommand: Command = async (args, io) => {
  const { port, help } = parseDevArgs(args)
  if (help) {
    io.out(USAGE)
    return EXIT.ok
  }
  const root = findRoot(io.cwd)
  let server
  try {
    server = await startDevServer({ root, port, host: '127.0.0.1', onEvent: printer(io) })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EADDRINUSE') throw new ToolError(`port ${port} and the next ones are taken`, 'Pick another with --port N.')
    if (code === 'ENOENT') throw new ToolError(`cannot start the preview: ${(error as Error).message}`, 'Run it from the project folder (with marp.config.mjs).')
    throw error
  }
  io.out(`Live preview at ${server.url} (Ctrl-C to stop)`)
  if (!io.signal.aborted) await new Promise((resolve) => io.signal.addEventListener('abort', resolve, { once: true }))
  await server.close()
  io.out('Stopped the preview.')
  return EXIT.ok
}
