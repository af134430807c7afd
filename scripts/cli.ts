#!/usr/bin/env tsx
/**
 * The only entry point: parses the sub-command, runs it, prints failures and
 * exits. Everything below scripts/ returns values instead of printing/exiting.
 */
import { EXIT, ToolError, type Command, type CommandIo } from './commands/command.js'

const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import('./commands/build.js')).buildCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  dev: async () => (await import('./commands/dev.js')).devCommand,
  merge: async () => (await import('./commands/merge.js')).mergeCommand,
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  const debug = args.includes('--debug')
  const load = name ? commands[name] : undefined
  if (!load) {
    process.stderr.write(`usage: npm run <${Object.keys(commands).join('|')}> -- [options]   (or: node scripts/launch.mjs <command> [options])\n`)
    return EXIT.toolFailed
  }
  const controller = new AbortController()
  // Every signal only asks the build to stop (it removes its temp folder and
  // keeps the old site): Ctrl-C under npm/tsx often arrives twice.
  const stop = () => controller.abort()
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  const io: CommandIo = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    paint: (line) => process.stdout.write(`\r\x1b[2K${line}`),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.CI,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  }
  try {
    const command = await load()
    return await command(args, io)
  } catch (error) {
    if (error instanceof ToolError) {
      io.err(`error: ${error.message}`)
      if (error.hint) io.err(error.hint)
    } else {
      io.err(`error: the tool failed: ${(error as Error)?.message ?? String(error)}`)
      if (!debug) io.err('(run again with --debug for the stack trace)')
    }
    if (debug) io.err((error as Error)?.stack ?? '')
    return EXIT.toolFailed
  } finally {
    process.removeListener('SIGINT', stop)
    process.removeListener('SIGTERM', stop)
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
