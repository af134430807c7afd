import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { marpCli } from '@marp-team/marp-cli'

export interface BespokeJob {
  /** The deck's markdown with URLs already rewritten for the site layout. */
  markdown: string
  name: string
  /** marp.config.mjs of the project. */
  configFile: string
  /** Folder with the bundled (self-contained) theme CSS files. */
  themeDir: string
  title: string
  description: string
  author: string
  /** Open Graph image, relative to the HTML page. */
  ogImage?: string
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * marp-cli logs to the console and has no quiet switch in its API. The
 * library must not print, so each call runs alone with console output
 * captured; the captured lines come back as messages.
 */
async function quietly<T>(fn: () => Promise<T>): Promise<{ value: T; logs: string[] }> {
  const run = queue.then(async () => {
    const logs: string[] = []
    const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error }
    const capture = (...args: unknown[]) => logs.push(args.map(String).join(' '))
    Object.assign(console, { log: capture, info: capture, warn: capture, error: capture })
    try {
      return { value: await fn(), logs }
    } finally {
      Object.assign(console, saved)
    }
  })
  queue = run.catch(() => {})
  return run
}

/**
 * Renders Marp's bespoke HTML (presenter view, notes, navigation) in-process
 * through marp-cli's own API, with the project's marp.config.mjs, so the HTML
 * is exactly what `npx marp` makes. No browser is needed.
 */
export async function renderBespokeHtml(job: BespokeJob): Promise<{ html: string; warnings: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dsi-html-'))
  try {
    const input = path.join(dir, `${job.name}.md`)
    const output = path.join(dir, `${job.name}.html`)
    await writeFile(input, job.markdown)
    const args = ['--config-file', job.configFile, '--theme-set', job.themeDir, '--no-stdin', '--template', 'bespoke']
    if (job.title) args.push('--title', job.title)
    if (job.description) args.push('--description', job.description)
    if (job.author) args.push('--author', job.author)
    if (job.ogImage) args.push('--og-image', job.ogImage)
    args.push(input, '-o', output)
    const { value: code, logs } = await quietly(() => marpCli(args, {}))
    if (code !== 0) throw new Error(`marp-cli could not render ${job.name}: ${logs.join(' | ')}`)
    const warnings = logs.filter((l) => /WARN|ERROR/.test(l)).map((l) => l.replace(/^\s*\[\s*\w+\s*\]\s*/, ''))
    return { html: await readFile(output, 'utf8'), warnings }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
