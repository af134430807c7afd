import path from 'node:path'
import { MergeError, mergeSites } from '../merge-sites.js'
import { ToolError, type Command } from './command.js'

const MERGE_USAGE = 'usage: npm run merge -- <shard-folder>... [--out DIR]   (DIR defaults to site)'

/**
 * `npm run merge -- site-1 site-2 --out site`: combines the outputs of
 * `build --shard i/n` runs into one site, as a CI matrix's last job does.
 */
export const mergeCommand: Command = async (args, io) => {
  const inputs: string[] = []
  let out = 'site'
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '--out' || arg === '-o') {
      const value = args[++i]
      if (!value) throw new ToolError('--out needs a value', MERGE_USAGE)
      out = value
    } else if (arg.startsWith('--out=')) out = arg.slice('--out='.length)
    else if (arg === '--debug') continue
    else if (arg.startsWith('-')) throw new ToolError(`unknown option ${arg}`, MERGE_USAGE)
    else inputs.push(arg)
  }
  if (inputs.length === 0) throw new ToolError('name the shard folders to merge', MERGE_USAGE)
  const outDir = path.resolve(io.cwd, out)
  const resolved = inputs.map((i) => path.resolve(io.cwd, i))
  if (resolved.includes(outDir)) throw new ToolError(`--out ${out} is also an input: merge into a new folder`)
  try {
    const result = await mergeSites({ inputs: resolved, outDir, root: io.cwd })
    io.out(`Merged ${inputs.length} shard${inputs.length === 1 ? '' : 's'}: ${result.decks} decks, ${result.files} files into ${out}/`)
    return 0
  } catch (error) {
    if (error instanceof MergeError) throw new ToolError(error.message)
    throw error
  }
}
