import type { TopLevelSpec } from 'vega-lite'

/** One generated chart: written to images/<name>.svg. */
export interface FigureDefinition {
  name: string
  /** The chart's visible title; the test checks the SVG contains it. */
  title: string
  spec: TopLevelSpec
}
