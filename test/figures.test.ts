import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { figureDefinitions, IMAGES_DIR, renderFigures } from '../scripts/figures.js'
import { loss, optimalParameters } from '../scripts/figures/isoflop.js'
import { measureVegaText, sourceSansWidth } from '../scripts/figures/text-metrics.js'

/** The file names the lecture refers to, and the slide area each fills. */
const EXPECTED: Record<string, { width: number; height: number }> = {
  '02_languages_common_crawl': { width: 512, height: 720 }, // bg right:40%
  '02_gpt4_performance_languages': { width: 640, height: 720 }, // bg right:50%
  '02_distribution_domains': { width: 640, height: 720 }, // bg right:50%
  '02_instructgpt_prompts': { width: 1100, height: 500 },
  '01_artificial-intelligence-parameter-count': { width: 1100, height: 500 },
  '02_compute_train': { width: 1100, height: 500 },
  '02_training_tokens': { width: 1100, height: 500 },
  '02_isoflop': { width: 1100, height: 500 },
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

let rendered: Map<string, string>

beforeAll(async () => {
  rendered = await renderFigures()
})

describe('generated charts', () => {
  it('renders exactly the charts the lecture uses', () => {
    expect([...rendered.keys()].sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const [name, size] of Object.entries(EXPECTED)) {
    describe(name, () => {
      it('matches the committed SVG byte for byte (run `npm run figures` after changing a chart)', () => {
        const committed = readFileSync(new URL(`${name}.svg`, IMAGES_DIR), 'utf8')
        const fresh = rendered.get(name)
        // A boolean keeps the failure message short: the name says which file.
        expect(fresh === committed, `images/${name}.svg differs from a fresh render`).toBe(true)
      })

      it('has real text, its title, and the size of the slide area it fills', () => {
        const svg = rendered.get(name) ?? ''
        const definition = figureDefinitions().find((figure) => figure.name === name)
        expect(definition).toBeDefined()
        expect(svg.match(/<text\b/g)?.length ?? 0).toBeGreaterThan(5)
        expect(svg).toContain(`>${escapeXml(definition!.title)}</text>`)
        expect(svg).toContain('>Source: ')
        expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${size.width}" height="${size.height}"`))
      })

      it('names the theme font without embedding it', () => {
        const svg = rendered.get(name) ?? ''
        expect(svg).toContain(`font-family="'Source Sans 3', 'Source Sans Pro', Arial, sans-serif"`)
        expect(svg).not.toMatch(/@font-face|data:font|\.woff/)
      })
    })
  }

  it('renders the same bytes twice in one process (clip and gradient ids restart)', async () => {
    const again = await renderFigures()
    for (const [name, svg] of rendered) expect(again.get(name) === svg, name).toBe(true)
  })
})

describe('text metrics', () => {
  it('measures Source Sans 3, narrower than vega’s 0.8 em guess, bold wider than regular', () => {
    const regular = sourceSansWidth('Business & Industrial', 16)
    expect(regular).toBeCloseTo(139, 0)
    expect(sourceSansWidth('Business & Industrial', 16, true)).toBeGreaterThan(regular)
    expect(measureVegaText({ fontSize: 16 }, ' Business & Industrial ')).toBe(regular)
    expect(measureVegaText({ fontSize: 16, fontWeight: 600 }, 'Business & Industrial')).toBeGreaterThan(regular)
  })
})

describe('IsoFLOP minimum', () => {
  const fit = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }
  it('is the lowest loss on its curve', () => {
    for (const flop of [6e18, 1e21]) {
      const best = optimalParameters(fit, flop, 6)
      const at = (n: number) => loss(fit, n, flop / (6 * n))
      expect(at(best)).toBeLessThan(at(best * 1.05))
      expect(at(best)).toBeLessThan(at(best / 1.05))
    }
  })
})
