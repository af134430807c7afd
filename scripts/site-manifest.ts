import type { OutputFormat } from './build-plan.js'

/** One published file of a deck. */
export interface SiteFile {
  path: string
  bytes: number
}

/** What the site knows of a deck: enough to list it without re-reading it. */
export interface SiteDeck {
  name: string
  title: string
  subtitle: string
  description: string
  lang: string
  slides: number
  files: Partial<Record<OutputFormat, SiteFile>>
  /** Site path of the title-slide thumbnail, when a browser made one. */
  thumbnail?: string
}

export interface SiteManifest {
  title: string
  description: string
  decks: SiteDeck[]
}

export const MANIFEST_PATH = 'decks.json'

/** Merges deck entries: later entries replace earlier ones of the same name; sorted by name. */
export function mergeDecks(...lists: SiteDeck[][]): SiteDeck[] {
  const byName = new Map<string, SiteDeck>()
  for (const list of lists) for (const deck of list) byName.set(deck.name, deck)
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'))
}
