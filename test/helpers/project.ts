import { cp, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BuildOptions } from '../../scripts/build.js'

export const REPO = path.resolve(import.meta.dirname, '../..')

/**
 * A throwaway project: a fixture's slides/ and images/ plus the real theme,
 * marp.config.mjs and course config, so tests never build the real slides/.
 */
export async function tempProject(fixture: string): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'dsi-test-'))
  await cp(path.join(REPO, 'test/fixtures', fixture), root, { recursive: true })
  await cp(path.join(REPO, 'themes'), path.join(root, 'themes'), { recursive: true })
  await cp(path.join(REPO, 'marp.config.mjs'), path.join(root, 'marp.config.mjs'))
  // Theme CSS points at ../node_modules for fonts: link the project's.
  const { symlink } = await import('node:fs/promises')
  await symlink(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir')
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) }
}

/**
 * build() options for a test project: HTML only, the cache on, one deck at a
 * time, PPTX as JPEG at 1x (the quickest); a test overrides what it is about.
 */
export function testBuildOptions(root: string, overrides: Partial<BuildOptions> = {}): BuildOptions {
  return {
    root,
    outDir: path.join(root, 'site'),
    formats: ['html'],
    decks: [],
    force: false,
    cache: true,
    concurrency: 1,
    pptxImage: 'jpeg',
    pptxScale: 1,
    ...overrides,
  }
}
