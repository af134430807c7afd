/**
 * PDF and PPTX of one deck, built when asked for (a link on the index, or
 * `?pdf` / `?pptx` on a deck page) with the real build pipeline into a
 * folder of its own, one build at a time. The build module (browser and all)
 * is only loaded the first time, so the dev server starts fast.
 */
import path from 'node:path'

export type OnDemandFormat = 'pdf' | 'pptx'

export class OnDemandBuilds {
  private queue: Promise<unknown> = Promise.resolve()
  private readonly controller = new AbortController()

  constructor(
    private readonly root: string,
    readonly outDir: string,
  ) {}

  /** Builds the deck's file (reusing the build cache) and returns its path. */
  build(name: string, format: OnDemandFormat): Promise<string> {
    const run = this.queue.then(async () => {
      if (this.controller.signal.aborted) throw new Error('the dev server is stopping')
      const { build } = await import('../build.js')
      const result = await build({
        root: this.root,
        outDir: this.outDir,
        formats: [format],
        decks: [name],
        force: true,
        cache: true,
        concurrency: 1,
        pptxImage: 'jpeg',
        pptxScale: 1.5,
        signal: this.controller.signal,
      })
      const built = result.decks.find((d) => d.name === name)?.files.find((f) => f.format === format)
      if (!result.published || !built) throw new Error(result.failures.join('; ') || `no ${format.toUpperCase()} was built for ${name}`)
      return path.join(this.outDir, built.sitePath)
    })
    this.queue = run.catch(() => {})
    return run
  }

  async close(): Promise<void> {
    this.controller.abort()
    await this.queue
  }
}
