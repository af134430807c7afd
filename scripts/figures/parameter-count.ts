/** Parameters of notable AI systems, 1957-2024, on a log scale. */
import { framedChart } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import type { FigureDefinition } from './figure.js'
import { labelledPoints, type Align, type PlotAxes } from './labelled-points.js'
import { powersOfTen, SHORT_COUNT } from './number-labels.js'
import { plotHeight, plotWidth, type Frame } from './style.js'

interface SystemRow {
  system: string
  year: number
  parameters: number
}

const FRAME: Frame = { width: 1100, height: 500, padding: { left: 84, top: 100, right: 28, bottom: 62 } }

/**
 * Label offsets in pixels, tuned by eye: the 2017-2024 systems sit within a
 * few millimetres of each other, so the crowded ones get leader lines.
 */
const PLACEMENT: Record<string, { dx: number; dy: number; align: Align; leader?: boolean }> = {
  'Perceptron Mark I': { dx: 12, dy: 0, align: 'left' },
  'LeNet-5': { dx: 12, dy: 0, align: 'left' },
  AlexNet: { dx: -12, dy: 0, align: 'right' },
  'Transformer (base)': { dx: 12, dy: 8, align: 'left' },
  'Transformer (big)': { dx: -12, dy: -6, align: 'right' },
  'BERT-Large': { dx: 22, dy: 2, align: 'left', leader: true },
  'GPT-2': { dx: 12, dy: -4, align: 'left' },
  'GPT-3': { dx: -56, dy: 4, align: 'right', leader: true },
  Gopher: { dx: -68, dy: -12, align: 'right', leader: true },
  PaLM: { dx: -80, dy: -22, align: 'right', leader: true },
  'Llama 3.1 405B': { dx: 0, dy: -24, align: 'center' },
  Chinchilla: { dx: -80, dy: 14, align: 'right', leader: true },
  LLaMA: { dx: 8, dy: 16, align: 'left' },
}

export const TITLE = 'Parameters of notable AI systems'

export function parameterCount(): FigureDefinition {
  const dataset = readDataset<Dataset<SystemRow>>('parameter-count.json')
  const axes: PlotAxes = {
    x: { type: 'linear', domain: [1950, 2030], length: plotWidth(FRAME) },
    y: { type: 'log', domain: [1e2, 1e13], length: plotHeight(FRAME) },
    xAxis: { title: null, values: [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020], format: 'd', grid: false },
    yAxis: { title: 'Parameters (log scale)', values: powersOfTen(2, 13), labelExpr: SHORT_COUNT },
  }
  const points = dataset.data.map((row) => {
    const placement = PLACEMENT[row.system]
    if (!placement) throw new Error(`parameter-count: no label placement for "${row.system}"`)
    return { x: row.year, y: row.parameters, label: row.system, ...placement }
  })
  const spec = framedChart({
    format: 'wide',
    frame: FRAME,
    title: TITLE,
    subtitle: 'Number of trainable parameters by year of publication, log scale',
    description: `Scatter plot of parameter counts on a log scale, from the Perceptron Mark I (1957, about 1,000) to Llama 3.1 405B (2024, 405 billion): ${dataset.data.map((row) => `${row.system} (${row.year})`).join(', ')}.`,
    source: dataset.citation,
    layers: labelledPoints(points, axes, 'wide'),
  })
  return { name: '01_artificial-intelligence-parameter-count', title: TITLE, spec }
}
