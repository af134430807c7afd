import type { RenderedRule } from '../rendered-rule.js'
import { allowCompiledFunctions, slidePosition } from '../rendered-rule.js'

interface SlideOverflow {
  slide: number
  /** Slide pixels of content past each edge. */
  top: number
  bottom: number
  left: number
  right: number
  /** The element reaching furthest out: `tag "text..."`. */
  what: string
}

/** Less than this is sub-pixel rounding, not content. */
const TOLERANCE_PX = 1

/**
 * Runs in the page. Measures every element box and every text line box
 * (a long word overflows its paragraph's box, not its own) against the
 * slide's box. Marp sections clip (`overflow: hidden`), so what is outside
 * is what the audience loses. Background-image layers are skipped.
 */
function measureOverflow(tolerance: number): SlideOverflow[] {
  const found: SlideOverflow[] = []
  const slides = Array.from(document.querySelectorAll('svg[data-marpit-svg]'))
  slides.forEach((svg, slide) => {
    const box = svg.getBoundingClientRect()
    const viewBox = (svg as SVGSVGElement).viewBox?.baseVal
    const scale = viewBox && viewBox.width > 0 && box.width > 0 ? viewBox.width / box.width : 1
    const worst = { top: 0, bottom: 0, left: 0, right: 0, amount: 0, what: '' }
    const consider = (r: DOMRect, what: () => string) => {
      if (r.width === 0 && r.height === 0) return
      const top = box.top - r.top
      const bottom = r.bottom - box.bottom
      const left = box.left - r.left
      const right = r.right - box.right
      worst.top = Math.max(worst.top, top)
      worst.bottom = Math.max(worst.bottom, bottom)
      worst.left = Math.max(worst.left, left)
      worst.right = Math.max(worst.right, right)
      const amount = Math.max(top, bottom, left, right)
      if (amount > worst.amount) {
        worst.amount = amount
        worst.what = what()
      }
    }
    const describe = (el: Element) => {
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim()
      const src = el.getAttribute('src')
      const label = text ? `"${text.length > 50 ? text.slice(0, 47) + '...' : text}"` : src ? src.split('/').pop() : ''
      return `<${el.tagName.toLowerCase()}>${label ? ' ' + label : ''}`
    }
    const sections = Array.from(svg.querySelectorAll('foreignObject > section')).filter(
      (s) => !['background', 'pseudo'].includes(s.getAttribute('data-marpit-advanced-background') ?? ''),
    )
    for (const section of sections) {
      for (const el of Array.from(section.querySelectorAll('*'))) {
        const style = getComputedStyle(el)
        if (style.display === 'none' || style.visibility === 'hidden' || style.position === 'fixed') continue
        if (el.closest('[data-marpit-advanced-background="background"]')) continue
        consider(el.getBoundingClientRect(), () => describe(el))
      }
      const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT)
      const range = document.createRange()
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue
        range.selectNodeContents(node)
        for (const r of Array.from(range.getClientRects())) consider(r, () => describe(node!.parentElement ?? section))
      }
    }
    const edges = { top: worst.top * scale, bottom: worst.bottom * scale, left: worst.left * scale, right: worst.right * scale }
    if (Math.max(edges.top, edges.bottom, edges.left, edges.right) > tolerance) found.push({ slide, ...edges, what: worst.what })
  })
  return found
}

function describeEdges(o: SlideOverflow): string {
  const parts: string[] = []
  for (const edge of ['bottom', 'top', 'right', 'left'] as const) {
    if (o[edge] > TOLERANCE_PX) parts.push(`${Math.ceil(o[edge])}px at the ${edge}`)
  }
  return parts.join(', ')
}

export const slideOverflow: RenderedRule = {
  id: 'slide-overflow',
  severity: 'warning',
  description:
    'Content that runs off the slide once rendered (text, lists, tables, code blocks, images), vertically or horizontally: Marp clips it, and has no whole-slide auto-fit. Split the slide, shorten it or make the figure smaller. Needs a browser: runs in the build and in `npm run check -- --render`.',
  tags: ['rendered', 'layout'],
  async inspect(page, deck) {
    await allowCompiledFunctions(page)
    const found = await page.evaluate(measureOverflow, TOLERANCE_PX)
    return found.map((o) => ({
      ...slidePosition(deck, o.slide),
      message: `slide ${o.slide + 1} overflows by ${describeEdges(o)} (${deck.width}x${deck.height}); furthest out: ${o.what}`,
    }))
  },
}
