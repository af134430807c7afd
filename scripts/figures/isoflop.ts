/**
 * IsoFLOP curves computed from Chinchilla's fitted loss: for a fixed compute
 * budget C = 6ND, loss against model size N has a minimum, and the
 * loss-minimising N grows with C. No measured points are drawn.
 */
import { framedChart, type Layer } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import type { FigureDefinition } from './figure.js'
import { positionEncoders, shift, type PlotAxes } from './labelled-points.js'
import { scientific, SCIENTIFIC, SHORT_COUNT } from './number-labels.js'
import { palette, plotHeight, plotWidth, TYPE_SIZES, type Frame } from './style.js'

export interface LossFit {
  E: number
  A: number
  B: number
  alpha: number
  beta: number
}

interface IsoflopData extends Dataset<{ flop: number }> {
  fit: LossFit
  flopsPerParameterToken: number
  modelSizeRange: [number, number]
}

const FRAME: Frame = { width: 1100, height: 500, padding: { left: 90, top: 100, right: 190, bottom: 84 } }

/** Points per curve, evenly spaced in log N: smooth at this size. */
const SAMPLES = 97

/** L(N, D) = E + A / N^alpha + B / D^beta. */
export function loss(fit: LossFit, parameters: number, tokens: number): number {
  return fit.E + fit.A / parameters ** fit.alpha + fit.B / tokens ** fit.beta
}

/** The N minimising L(N, C / (k N)) for a budget C (Hoffmann et al., eq. 4). */
export function optimalParameters(fit: LossFit, flop: number, flopsPerParameterToken: number): number {
  const g = ((fit.alpha * fit.A) / (fit.beta * fit.B)) ** (1 / (fit.alpha + fit.beta))
  return g * (flop / flopsPerParameterToken) ** (fit.beta / (fit.alpha + fit.beta))
}

/** Rounds to 6 significant digits: enough for drawing, stable across engines. */
function round6(value: number): number {
  return Number(value.toPrecision(6))
}

function hexToRgb(hex: string): number[] {
  return [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16))
}

/** `count` colours evenly along the palette stops, light to dark: more compute, darker line. */
function sequentialColors(stops: string[], count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const position = (index / (count - 1)) * (stops.length - 1)
    const segment = Math.min(Math.floor(position), stops.length - 2)
    const t = position - segment
    const [a, b] = [hexToRgb(stops[segment]), hexToRgb(stops[segment + 1])]
    return `#${a.map((channel, i) => Math.round(channel + (b[i] - channel) * t).toString(16).padStart(2, '0')).join('').toUpperCase()}`
  })
}

export const TITLE = 'IsoFLOP curves: loss vs model size at fixed compute'

export function isoflop(): FigureDefinition {
  const dataset = readDataset<IsoflopData>('isoflop-chinchilla-fit.json')
  const { fit, flopsPerParameterToken: k } = dataset
  const budgets = dataset.data.map((row) => row.flop)
  const [nMin, nMax] = dataset.modelSizeRange
  const axes: PlotAxes = {
    x: { type: 'log', domain: [nMin, nMax], length: plotWidth(FRAME) },
    y: { type: 'linear', domain: [2.0, 3.5], length: plotHeight(FRAME) },
    xAxis: {
      title: 'Model size N (parameters, log scale)',
      values: [3e7, 1e8, 3e8, 1e9, 3e9, 1e10, 3e10],
      labelExpr: SHORT_COUNT,
    },
    yAxis: { title: 'Loss (fitted)', values: [2.0, 2.2, 2.4, 2.6, 2.8, 3.0, 3.2, 3.4], format: '.1f' },
  }
  const curves = budgets.flatMap((flop) =>
    Array.from({ length: SAMPLES }, (_, index) => {
      const parameters = nMin * (nMax / nMin) ** (index / (SAMPLES - 1))
      return { flop, parameters: round6(parameters), loss: round6(loss(fit, parameters, flop / (k * parameters))) }
    }),
  )
  const minima = budgets.map((flop) => {
    const parameters = optimalParameters(fit, flop, k)
    return { flop, parameters: round6(parameters), loss: round6(loss(fit, parameters, flop / (k * parameters))) }
  })
  const lowest = minima[minima.length - 1]
  const [lx, ly] = shift(axes.x, axes.y, [lowest.parameters, lowest.loss], -12, 26)
  const color = {
    field: 'flop',
    type: 'ordinal',
    scale: { domain: budgets, range: sequentialColors([palette.gold, palette.accent, palette.series[4], palette.primary, palette.ink], budgets.length) },
    legend: { title: 'Compute C (FLOP)', labelExpr: SCIENTIFIC, symbolStrokeWidth: 3, symbolSize: 300, rowPadding: 4 },
  }
  const at = positionEncoders(axes)
  const layers: Layer[] = [
    {
      data: { values: curves },
      mark: { type: 'line', strokeWidth: 2.5, clip: true, interpolate: 'monotone' },
      encoding: { x: at.x('parameters'), y: at.y('loss'), color, detail: { field: 'flop' } },
    },
    {
      data: { values: minima },
      mark: { type: 'line', color: palette.muted, strokeDash: [4, 4], strokeWidth: 1.5 },
      encoding: { x: at.x('parameters'), y: at.y('loss') },
    },
    {
      data: { values: minima },
      mark: { type: 'point', filled: true, size: 120, opacity: 1, stroke: palette.background, strokeWidth: 1.5 },
      encoding: { x: at.x('parameters'), y: at.y('loss'), color },
    },
    {
      data: { values: [{ lx, ly }] },
      mark: {
        type: 'text',
        align: 'right',
        baseline: 'middle',
        text: 'Dots: the minimum of each curve, the compute-optimal model size',
        fontSize: TYPE_SIZES.wide.markLabel,
        color: palette.ink,
      },
      encoding: { x: at.x('lx'), y: at.y('ly') },
    },
  ]
  const f = fit
  const spec = framedChart({
    format: 'wide',
    frame: FRAME,
    title: TITLE,
    subtitle: `L(N, D) = ${f.E} + ${f.A} / N^${f.alpha} + ${f.B} / D^${f.beta}, with D = C / (${k}N) training tokens`,
    description: `Line chart of the fitted Chinchilla loss against model size for ${budgets.length} compute budgets from ${scientific(budgets[0])} to ${scientific(budgets[budgets.length - 1])} FLOP. Each curve has a minimum, and the minimum moves to larger models as compute grows, from about ${Math.round(minima[0].parameters / 1e6)}M to ${(lowest.parameters / 1e9).toFixed(1)}B parameters.`,
    source: `${dataset.citation}; curves computed here, not measured`,
    layers,
    extra: { resolve: { scale: { color: 'shared' } } },
  })
  return { name: '02_isoflop', title: TITLE, spec }
}
