import { realpathSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { PIPELINE_VERSION } from './build-plan.js'
import { BuildCache, hashParts, moduleClosureHash, projectListing } from './cache.js'
import type { CheckContext, CheckResult } from './check.js'
import type { Deck } from './deck.js'
import { isInside } from './deck-assets.js'
import { sortDiagnostics } from './diagnostics-format.js'

/*
 * Parse and check with results cached in .cache/, shared by `build` and
 * `check`: an unchanged course is neither parsed nor checked again, so it
 * never loads markdown-it or the spelling dictionaries.
 */

/** Parsed decks are cached as JSON under the parser's code and the source: an unchanged course never loads markdown-it. */
export async function parseWithCache(file: string, root: string, useCache: boolean): Promise<Deck> {
  const source = deckEscapes(file, root) ? Buffer.alloc(0) : await readFile(file)
  const cache = useCache ? new BuildCache(path.join(root, '.cache', 'parse')) : null
  const key = hashParts([await moduleClosureHash('parse.ts'), root, file, source])
  const hit = await cache?.getJson<Deck>(key)
  if (hit) return hit
  const { parseDeck } = await import('./parse.js')
  const deck = await parseDeck({ path: file, root, source: source.byteLength > 0 ? source : '' })
  await cache?.putJson(key, deck)
  return deck
}

/**
 * The checks, with each deck's findings cached under everything they read:
 * the deck's source, the project's file names, the config, word list and
 * themes, and the pipeline's own code. Unchanged decks skip the rules (and
 * never load the spelling dictionaries); a rule that failed is not cached.
 */
export async function checkWithCache(
  decks: Deck[],
  ctx: CheckContext,
  options: { cache: boolean; ignore: string[] },
): Promise<CheckResult> {
  const cache = options.cache ? new BuildCache(path.join(ctx.root, '.cache', 'check')) : null
  const read = (file: string) => readFile(path.join(ctx.root, file), 'utf8').catch(() => '')
  const project = hashParts([
    PIPELINE_VERSION,
    await moduleClosureHash('check.ts'),
    // The config as loaded (its file's text would add nothing), and the word list it does not hold.
    JSON.stringify(ctx.config),
    await read('words.txt'),
    ...ctx.themes.map((t) => `${t.relPath}\n${t.css}`),
    await projectListing(ctx.root, options.ignore),
  ])
  const result: CheckResult = { diagnostics: [], toolFailures: [] }
  for (const deck of decks) {
    const key = hashParts([project, deck.relPath, deck.source])
    let found = await cache?.getJson<CheckResult>(key)
    if (!found) {
      const { checkDecks } = await import('./check.js')
      found = await checkDecks([deck], ctx)
      if (found.toolFailures.length === 0) await cache?.putJson(key, found)
    }
    result.diagnostics.push(...found.diagnostics)
    result.toolFailures.push(...found.toolFailures)
  }
  result.diagnostics = sortDiagnostics(result.diagnostics)
  return result
}

/** True when the deck file is a symlink that leads out of the project. */
export function deckEscapes(file: string, root: string): boolean {
  try {
    return !isInside(realpathSync(root), realpathSync(file))
  } catch {
    return false
  }
}

