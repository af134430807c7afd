/** What a command may use to talk to the user. Only scripts/cli.ts touches process. */
export interface CommandIo {
  out(line: string): void
  err(line: string): void
  /** Repaints one status line in place (TTY only); '' clears it. */
  paint(line: string): void
  /** Progress lines: repainted on a TTY, plain lines in CI. */
  isTTY: boolean
  env: NodeJS.ProcessEnv
  cwd: string
  /** Aborted on SIGINT/SIGTERM so long work can stop cleanly. */
  signal: AbortSignal
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  contentErrors: 1,
  toolFailed: 2,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export type Command = (args: string[], io: CommandIo) => Promise<ExitCode>

/** A failure of the tool itself (not of the content): exit 2 with this message. */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'ToolError'
  }
}
