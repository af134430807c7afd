#!/usr/bin/env node
/**
 * How `npm run build|check|dev|merge` start the CLI (scripts/cli.ts) without
 * tsx. tsx's loader cost about 0.4 s before the first line ran and more for
 * every module, which was most of a no-op build. So the TypeScript is bundled
 * once with esbuild (the compiler tsx itself runs on) into
 * node_modules/.cache/dsi-cli/, and bundled again when any file it was made
 * from changes size or mtime. Dependencies stay outside the bundle, and
 * import.meta.url/dirname/filename keep naming the source files, so the code
 * finds its files as it does under tsx. Plain JavaScript, since it is what
 * runs before any TypeScript can. If bundling fails, the CLI runs through tsx
 * as before and a note says why.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const REPO = path.dirname(import.meta.dirname)
const SEP = path.sep
/** Where bundles live; DSI_CLI_CACHE moves them (the benchmark keeps its own, so a cold run includes bundling). */
const DEFAULT_CACHE = process.env.DSI_CLI_CACHE || path.join(REPO, 'node_modules', '.cache', 'dsi-cli')

/** Size and mtime of each file: what must stay the same for a bundle to be reused. */
function stampsOf(files, root) {
  const stamps = {}
  for (const file of files) {
    try {
      const info = statSync(path.resolve(root, file))
      stamps[file] = `${info.size}:${info.mtimeMs}`
    } catch {
      stamps[file] = 'missing'
    }
  }
  return stamps
}

const sameStamps = (a, b) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

/** Points import.meta at the source file, as if the module were still loaded from it. */
const sourcePaths = {
  name: 'source-paths',
  setup(build) {
    build.onLoad({ filter: /\.(m?ts|m?js)$/ }, async (args) => {
      if (args.path.includes(`${SEP}node_modules${SEP}`)) return undefined
      const text = (await readFile(args.path, 'utf8'))
        .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      return { contents: text, loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js' }
    })
  },
}

/**
 * The bundle of `entry` (with lazily loaded chunks beside it), made or reused.
 * `root` is what input paths are relative to; `cacheDir` holds the bundles.
 */
export async function ensureBundle({ entry, root = REPO, cacheDir = DEFAULT_CACHE }) {
  const latestFile = path.join(cacheDir, 'latest.json')
  const entryName = path.basename(entry).replace(/\.m?ts$/, '.js')
  try {
    const latest = JSON.parse(readFileSync(latestFile, 'utf8'))
    if (latest.entry === entry && sameStamps(latest.inputs, stampsOf(Object.keys(latest.inputs), root))) {
      return { file: path.join(cacheDir, latest.dir, entryName), built: false }
    }
  } catch {
    // no bundle yet, or an unreadable record of it: make one
  }
  const esbuild = await import('esbuild')
  mkdirSync(cacheDir, { recursive: true })
  const tmp = path.join(cacheDir, `tmp-${process.pid}-${Date.now()}`)
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'silent',
      chunkNames: 'chunks/[name]-[hash]',
      plugins: [sourcePaths],
    })
    const inputs = stampsOf([...Object.keys(result.metafile.inputs), path.relative(root, import.meta.filename)], root)
    const dir = `b-${createHash('sha256').update(JSON.stringify(inputs)).digest('hex').slice(0, 16)}`
    try {
      renameSync(tmp, path.join(cacheDir, dir))
    } catch {
      // Another start made the same bundle at the same time: use theirs.
    }
    const record = path.join(cacheDir, `latest-${process.pid}.json`)
    writeFileSync(record, JSON.stringify({ entry, dir, inputs }))
    renameSync(record, latestFile)
    removeOldBundles(cacheDir, dir)
    return { file: path.join(cacheDir, dir, entryName), built: true }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
    // esbuild keeps a service process for more builds; this process makes no more.
    await esbuild.stop()
  }
}

/** Bundles other than the newest three and over an hour old: a running `dev` may still load chunks from a recent one. */
function removeOldBundles(cacheDir, keep) {
  const hour = Date.now() - 3600_000
  const old = readdirSync(cacheDir)
    .filter((d) => d.startsWith('b-') && d !== keep)
    .map((d) => ({ d, t: statSync(path.join(cacheDir, d)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(2)
    .filter((b) => b.t < hour)
  for (const { d } of old) rmSync(path.join(cacheDir, d), { recursive: true, force: true })
}

async function main() {
  const entry = 'scripts/cli.ts'
  let file
  try {
    file = (await ensureBundle({ entry })).file
  } catch (error) {
    process.stderr.write(`note: running the TypeScript through tsx (bundling failed: ${error?.message ?? error})\n`)
    const { register } = await import('tsx/esm/api')
    register()
    file = path.join(REPO, entry)
  }
  // Stack traces (--debug) then name the TypeScript lines.
  process.setSourceMapsEnabled(true)
  await import(pathToFileURL(file).href)
}

if (process.argv[1] && realpathSync(process.argv[1]) === import.meta.filename) await main()
