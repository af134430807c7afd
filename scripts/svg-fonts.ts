import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

/**
 * SVG figures used through <img> are isolated documents: they cannot see the
 * page's web fonts, so their labels would fall back to whatever fonts the
 * machine has. When an SVG names one of the theme's fonts, the published copy
 * gets that font embedded, so a figure looks the same on a laptop, in CI and
 * in the PDF. The SVG in images/ stays small and editable.
 */

const require = createRequire(import.meta.url)

interface FontFace {
  family: string
  weight: number
  style: 'normal' | 'italic'
  file: string
}

const FACES: FontFace[] = [
  ...[400, 600, 700].map((weight) => ({
    family: 'Source Sans 3',
    weight,
    style: 'normal' as const,
    file: `@fontsource/source-sans-3/files/source-sans-3-latin-${weight}-normal.woff2`,
  })),
  {
    family: 'Source Sans 3',
    weight: 400,
    style: 'italic',
    file: '@fontsource/source-sans-3/files/source-sans-3-latin-400-italic.woff2',
  },
  {
    family: 'JetBrains Mono',
    weight: 400,
    style: 'normal',
    file: '@fontsource/jetbrains-mono/files/jetbrains-mono-latin-400-normal.woff2',
  },
]

const fontCache = new Map<string, Promise<string>>()
function fontBase64(file: string): Promise<string> {
  let cached = fontCache.get(file)
  if (!cached) {
    cached = readFile(require.resolve(file)).then((b) => b.toString('base64'))
    fontCache.set(file, cached)
  }
  return cached
}

/** Which faces an SVG needs: the families it names, and the weights/styles it uses. */
function facesUsed(svg: string): FontFace[] {
  const bold = /font-weight\s*[:=]\s*["']?\s*(?:700|bold)/i.test(svg)
  const semibold = /font-weight\s*[:=]\s*["']?\s*(?:600|500)/i.test(svg)
  const italic = /font-style\s*[:=]\s*["']?\s*italic/i.test(svg)
  return FACES.filter((face) => {
    if (!svg.includes(face.family)) return false
    if (face.style === 'italic') return italic
    if (face.weight === 700) return bold
    if (face.weight === 600) return semibold
    return true
  })
}

export async function embedSvgFonts(svg: string): Promise<string> {
  if (svg.includes('data-dsi-fonts')) return svg
  const faces = facesUsed(svg)
  if (faces.length === 0) return svg
  const open = /<svg\b[^>]*>/i.exec(svg)
  if (!open) return svg
  const rules = await Promise.all(
    faces.map(
      async (f) =>
        `@font-face{font-family:'${f.family}';font-style:${f.style};font-weight:${f.weight};` +
        `src:url(data:font/woff2;base64,${await fontBase64(f.file)}) format('woff2')}`,
    ),
  )
  const style = `<style data-dsi-fonts="">${rules.join('')}</style>`
  const at = open.index + open[0].length
  return svg.slice(0, at) + style + svg.slice(at)
}
