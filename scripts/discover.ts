import { readdir } from 'node:fs/promises'
import path from 'node:path'

/**
 * Decks are the `*.md` files directly in the slides folder, in name order
 * (lectures are numbered: `02_foundation_models.md`). README files are not decks.
 */
export async function discoverDecks(slidesDir: string): Promise<string[]> {
  let entries
  try {
    entries = await readdir(slidesDir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return entries
    .filter((e) => (e.isFile() || e.isSymbolicLink()) && /\.md$/i.test(e.name) && !/^readme\.md$/i.test(e.name))
    .map((e) => path.join(slidesDir, e.name))
    .sort((a, b) => path.basename(a).localeCompare(path.basename(b), 'en'))
}

/** The deck name used for outputs: the file name without `.md`, unchanged. */
export function deckName(file: string): string {
  return path.basename(file).replace(/\.md$/i, '')
}

/**
 * Picks decks by name, file name or path (`02_foundation_models`,
 * `02_foundation_models.md`, `slides/02_foundation_models.md`).
 * Returns the matches and the selectors that matched nothing.
 */
export function selectDecks(all: string[], selectors: string[], cwd: string): { decks: string[]; unknown: string[] } {
  if (selectors.length === 0) return { decks: all, unknown: [] }
  const picked = new Set<string>()
  const unknown: string[] = []
  for (const selector of selectors) {
    const asPath = path.resolve(cwd, selector)
    const match = all.filter((file) => file === asPath || deckName(file) === selector || path.basename(file) === selector)
    if (match.length === 0) unknown.push(selector)
    match.forEach((m) => picked.add(m))
  }
  return { decks: all.filter((f) => picked.has(f)), unknown }
}
