/**
 * The look shared by every generated chart: DSI palette and font, and the
 * type sizes that stay legible on a 1280x720 slide at projector distance.
 */
import { readFileSync } from 'node:fs'
import type { Config } from 'vega-lite'

export interface Palette {
  ink: string
  primary: string
  primaryLight: string
  teal: string
  accent: string
  gold: string
  muted: string
  rule: string
  background: string
  surface: string
  series: string[]
  fontSans: string
  fontMono: string
}

export const palette: Palette = JSON.parse(
  readFileSync(new URL('../../themes/palette.json', import.meta.url), 'utf8'),
) as Palette

/**
 * The font is named, never embedded: the publishing step embeds it into SVG
 * assets. The fallbacks keep the metrics close if it is missing.
 */
export const FONT_STACK = `'${palette.fontSans}', 'Source Sans Pro', Arial, sans-serif`

/**
 * Two formats, decided by how the deck shows them:
 * - `half`: a `bg right:40%/50%` half-slide background, shown at 1:1;
 * - `wide`: a centred figure of about 1100x500 scaled to `h:450px`, i.e. 0.9,
 *   so its sizes are 1/0.9 of the minimum (16px labels, 20px titles).
 */
export type Format = 'half' | 'wide'

export interface TypeSizes {
  title: number
  subtitle: number
  axisLabel: number
  axisTitle: number
  markLabel: number
  legend: number
  source: number
}

export const TYPE_SIZES: Record<Format, TypeSizes> = {
  half: { title: 22, subtitle: 17, axisLabel: 16, axisTitle: 17, markLabel: 16, legend: 16, source: 14 },
  wide: { title: 26, subtitle: 19, axisLabel: 18, axisTitle: 19, markLabel: 18, legend: 18, source: 15 },
}

/** Vega-Lite config applied to every chart of a format. */
export function chartConfig(format: Format): Config {
  const size = TYPE_SIZES[format]
  return {
    font: FONT_STACK,
    background: palette.background,
    view: { stroke: null },
    title: {
      anchor: 'start',
      frame: 'bounds',
      fontSize: size.title,
      fontWeight: 600,
      color: palette.ink,
      subtitleFontSize: size.subtitle,
      subtitleColor: palette.muted,
      subtitlePadding: 6,
      offset: 16,
    },
    axis: {
      labelFontSize: size.axisLabel,
      labelColor: palette.ink,
      labelLimit: 0,
      titleFontSize: size.axisTitle,
      titleFontWeight: 400,
      titleColor: palette.muted,
      titlePadding: 10,
      domainColor: palette.muted,
      tickColor: palette.muted,
      gridColor: palette.rule,
    },
    legend: {
      labelFontSize: size.legend,
      labelColor: palette.ink,
      labelLimit: 0,
      titleFontSize: size.legend,
      titleFontWeight: 400,
      titleColor: palette.muted,
    },
    text: { fontSize: size.markLabel, color: palette.ink },
    bar: { color: palette.primary },
    point: { color: palette.primary, filled: true, size: 90 },
    range: { category: palette.series },
  }
}

/** Layout of a chart in pixels: the SVG is exactly width x height. */
export interface Frame {
  width: number
  height: number
  padding: { left: number; top: number; right: number; bottom: number }
}

export function plotWidth(frame: Frame): number {
  return frame.width - frame.padding.left - frame.padding.right
}

export function plotHeight(frame: Frame): number {
  return frame.height - frame.padding.top - frame.padding.bottom
}
