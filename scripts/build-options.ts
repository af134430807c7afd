import { ALL_FORMATS, type OutputFormat } from './build-plan.js'

/** What to build and how: shared by the CLI options and `build()`. */
export interface BuildSettings {
  formats: OutputFormat[]
  /** Deck names or paths; empty for every deck in slides/. */
  decks: string[]
  force: boolean
  cache: boolean
  shard?: { index: number; count: number }
  concurrency: number
  pptxImage: 'png' | 'jpeg'
  pptxScale: number
}

export interface BuildCliOptions extends BuildSettings {
  out: string
  debug: boolean
}

export class UsageError extends Error {}

/** Browser conversions run this many decks at once: one per core of the 2-core machines we build on. */
export const DEFAULT_CONCURRENCY = 2

/**
 * Parses `build` options: `--format html,pdf,pptx`, `--out DIR`, `--force`,
 * `--no-cache`, `--shard i/n`, `--concurrency N`, `--pptx-image png|jpeg`,
 * `--pptx-scale S`, `--debug`, and deck names or paths.
 */
export function parseBuildArgs(args: string[]): BuildCliOptions {
  const options: BuildCliOptions = {
    formats: [...ALL_FORMATS],
    decks: [],
    out: 'site',
    force: false,
    cache: true,
    concurrency: DEFAULT_CONCURRENCY,
    pptxImage: 'jpeg',
    pptxScale: 1.5,
    debug: false,
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = () => {
      const v = inline ?? args[++i]
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--format':
      case '-f': {
        const formats = value().split(',').map((f) => f.trim().toLowerCase()).filter(Boolean)
        const bad = formats.filter((f) => !(ALL_FORMATS as string[]).includes(f))
        if (bad.length > 0 || formats.length === 0)
          throw new UsageError(`unknown format "${bad.join(',') || ''}": use ${ALL_FORMATS.join(', ')}`)
        options.formats = ALL_FORMATS.filter((f) => formats.includes(f))
        break
      }
      case '--out':
      case '-o':
        options.out = value()
        break
      case '--force':
        options.force = true
        break
      case '--no-cache':
        options.cache = false
        break
      case '--debug':
        options.debug = true
        break
      case '--shard': {
        const m = /^(\d+)\/(\d+)$/.exec(value())
        const index = m ? Number(m[1]) : NaN
        const count = m ? Number(m[2]) : NaN
        if (!m || count < 1 || index < 1 || index > count) throw new UsageError('--shard takes i/n with 1 <= i <= n, e.g. --shard 1/2')
        options.shard = { index, count }
        break
      }
      case '--concurrency': {
        const n = Number(value())
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--concurrency takes a whole number >= 1')
        options.concurrency = n
        break
      }
      case '--pptx-image': {
        const v = value()
        if (v !== 'png' && v !== 'jpeg') throw new UsageError('--pptx-image takes png or jpeg')
        options.pptxImage = v
        break
      }
      case '--pptx-scale': {
        const n = Number(value())
        if (!(n >= 0.5 && n <= 4)) throw new UsageError('--pptx-scale takes a number from 0.5 to 4')
        options.pptxScale = n
        break
      }
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`)
        options.decks.push(arg)
    }
  }
  return options
}
