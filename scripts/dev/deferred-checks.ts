/**
 * Rules that can only warn (spelling takes half a second on the lecture)
 * cannot decide whether a new version is served, so the dev server runs
 * them after the reload, once the browser has had time to fetch the page:
 * their findings then arrive as an overlay update. A rule set to "error"
 * in course.config.json runs before the render like every other error rule.
 */
import { effectiveSeverity } from '../check.js'
import type { ProjectConfig } from '../config.js'
import type { Rule } from '../rule.js'
import { RULES } from '../rules/index.js'

export function splitRules(config: ProjectConfig, rules: readonly Rule[] = RULES): { blocking: Rule[]; deferred: Rule[] } {
  const blocking: Rule[] = []
  const deferred: Rule[] = []
  for (const rule of rules) {
    const severity = effectiveSeverity(config, rule.id, rule.severity)
    if (severity === 'error') blocking.push(rule)
    else if (severity === 'warning') deferred.push(rule)
  }
  return { blocking, deferred }
}

/** Runs one job per key after a quiet delay; scheduling the key again supersedes the older job. */
export class DeferredJobs {
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly generations = new Map<string, number>()
  private readonly running = new Set<Promise<void>>()
  private closed = false

  constructor(
    private readonly delayMs: number,
    private readonly onError: (error: Error) => void,
  ) {}

  schedule(key: string, job: (isCurrent: () => boolean) => Promise<void>): void {
    if (this.closed) return
    this.cancel(key)
    const generation = (this.generations.get(key) ?? 0) + 1
    this.generations.set(key, generation)
    const isCurrent = () => !this.closed && this.generations.get(key) === generation
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key)
        const run = job(isCurrent)
          .catch((error: Error) => this.onError(error))
          .finally(() => this.running.delete(run))
        this.running.add(run)
      }, this.delayMs),
    )
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key))
    this.timers.delete(key)
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1)
  }

  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
    await Promise.all(this.running)
  }
}
