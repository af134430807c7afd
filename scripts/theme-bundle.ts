import { readFile } from 'node:fs/promises'
import path from 'node:path'
import postcss from 'postcss'
import valueParser from 'postcss-value-parser'
import { dataUri } from './data-uri.js'
import type { ThemeInfo } from './themes.js'

export interface BundledTheme {
  name: string
  css: string
  /** Absolute paths of the files inlined: a change to any of them changes the theme. */
  assets: string[]
  /** url()s that could not be inlined (missing file, outside the project). The checker reports them. */
  unresolved: string[]
}

const isLocal = (url: string) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url)

/**
 * Inlines every local `url()` of a theme as a data: URI, resolved against the
 * CSS file itself. Marp puts theme CSS inline in the HTML, so a relative URL
 * would otherwise resolve against the HTML page, which breaks under a
 * sub-path, from disk and in PDF. Inlined, the theme works in every output.
 */
export async function bundleTheme(theme: ThemeInfo, root: string): Promise<BundledTheme> {
  const assets: string[] = []
  const unresolved: string[] = []
  const cssDir = path.dirname(theme.file)
  const cache = new Map<string, string | null>()

  const inline = async (url: string): Promise<string | null> => {
    const clean = decodeURIComponent(url.replace(/[?#].*$/, ''))
    const file = path.resolve(cssDir, clean)
    if (path.relative(root, file).startsWith('..')) return null
    if (!cache.has(file)) {
      try {
        cache.set(file, dataUri(file, await readFile(file)))
        assets.push(file)
      } catch {
        cache.set(file, null)
      }
    }
    return cache.get(file) ?? null
  }

  const ast = postcss.parse(theme.css, { from: theme.file })
  const jobs: Promise<void>[] = []
  const rewrite = async (decl: { value: string }) => {
    const parsed = valueParser(decl.value)
    const urls: valueParser.FunctionNode[] = []
    parsed.walk((node) => {
      if (node.type === 'function' && node.value.toLowerCase() === 'url') urls.push(node)
    })
    for (const node of urls) {
      const arg = node.nodes[0]
      const url = arg ? arg.value : ''
      if (!url || !isLocal(url)) continue
      const replacement = await inline(url)
      if (replacement === null) {
        unresolved.push(url)
        continue
      }
      node.nodes = [{ type: 'string', value: replacement, quote: '"' } as valueParser.StringNode]
    }
    decl.value = parsed.toString()
  }
  ast.walkDecls((decl) => {
    if (decl.value.includes('url(')) jobs.push(rewrite(decl))
  })
  await Promise.all(jobs)
  return { name: theme.name, css: ast.toString(), assets: assets.sort(), unresolved }
}
