/** What InstructGPT's training prompts ask for: mostly open-ended generation. */
import { framedChart } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import type { FigureDefinition } from './figure.js'
import { rankedBars } from './ranked-bars.js'
import type { Frame } from './style.js'

interface UseCaseRow {
  useCase: string
  percent: number
}

/** A centred figure, about 1100x500 at h:450-500px on the slide. */
const FRAME: Frame = { width: 1100, height: 500, padding: { left: 170, top: 100, right: 40, bottom: 44 } }

export const TITLE = 'Use cases of the prompts used to train InstructGPT'

export function instructGptPrompts(): FigureDefinition {
  const dataset = readDataset<Dataset<UseCaseRow>>('instructgpt-prompts.json')
  const bars = dataset.data.map((row) => ({ label: row.useCase, value: row.percent }))
  const spec = framedChart({
    format: 'wide',
    frame: FRAME,
    title: TITLE,
    subtitle: 'Share of the prompts collected from the OpenAI API (%)',
    description: `Horizontal bar chart of the use-case categories of InstructGPT's API prompts: ${bars.map((bar) => `${bar.label} ${bar.value}%`).join(', ')}.`,
    source: dataset.citation,
    layers: [rankedBars(bars, { max: 50, format: '.1f', suffix: '%', muted: ['Other'] })],
  })
  return { name: '02_instructgpt_prompts', title: TITLE, spec }
}
