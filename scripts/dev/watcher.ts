/**
 * Watches chosen folders and files of the project and hands over changed
 * paths in batches. The project root itself is watched, with everything but
 * the chosen paths ignored, so a folder created later (a first images/) is
 * seen too. A short trailing debounce coalesces bursts (an editor's
 * write-then-rename, a `git checkout` touching many files) into one batch,
 * without the fixed delay of chokidar's awaitWriteFinish. Batches never
 * overlap: paths that change while one is processed wait for the next.
 */
import path from 'node:path'
import chokidar, { type FSWatcher } from 'chokidar'

export interface ProjectWatcher {
  ready: Promise<void>
  close(): Promise<void>
}

export interface WatchOptions {
  root: string
  /** Absolute folders (watched recursively) and files. */
  watched: string[]
  debounceMs: number
  onBatch(paths: Set<string>): Promise<void>
  onError(error: Error): void
}

export function watchPaths(options: WatchOptions): ProjectWatcher {
  const root = path.resolve(options.root)
  const keep = (file: string) =>
    file === root || options.watched.some((w) => file === w || file.startsWith(w + path.sep))
  const watcher: FSWatcher = chokidar.watch(root, { ignoreInitial: true, ignored: (file) => !keep(path.resolve(file)) })
  let pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | undefined
  let closed = false

  const flush = () => {
    timer = undefined
    if (running || closed || pending.size === 0) return
    const batch = pending
    pending = new Set()
    running = options
      .onBatch(batch)
      .catch((error: Error) => options.onError(error))
      .finally(() => {
        running = undefined
        if (pending.size > 0 && !closed) schedule()
      })
  }
  const schedule = () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(flush, options.debounceMs)
  }
  const onPath = (file: string) => {
    if (closed) return
    pending.add(path.resolve(file))
    if (!running) schedule()
  }

  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) watcher.on(event, onPath)
  watcher.on('error', (error) => options.onError(error as Error))
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()))

  return {
    ready,
    async close() {
      closed = true
      if (timer) clearTimeout(timer)
      timer = undefined
      await watcher.close()
      await running
    },
  }
}
