import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { SiteStaging } from './publish.js'
import { withExistingThumbnails, writeSitePages } from './site-index.js'
import { MANIFEST_PATH, mergeDecks, type SiteManifest } from './site-manifest.js'

export interface MergeOptions {
  /** Shard output folders (each the `--out` of one `build --shard i/n`). */
  inputs: string[]
  /** Absolute folder for the merged site; replaced atomically. */
  outDir: string
  /** Project root: the site pages take the logo from it. */
  root: string
}

export interface MergeResult {
  decks: number
  files: number
}

export class MergeError extends Error {}

/** Pages every build writes from the manifest: each shard's lists only its own decks, so they are made again. */
const SITE_PAGES = new Set([MANIFEST_PATH, 'index.html', '404.html', 'favicon.svg', '.nojekyll'])

/**
 * Combines shard outputs into one site: every file of every shard is copied
 * (a file two shards both have, such as a shared image, must be byte-identical,
 * otherwise the shards were built from different sources and merging refuses),
 * the deck manifests are merged and the index pages rendered again.
 */
export async function mergeSites(options: MergeOptions): Promise<MergeResult> {
  if (options.inputs.length === 0) throw new MergeError('nothing to merge: name the shard folders')
  const manifests: SiteManifest[] = []
  const sources = new Map<string, { input: string; file: string }>()
  for (const input of options.inputs) {
    manifests.push(await readManifest(input))
    for (const rel of await listFiles(input)) {
      if (SITE_PAGES.has(rel)) continue
      const file = path.join(input, ...rel.split('/'))
      const earlier = sources.get(rel)
      if (earlier === undefined) sources.set(rel, { input, file })
      else if (!(await readFile(earlier.file)).equals(await readFile(file)))
        throw new MergeError(`${rel} differs between ${earlier.input} and ${input}: were the shards built from the same commit?`)
    }
  }
  const [first] = manifests
  const other = manifests.find((m) => m.title !== first.title || m.description !== first.description)
  if (other) throw new MergeError(`the shards disagree on the course title or description ("${first.title}" vs "${other.title}")`)

  const staging = await SiteStaging.create(options.outDir, false)
  try {
    for (const [rel, { file }] of [...sources].sort(([a], [b]) => a.localeCompare(b))) await staging.placeFile(rel, file)
    const manifest = await withExistingThumbnails(staging, {
      title: first.title,
      description: first.description,
      decks: mergeDecks(...manifests.map((m) => m.decks)),
    })
    await staging.write(MANIFEST_PATH, JSON.stringify(manifest, null, 2) + '\n')
    await writeSitePages(staging, options.root, manifest)
    await staging.commit()
    return { decks: manifest.decks.length, files: sources.size }
  } finally {
    await staging.abandon()
  }
}

async function readManifest(dir: string): Promise<SiteManifest> {
  const file = path.join(dir, MANIFEST_PATH)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new MergeError(`${dir} is not a built site: it has no ${MANIFEST_PATH}`)
  }
  try {
    const manifest = JSON.parse(text) as SiteManifest
    if (!Array.isArray(manifest.decks)) throw new Error('no "decks" list')
    return manifest
  } catch (error) {
    throw new MergeError(`${file} is not a valid site manifest: ${(error as Error).message}`)
  }
}

/** Site-relative paths (with `/`) of every file under dir. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort()
}
