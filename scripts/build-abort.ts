/** Stopping a build part-way (Ctrl-C, SIGTERM): the signal is checked between steps. */
export function abortIf(signal?: AbortSignal): void {
  if (signal?.aborted) throw new BuildAbortedError()
}

export class BuildAbortedError extends Error {
  constructor() {
    super('the build was interrupted; the previous site is unchanged')
  }
}
