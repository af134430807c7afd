/**
 * `npm run check [-- <deck>...] [--format text|json] [--render]`: checks every deck in
 * slides/ (or the ones named) and prints one line per finding, sorted, then
 * a summary. Exit 0 without errors, 1 with errors, 2 when the tool failed.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { checkWithCache, parseWithCache } from '../cached-checks.js'
import { loadConfig } from '../config.js'
import { formatDiagnostic, formatJson, formatSummary, githubAnnotation, sortDiagnostics } from '../diagnostics-format.js'
import { deckName, discoverDecks, selectDecks } from '../discover.js'
import { closest } from '../suggest.js'
import { loadThemes, themeDiagnostics } from '../themes.js'
import { EXIT, ToolError, type Command, type CommandIo } from './command.js'

const USAGE = 'usage: npm run check -- [deck or file ...] [--format text|json] [--render] [--no-cache]'

interface CheckArgs {
  format: 'text' | 'json'
  selectors: string[]
  /** Also render the decks in a browser and run the rendered rules (slide-overflow, contrast). */
  render: boolean
  /** Parse and check every deck again instead of reusing .cache/ results. */
  noCache: boolean
}

export function parseCheckArgs(args: string[]): CheckArgs {
  const parsed: CheckArgs = { format: 'text', selectors: [], render: false, noCache: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length)
      if (value !== 'text' && value !== 'json') throw new ToolError(`--format must be "text" or "json", not ${JSON.stringify(value ?? '')}`, USAGE)
      parsed.format = value
    } else if (arg === '--render') {
      parsed.render = true
    } else if (arg === '--no-cache') {
      parsed.noCache = true
    } else if (arg === '--help' || arg === '-h') {
      parsed.selectors.push('help')
    } else if (arg === '--debug') {
      continue
    } else if (arg.startsWith('-')) {
      throw new ToolError(`unknown option ${arg}`, USAGE)
    } else parsed.selectors.push(arg)
  }
  return parsed
}

/** The project root: the nearest folder above cwd holding package.json (npm runs scripts there). */
export function findRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) return path.resolve(cwd)
  }
}

async function pickDecks(root: string, selectors: string[], cwd: string): Promise<string[]> {
  const all = await discoverDecks(path.join(root, 'slides'))
  const { decks, unknown } = selectDecks(all, selectors, cwd)
  const extra: string[] = []
  for (const selector of unknown) {
    // A markdown file outside slides/ (a fixture, a draft) can be checked by path.
    const file = path.resolve(cwd, selector)
    if (/\.md$/i.test(file) && existsSync(file)) {
      extra.push(file)
      continue
    }
    const suggestion = closest(selector.replace(/\.md$/i, ''), all.map(deckName))
    throw new ToolError(
      `no deck named "${selector}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      all.length > 0 ? `decks: ${all.map(deckName).join(', ')}` : 'there are no decks in slides/',
    )
  }
  if (selectors.length > 0 && decks.length + extra.length === 0) throw new ToolError('nothing to check')
  return [...decks, ...extra]
}

export const checkCommand: Command = async (args, io: CommandIo) => {
  const { format, selectors, render, noCache } = parseCheckArgs(args)
  if (selectors.includes('help')) {
    io.out(USAGE)
    return EXIT.ok
  }
  const started = performance.now()
  const root = findRoot(io.cwd)
  const files = await pickDecks(root, selectors, io.cwd)
  const { config, problems: configProblems } = await loadConfig(root)
  const { themes, problems: themeProblems } = await loadThemes(path.join(root, 'themes'), root)
  // Cached like the build's (.cache/parse, .cache/check): an unchanged deck is not parsed or checked again.
  const useCache = !noCache
  const decks = await Promise.all(files.map((file) => parseWithCache(file, root, useCache)))
  const result = await checkWithCache(decks, { root, themes, config }, { cache: useCache, ignore: ['site'] })
  if (render) {
    // Loaded only when asked for: it brings playwright and a browser.
    const { checkDecksRendered } = await import('../render-session.js')
    const rendered = await checkDecksRendered({ root, decks, themes, config })
    result.diagnostics.push(...rendered.diagnostics)
    result.toolFailures.push(...rendered.toolFailures)
  }
  const ms = performance.now() - started

  const diagnostics = sortDiagnostics([...configProblems, ...themeDiagnostics(themeProblems, config), ...result.diagnostics])

  const summary = formatSummary(diagnostics, decks.length, ms)
  if (format === 'json') {
    io.out(formatJson(diagnostics))
    io.err(summary)
  } else {
    for (const d of diagnostics) io.out(formatDiagnostic(d))
    io.out(summary)
  }
  if (io.env.GITHUB_ACTIONS === 'true') {
    const write = format === 'json' ? io.err : io.out
    for (const d of diagnostics) write(githubAnnotation(d))
  }
  for (const failure of result.toolFailures) io.err(`error: rule ${failure.rule} failed (a bug in the checker): ${failure.message}`)
  if (result.toolFailures.length > 0) return EXIT.toolFailed
  return diagnostics.some((d) => d.severity === 'error') ? EXIT.contentErrors : EXIT.ok
}
