/**
 * Which decks depend on what: each deck maps to keys (absolute file paths of
 * the deck itself, its images, linked files and decks) and `theme:<name>`.
 * The reverse index answers "which decks does this change touch?" without
 * re-reading any deck.
 */
export class DepGraph {
  private readonly depsOf = new Map<string, Set<string>>()
  private readonly usersOf = new Map<string, Set<string>>()

  /** Replaces everything a deck depends on. */
  set(deck: string, keys: Iterable<string>): void {
    this.remove(deck)
    const deps = new Set(keys)
    this.depsOf.set(deck, deps)
    for (const key of deps) {
      let users = this.usersOf.get(key)
      if (!users) this.usersOf.set(key, (users = new Set()))
      users.add(deck)
    }
  }

  remove(deck: string): void {
    for (const key of this.depsOf.get(deck) ?? []) {
      const users = this.usersOf.get(key)
      users?.delete(deck)
      if (users?.size === 0) this.usersOf.delete(key)
    }
    this.depsOf.delete(deck)
  }

  /** Decks that use this key, in no particular order. */
  dependents(key: string): string[] {
    return [...(this.usersOf.get(key) ?? [])]
  }

  deps(deck: string): string[] {
    return [...(this.depsOf.get(deck) ?? [])]
  }

  decks(): string[] {
    return [...this.depsOf.keys()]
  }
}

export const themeKey = (name: string) => `theme:${name || 'default'}`
