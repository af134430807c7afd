/** Website categories in C4: why general models know some business, tech and news. */
import { framedChart } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import type { FigureDefinition } from './figure.js'
import { rankedBars } from './ranked-bars.js'
import type { Frame } from './style.js'

interface CategoryRow {
  category: string
  percent: number
}

/** `bg fit right:50%` of a 1280x720 slide: 640x720. */
const FRAME: Frame = { width: 640, height: 720, padding: { left: 178, top: 94, right: 24, bottom: 40 } }

export const TITLE = 'Website categories in the C4 data set'

export function c4Domains(): FigureDefinition {
  const dataset = readDataset<Dataset<CategoryRow>>('c4-domains.json')
  const bars = dataset.data.map((row) => ({ label: row.category, value: row.percent }))
  const spec = framedChart({
    format: 'half',
    frame: FRAME,
    title: TITLE,
    subtitle: 'Share of C4 (%), categorised websites only',
    description: `Horizontal bar chart of the share of each website category in C4: ${bars.map((bar) => `${bar.label} ${bar.value}%`).join(', ')}.`,
    source: dataset.citation,
    layers: [rankedBars(bars, { max: 18, format: 'd', suffix: '%' })],
  })
  return { name: '02_distribution_domains', title: TITLE, spec }
}
