/** Horizontal bars sorted from largest to smallest, each labelled with its value. */
import type { Layer } from './chart.js'
import { palette } from './style.js'

export interface RankedBar {
  label: string
  value: number
}

export interface RankedBarsOptions {
  /** Upper end of the value axis, leaving room for the labels after the bars. */
  max: number
  /** d3 format of the value labels. */
  format: string
  suffix: string
  /** Labels drawn in grey, e.g. "Other". */
  muted?: string[]
}

export function rankedBars(bars: RankedBar[], options: RankedBarsOptions): Layer {
  // A stable sort keeps the source's order among equal values.
  const rows = [...bars].sort((a, b) => b.value - a.value)
  const muted = JSON.stringify(options.muted ?? [])
  return {
    data: { values: rows },
    transform: [{ calculate: `format(datum.value, '${options.format}') + '${options.suffix}'`, as: 'text' }],
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        sort: rows.map((row) => row.label),
        axis: { title: null, domain: false, ticks: false, labelPadding: 10 },
        scale: { paddingInner: 0.3, paddingOuter: 0.15 },
      },
      x: { field: 'value', type: 'quantitative', axis: null, scale: { domain: [0, options.max] } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { condition: { test: `indexof(${muted}, datum.label) >= 0`, value: palette.muted }, value: palette.primary },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, baseline: 'middle' },
        encoding: { text: { field: 'text', type: 'nominal' } },
      },
    ],
  }
}
