import path from 'node:path'
import { build, BuildAbortedError, BuildUsageError, type BuildResult, type ProgressEvent } from '../build.js'
import { parseBuildArgs, UsageError } from '../build-options.js'
import { formatDiagnostic, githubAnnotation } from '../diagnostics-format.js'
import { ToolError, type Command, type CommandIo, type ExitCode } from './command.js'

/** `npm run build [-- options] [deck...]`: check, then build the site. */
export const buildCommand: Command = async (args, io) => {
  let options
  try {
    options = parseBuildArgs(args)
  } catch (error) {
    if (error instanceof UsageError) throw new ToolError(error.message, BUILD_USAGE)
    throw error
  }
  const root = io.cwd
  const progress = progressPrinter(io)
  let result: BuildResult
  try {
    const { out, debug: _debug, ...settings } = options
    result = await build({
      ...settings,
      root,
      outDir: path.resolve(root, out),
      signal: io.signal,
      onProgress: progress.update,
    })
  } catch (error) {
    progress.clear()
    if (error instanceof BuildUsageError) throw new ToolError(error.message)
    if (error instanceof BuildAbortedError) throw new ToolError(error.message)
    if (UNWRITABLE.has((error as NodeJS.ErrnoException).code ?? ''))
      throw new ToolError(
        `cannot write the output: ${(error as Error).message}; nothing was published, the previous site is unchanged`,
        'Choose a writable folder with --out DIR.',
      )
    if ((error as NodeJS.ErrnoException).code === 'ENOSPC')
      throw new ToolError(`the disk is full (${(error as Error).message}): nothing was published, the previous site is unchanged`)
    throw error
  }
  progress.clear()
  report(io, result, options.out)
  return result.exitCode as ExitCode
}

/** Errors that mean the output folder cannot be written (read-only, not a folder, no permission). */
const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'EISDIR'])

const BUILD_USAGE =
  'usage: npm run build -- [deck...] [--format html,pdf,pptx] [--out DIR] [--force] [--no-cache] ' +
  '[--shard i/n] [--concurrency N] [--pptx-image png|jpeg] [--pptx-scale S] [--debug]'

function report(io: CommandIo, result: BuildResult, out: string): void {
  for (const d of result.diagnostics) io.out(formatDiagnostic(d))
  if (io.env.GITHUB_ACTIONS === 'true') for (const d of result.diagnostics) io.out(githubAnnotation(d))
  // The decks with errors; when none was refused but nothing was published, the project files with errors.
  const projectFiles = () => [...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file))]
  const blocking = result.refused.length > 0 ? result.refused : !result.published && result.exitCode === 1 ? projectFiles() : []
  if (blocking.length > 0) {
    io.err(`error: not published: ${blocking.join(', ')} ha${blocking.length > 1 ? 've' : 's'} errors (fix them, or build anyway with --force)`)
  }
  for (const retry of result.retried ?? []) io.err(`note: the browser crashed while converting ${retry}; it was retried with a fresh browser`)
  for (const failure of result.failures) io.err(`error: ${failure}`)
  if (!result.published) return
  io.out(summaryTable(result))
  const browser = result.browser ? ` (browser: ${result.browser.source})` : ''
  io.out(`Built ${result.decks.length} deck${result.decks.length === 1 ? '' : 's'} into ${out}/ in ${(result.ms / 1000).toFixed(1)} s${browser}`)
}

const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`

export function summaryTable(result: BuildResult): string {
  const rows = result.decks.map((d) => [
    d.name,
    String(d.slides),
    d.files.map((f) => f.format + (f.cached ? '*' : '')).join(','),
    d.files.map((f) => formatSize(f.bytes)).join(', '),
    d.ms > 0 ? `${(d.ms / 1000).toFixed(1)} s` : '-',
  ])
  const header = ['deck', 'slides', 'formats', 'sizes', 'time']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()
  const note = result.decks.some((d) => d.files.some((f) => f.cached)) ? '\n(* reused from the cache)' : ''
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + note
}

/** One repainted line on a TTY; a plain line per finished output in CI and pipes. */
function progressPrinter(io: CommandIo) {
  let painted = false
  return {
    update(e: ProgressEvent) {
      const text = `[${e.done}/${e.total}] ${e.deck} ${e.step}${e.cached ? ' (cached)' : ''}`
      if (io.isTTY) {
        io.paint(text)
        painted = true
      } else io.out(text)
    },
    clear() {
      if (painted) io.paint('')
      painted = false
    },
  }
}

