/** Training compute of notable systems, 2012-2023, with the two growth rates as illustrations. */
import { framedChart, type Layer } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import type { FigureDefinition } from './figure.js'
import { labelledPoints, positionEncoders, shift, type Align, type PlotAxes } from './labelled-points.js'
import { powersOfTen, scientific } from './number-labels.js'
import { palette, plotHeight, plotWidth, type Frame } from './style.js'

interface ComputeRow {
  system: string
  year: number
  flop: number
  estimate: boolean
}

interface Trend {
  label: string
  oomPerYear: number
  /** The system the line passes through: it shows a slope, not a fit. */
  anchor: string
  from: number
  to: number
}

interface ComputeData extends Dataset<ComputeRow> {
  trends: Trend[]
}

const FRAME: Frame = { width: 1100, height: 500, padding: { left: 96, top: 100, right: 28, bottom: 62 } }

/**
 * Label offsets in pixels, tuned by eye. The trend lines run through the
 * 2020-2022 systems, so their labels sit in a column above-left, with leaders.
 */
const PLACEMENT: Record<string, { dx: number; dy: number; align: Align; leader?: boolean }> = {
  AlexNet: { dx: 12, dy: 10, align: 'left' },
  Transformer: { dx: 12, dy: 10, align: 'left' },
  'GPT-3': { dx: -34, dy: -13, align: 'right', leader: true },
  Gopher: { dx: -101, dy: -26, align: 'right', leader: true },
  PaLM: { dx: -168, dy: -28, align: 'right', leader: true },
  Chinchilla: { dx: 12, dy: 10, align: 'left' },
  'GPT-4': { dx: -12, dy: 0, align: 'right' },
}

/** Where each trend's label sits: the year on the line, and pixels above it (< 0: below). */
const TREND_LABEL = [
  { year: 2014.6, above: 14 },
  { year: 2017.9, above: -14 },
]

const TREND_COLORS = [palette.teal, palette.accent]

export const TITLE = 'Compute used to train notable AI systems'

export function trainingCompute(): FigureDefinition {
  const dataset = readDataset<ComputeData>('training-compute.json')
  const axes: PlotAxes = {
    x: { type: 'linear', domain: [2010, 2024.5], length: plotWidth(FRAME) },
    y: { type: 'log', domain: [1e17, 1e26], length: plotHeight(FRAME) },
    xAxis: { title: null, values: [2010, 2012, 2014, 2016, 2018, 2020, 2022, 2024], format: 'd', grid: false },
    yAxis: {
      title: 'Training compute (FLOP, log scale)',
      values: powersOfTen(17, 26),
      labelExpr: "'1e' + round(log(datum.value) / LN10)",
    },
  }
  const points = dataset.data.map((row) => {
    const placement = PLACEMENT[row.system]
    if (!placement) throw new Error(`training-compute: no label placement for "${row.system}"`)
    const label = row.estimate ? `${row.system} (estimate)` : row.system
    return { x: row.year, y: row.flop, label, ...placement }
  })
  const trendLines = dataset.trends.map((trend, index) => {
    const anchor = dataset.data.find((row) => row.system === trend.anchor)
    if (!anchor) throw new Error(`training-compute: trend anchor "${trend.anchor}" not in data`)
    const at = (year: number) => anchor.flop * 10 ** (trend.oomPerYear * (year - anchor.year))
    const place = TREND_LABEL[index]
    // The label runs along the line: its angle is the line's slope in pixels.
    const pixelsPerYear = axes.x.length / (axes.x.domain[1] - axes.x.domain[0])
    const pixelsPerDecade = axes.y.length / Math.log10(axes.y.domain[1] / axes.y.domain[0])
    const radians = Math.atan2(trend.oomPerYear * pixelsPerDecade, pixelsPerYear)
    const angle = (radians * 180) / Math.PI
    const [lx, ly] = shift(
      axes.x,
      axes.y,
      [place.year, at(place.year)],
      Math.sin(radians) * place.above,
      -Math.cos(radians) * place.above,
    )
    return {
      id: trend.label,
      color: TREND_COLORS[index % TREND_COLORS.length],
      x: trend.from,
      y: at(trend.from),
      x2: trend.to,
      y2: at(trend.to),
      lx,
      ly,
      angle: -Math.round(angle * 10) / 10,
      text: `${trend.label}: ${trend.oomPerYear} OOM/year`,
    }
  })
  const at = positionEncoders(axes)
  const trendLayers: Layer[] = [
    {
      data: { values: trendLines },
      mark: { type: 'rule', strokeWidth: 2.5, strokeDash: [8, 6] },
      encoding: { x: at.x('x'), y: at.y('y'), x2: { field: 'x2' }, y2: { field: 'y2' }, color: { field: 'color', type: 'nominal', scale: null } },
    },
    {
      data: { values: trendLines },
      mark: { type: 'text', align: 'center', baseline: 'middle' },
      encoding: {
        x: at.x('lx'),
        y: at.y('ly'),
        angle: { field: 'angle', type: 'quantitative', scale: null },
        text: { field: 'text' },
        color: { field: 'color', type: 'nominal', scale: null },
      },
    },
  ]
  const spec = framedChart({
    format: 'wide',
    frame: FRAME,
    title: TITLE,
    subtitle: `Dashed: growth rates drawn through one system each (${dataset.trends.map((trend) => trend.anchor).join(', ')}), illustrations, not fits`,
    description: `Scatter plot of training compute on a log scale: ${dataset.data.map((row) => `${row.system} (${row.year}) ${row.estimate ? 'estimated ' : ''}${scientific(row.flop)} FLOP`).join(', ')}; with illustrative growth lines of ${dataset.trends.map((trend) => `${trend.oomPerYear} orders of magnitude per year (${trend.label})`).join(' and ')}.`,
    source: dataset.citation,
    layers: [...trendLayers, ...labelledPoints(points, axes, 'wide')],
  })
  return { name: '02_compute_train', title: TITLE, spec }
}
