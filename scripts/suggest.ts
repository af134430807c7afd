/** Closest-name suggestions for typos in theme names, rule ids and deck names. */

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0
  if (!a.length) return b.length
  if (!b.length) return a.length
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    }
    previous = current
  }
  return previous[b.length]
}

/**
 * The candidate closest to `name` (case-insensitive), or undefined when even
 * the closest one differs too much to be a plausible typo. A candidate that
 * contains the name, or is contained in it, also counts ("dsi" for
 * "dsi-certificates-theme").
 */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  const wanted = name.toLowerCase()
  let best: { candidate: string; distance: number } | undefined
  for (const candidate of candidates) {
    const c = candidate.toLowerCase()
    let distance = levenshtein(wanted, c)
    if (c.length >= 3 && (wanted.includes(c) || c.includes(wanted))) distance = Math.min(distance, 1)
    if (!best || distance < best.distance) best = { candidate, distance }
  }
  if (!best) return undefined
  const limit = Math.max(2, Math.floor(wanted.length / 3))
  return best.distance <= limit ? best.candidate : undefined
}
