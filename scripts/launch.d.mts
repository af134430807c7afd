/** Types for scripts/launch.mjs (plain JavaScript: it runs before any TypeScript can). */
export interface EnsureBundleOptions {
  /** The entry module, relative to root. */
  entry: string
  /** What input paths are relative to (default: the repository). */
  root?: string
  /** Where bundles are kept (default: node_modules/.cache/dsi-cli). */
  cacheDir?: string
}
export function ensureBundle(options: EnsureBundleOptions): Promise<{ file: string; built: boolean }>
