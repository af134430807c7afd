/**
 * Watches chosen folders and files of the project and hands over changed
 * paths in batches. The project root itself is watched, with everything but
 * the chosen paths ignored, so a folder created later (a first images/) is
 * seen too. A short trailing debounce coalesces bursts (an editor's
 * write-then-rename, a `git checkout` touching many files) into one batch,
 * without the fixed delay of chokidar's awaitWriteFinish. Batches never
 * overlap: paths that change while one is processed wait for the next.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'
import chokidar, { type FSWatcher } from 'chokidar'

const CHOKIDAR_THROTTLE_MS = 50

async function signature(file: string): Promise<string> {
  try {
    const s = await stat(file)
    return `${s.ino}:${s.size}:${s.mtimeMs}`
  } catch {
    return 'missing'
  }
}

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
  /** Each path's stat when its batch was taken, to catch a write chokidar swallowed. */
  const seen = new Map<string, string>()
  const verifyTimers = new Map<string, NodeJS.Timeout>()

  const flush = () => {
    timer = undefined
    if (running || closed || pending.size === 0) return
    const batch = pending
    pending = new Set()
    running = (async () => {
      await Promise.all([...batch].map(async (file) => seen.set(file, await signature(file))))
      await options.onBatch(batch)
    })()
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
  const add = (file: string) => {
    pending.add(file)
    if (!running) schedule()
  }
  // chokidar drops a second change to a path within 50 ms of the first (its throttle). A save
  // followed at once by another write (format on save) would be lost, so each path is looked
  // at again once that window has passed, and queued if it changed after its batch was taken.
  const verify = async (file: string) => {
    verifyTimers.delete(file)
    const now = await signature(file)
    if (!closed && !pending.has(file) && seen.has(file) && seen.get(file) !== now) add(file)
  }
  const onPath = (file: string) => {
    if (closed) return
    const resolved = path.resolve(file)
    add(resolved)
    clearTimeout(verifyTimers.get(resolved))
    verifyTimers.set(resolved, setTimeout(() => void verify(resolved), CHOKIDAR_THROTTLE_MS + 30))
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
      for (const t of verifyTimers.values()) clearTimeout(t)
      verifyTimers.clear()
      await watcher.close()
      await running
    },
  }
}
