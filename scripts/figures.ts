/**
 * Generates the lecture's data charts as deterministic SVG:
 * images/data/*.json -> Vega-Lite -> images/<name>.svg.
 * Run with `npm run figures`; test/figures.test.ts checks the committed SVGs
 * are exactly what this produces.
 */
import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { commonCrawlLanguages } from './figures/common-crawl-languages.js'
import { c4Domains } from './figures/c4-domains.js'
import { instructGptPrompts } from './figures/instructgpt-prompts.js'
import { parameterCount } from './figures/parameter-count.js'
import { trainingCompute } from './figures/training-compute.js'
import { trainingTokens } from './figures/training-tokens.js'
import { isoflop } from './figures/isoflop.js'
import { gpt4MmluLanguages } from './figures/gpt4-mmlu-languages.js'
import type { FigureDefinition } from './figures/figure.js'
import { renderSvg } from './figures/render.js'

export const IMAGES_DIR = new URL('../images/', import.meta.url)

/** Every chart, in the order the lecture shows them. */
export function figureDefinitions(): FigureDefinition[] {
  return [commonCrawlLanguages(), gpt4MmluLanguages(), c4Domains(), instructGptPrompts(), parameterCount(), trainingCompute(), trainingTokens(), isoflop()]
}

/** Renders every chart in memory: file name without extension -> SVG text. */
export async function renderFigures(): Promise<Map<string, string>> {
  const svgs = new Map<string, string>()
  // One after another: the renderer swaps vega's global text metrics.
  for (const figure of figureDefinitions()) {
    svgs.set(figure.name, `${await renderSvg(figure.name, figure.spec)}\n`)
  }
  return svgs
}

async function main(): Promise<void> {
  for (const [name, svg] of await renderFigures()) {
    writeFileSync(new URL(`${name}.svg`, IMAGES_DIR), svg)
    console.log(`images/${name}.svg (${svg.length} bytes)`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}
