import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import type { RenderedRule } from '../rendered-rule.js'
import { allowCompiledFunctions, slidePosition } from '../rendered-rule.js'

const require = createRequire(import.meta.url)
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js')

interface ContrastViolation {
  slide: number
  selector: string
  text: string
  ratio: number | null
  expected: number | null
  fg: string
  bg: string
}

/** Injects axe-core once per page (the build's print page is inspected once). */
async function ensureAxe(page: Page): Promise<void> {
  const present = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!present) await page.addScriptTag({ path: AXE_SCRIPT })
}

/** Runs in the page: axe's color-contrast rule over every slide, each violation tied to its slide. */
async function runContrast(): Promise<ContrastViolation[]> {
  type AxeNode = { element?: Element; target: unknown[]; any: { data?: Record<string, unknown> }[] }
  const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { nodes: AxeNode[] }[] }> } }).axe
  const slides = Array.from(document.querySelectorAll('svg[data-marpit-svg]'))
  const result = await axe.run(document, {
    runOnly: { type: 'rule', values: ['color-contrast'] },
    resultTypes: ['violations'],
    elementRef: true,
  })
  // axe's selectors escape Marp's numeric section ids (`#\\36 9 > p`): name the element within its slide instead.
  const describe = (el: Element): string => {
    const parts: string[] = []
    for (let e: Element | null = el; e && e.tagName.toLowerCase() !== 'section' && parts.length < 3; e = e.parentElement) {
      let part = e.tagName.toLowerCase()
      if (e.id && !/^\d/.test(e.id)) part += `#${e.id}`
      for (const c of Array.from(e.classList).slice(0, 2)) part += `.${c}`
      parts.unshift(part)
    }
    return parts.join(' > ') || 'section'
  }
  const out: ContrastViolation[] = []
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const svg = node.element?.closest('svg[data-marpit-svg]')
      const data = node.any[0]?.data ?? {}
      const text = (node.element?.textContent ?? '').replace(/\s+/g, ' ').trim()
      out.push({
        slide: svg ? slides.indexOf(svg) : -1,
        selector: node.element ? describe(node.element) : node.target.map(String).join(' '),
        text: text.length > 50 ? text.slice(0, 47) + '...' : text,
        ratio: typeof data.contrastRatio === 'number' ? data.contrastRatio : null,
        expected: typeof data.expectedContrastRatio === 'string' ? parseFloat(data.expectedContrastRatio) : null,
        fg: String(data.fgColor ?? '?'),
        bg: String(data.bgColor ?? '?'),
      })
    }
  }
  return out
}

export const contrast: RenderedRule = {
  id: 'contrast',
  severity: 'warning',
  description:
    "Text whose colour contrast with its background is below WCAG AA (4.5:1, or 3:1 for large text), measured by axe-core's color-contrast rule on the rendered slides with the theme applied. Needs a browser: runs in the build and in `npm run check -- --render`.",
  tags: ['rendered', 'accessibility'],
  async inspect(page, deck) {
    await ensureAxe(page)
    await allowCompiledFunctions(page)
    const found = await page.evaluate(runContrast)
    return found.map((v) => {
      const ratio = v.ratio === null ? '' : ` ${v.ratio}:1`
      const needed = v.expected === null ? '' : ` (needs ${v.expected}:1)`
      return {
        ...slidePosition(deck, Math.max(v.slide, 0)),
        message: `slide ${v.slide + 1}: low contrast${ratio}${needed}, ${v.fg} on ${v.bg}: ${v.selector}${v.text ? ` "${v.text}"` : ''}`,
      }
    })
  },
}
