/**
 * The frame every chart shares: exact pixel size, title and subtitle at the
 * top left, a small "Source: ..." line at the bottom left.
 */
import type { TopLevelSpec } from 'vega-lite'
import { chartConfig, palette, plotHeight, plotWidth, TYPE_SIZES, type Format, type Frame } from './style.js'

/** Distance of the title and the source line from the SVG's left and bottom edges. */
const MARGIN = 12

/**
 * A unit or layer spec, kept loosely typed: Vega-Lite's own types are too deep
 * to write by hand, and `renderSvg` rejects any spec that draws a warning.
 */
export type Layer = Record<string, unknown>

export interface ChartOptions {
  format: Format
  frame: Frame
  title: string
  subtitle?: string
  /** Read by screen readers as the SVG's label. */
  description: string
  /** Short citation, printed as "Source: <source>". */
  source: string
  layers: Layer[]
  /** Extra top-level properties (resolve, params...). */
  extra?: Record<string, unknown>
}

export function framedChart(options: ChartOptions): TopLevelSpec {
  const { format, frame } = options
  const width = plotWidth(frame)
  const height = plotHeight(frame)
  const sourceLine: Layer = {
    data: { values: [{}] },
    mark: {
      type: 'text',
      text: `Source: ${options.source}`,
      align: 'left',
      baseline: 'bottom',
      x: MARGIN - frame.padding.left,
      y: height + frame.padding.bottom - MARGIN,
      fontSize: TYPE_SIZES[format].source,
      color: palette.muted,
    },
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    description: options.description,
    width,
    height,
    // Exact sizes: a `bg` image is cropped (cover) or letterboxed (contain)
    // unless its aspect ratio matches the slide area it fills.
    autosize: { type: 'none' },
    padding: frame.padding,
    title: {
      text: options.title,
      ...(options.subtitle ? { subtitle: options.subtitle } : {}),
      frame: 'group',
      dx: MARGIN - frame.padding.left,
    },
    config: chartConfig(format),
    layer: [...options.layers, sourceLine],
    ...options.extra,
  } as unknown as TopLevelSpec
}
