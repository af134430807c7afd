/**
 * Scatter points with hand-placed labels. Vega-Lite has no label collision
 * avoidance, so each chart places its labels by pixel offsets, converted here
 * to data coordinates through the chart's fixed scales. Labels pushed far
 * from their point get a thin leader line.
 */
import type { Layer } from './chart.js'
import { palette, type Format, TYPE_SIZES } from './style.js'

export interface AxisScale {
  type: 'linear' | 'log'
  domain: [number, number]
  /** Length of the axis in pixels. */
  length: number
}

function fraction(scale: AxisScale, value: number): number {
  const [d0, d1] = scale.domain
  return scale.type === 'log'
    ? (Math.log10(value) - Math.log10(d0)) / (Math.log10(d1) - Math.log10(d0))
    : (value - d0) / (d1 - d0)
}

function valueAt(scale: AxisScale, t: number): number {
  const [d0, d1] = scale.domain
  return scale.type === 'log'
    ? 10 ** (Math.log10(d0) + t * (Math.log10(d1) - Math.log10(d0)))
    : d0 + t * (d1 - d0)
}

/** Moves a data point by pixels (dy > 0 is down, as on screen). */
export function shift(x: AxisScale, y: AxisScale, point: [number, number], dx: number, dy: number): [number, number] {
  return [valueAt(x, fraction(x, point[0]) + dx / x.length), valueAt(y, fraction(y, point[1]) - dy / y.length)]
}

export type Align = 'left' | 'right' | 'center'

export interface LabelledPoint {
  x: number
  y: number
  label: string | string[]
  /** Label anchor relative to the point, in pixels; dy > 0 is down. */
  dx: number
  dy: number
  align: Align
  leader?: boolean
  color?: string
}

/** Gap between the end of a leader line and its label, in pixels. */
const LEADER_GAP = 4

export interface PlotAxes {
  x: AxisScale
  y: AxisScale
  /** Vega-Lite axis properties, repeated on every layer so that they merge cleanly. */
  xAxis: Record<string, unknown>
  yAxis: Record<string, unknown>
}

/** Quantitative x and y encodings on the plot's fixed scales. */
export function positionEncoders(axes: PlotAxes) {
  const scale = (s: AxisScale) => ({ type: s.type, domain: s.domain, nice: false, ...(s.type === 'linear' ? { zero: false } : {}) })
  return {
    x: (field: string) => ({ field, type: 'quantitative', scale: scale(axes.x), axis: axes.xAxis }),
    y: (field: string) => ({ field, type: 'quantitative', scale: scale(axes.y), axis: axes.yAxis }),
  }
}

export function labelledPoints(points: LabelledPoint[], axes: PlotAxes, format: Format): Layer[] {
  const { x, y } = axes
  const fontSize = TYPE_SIZES[format].markLabel
  const rows = points.map((point) => {
    const [lx, ly] = shift(x, y, [point.x, point.y], point.dx, point.dy)
    // The leader stops short of the text: beside it, or above/below centred labels.
    const gapX = point.align === 'left' ? -LEADER_GAP : point.align === 'right' ? LEADER_GAP : 0
    const gapY = point.align === 'center' ? (point.dy > 0 ? -fontSize * 0.6 : fontSize * 0.6) : 0
    const [ex, ey] = shift(x, y, [point.x, point.y], point.dx + gapX, point.dy + gapY)
    return { ...point, lx, ly, ex, ey, color: point.color ?? palette.primary }
  })
  const { x: xEnc, y: yEnc } = positionEncoders(axes)
  const layers: Layer[] = []
  const leaders = rows.filter((row) => row.leader)
  if (leaders.length > 0) {
    layers.push({
      data: { values: leaders },
      mark: { type: 'rule', color: palette.muted, strokeWidth: 1 },
      encoding: { x: xEnc('x'), y: yEnc('y'), x2: { field: 'ex' }, y2: { field: 'ey' } },
    })
  }
  layers.push({
    data: { values: rows },
    mark: { type: 'point', filled: true, size: 110, opacity: 1, stroke: palette.background, strokeWidth: 1.5 },
    encoding: { x: xEnc('x'), y: yEnc('y'), color: { field: 'color', type: 'nominal', scale: null } },
  })
  for (const align of ['left', 'right', 'center'] as const) {
    const group = rows.filter((row) => row.align === align)
    if (group.length === 0) continue
    layers.push({
      data: { values: group },
      mark: { type: 'text', align, baseline: 'middle' },
      encoding: { x: xEnc('lx'), y: yEnc('ly'), text: { field: 'label', type: 'nominal' } },
    })
  }
  return layers
}
