/**
 * Runs `worker` over `items` with at most `limit` at once. The first failure
 * stops new work from starting and is rethrown once the running ones settle.
 */
export async function runPool<T>(items: T[], limit: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  let failure: unknown
  const lane = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]
      try {
        await worker(item)
      } catch (error) {
        failure ??= error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
  if (failure !== undefined) throw failure
}
