/**
 * Vega-Lite spec -> SVG text, the same bytes on every machine: no canvas
 * (text is measured from a fixed Source Sans 3 table), clip and gradient ids
 * restarted for every figure, warnings turned into errors.
 */
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { measureVegaText } from './text-metrics.js'

interface TextMetrics {
  width: (item: unknown, text: unknown) => number
}

// vega exports these at runtime; its typings do not declare them.
const runtime = vega as unknown as { textMetrics: TextMetrics; resetSVGDefIds: () => void }

function strictLogger(name: string, level: number): vega.LoggerInterface {
  const fail = (...args: readonly unknown[]) => {
    throw new Error(`${name}: ${args.map(String).join(' ')}`)
  }
  const ignore = () => logger
  const logger: vega.LoggerInterface = {
    level: ((_?: number) => (_ === undefined ? level : logger)) as vega.LoggerInterface['level'],
    error: fail as vega.LoggerInterface['error'],
    warn: fail as vega.LoggerInterface['warn'],
    info: ignore,
    debug: ignore,
  }
  return logger
}

/**
 * Rounds numbers inside tags to 2 decimals: 1/100 px is invisible, the files
 * get smaller, and last-digit differences of Math.log/pow between engines
 * cannot change the bytes. Text content is left alone.
 */
export function roundCoordinates(svg: string): string {
  return svg.replace(/<[^>]*>/g, (tag) =>
    tag.replace(/-?\d+\.\d{3,}/g, (number) => {
      const rounded = Math.round(Number(number) * 100) / 100
      return String(Object.is(rounded, -0) ? 0 : rounded)
    }),
  )
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/**
 * vega's toSVG leaves the spec's description out (it labels the DOM container
 * instead), so the SVG gets role="img", <title> and <desc> for screen readers
 * and for anyone opening the file alone.
 */
export function addAccessibleName(svg: string, name: string, title: string, description: string): string {
  // ids carry the figure name, so they stay unique if several SVGs are inlined
  // in one page, and start with a letter, as XML ids must.
  const [titleId, descId] = [`figure-${name}-title`, `figure-${name}-desc`]
  return svg.replace(
    /^<svg ([^>]*)>/,
    (_, attributes: string) =>
      `<svg ${attributes} role="img" aria-labelledby="${titleId} ${descId}"><title id="${titleId}">${escapeXml(title)}</title><desc id="${descId}">${escapeXml(description)}</desc>`,
  )
}

/** Renders one chart. Calls must not overlap: text metrics are swapped globally. */
export async function renderSvg(name: string, spec: TopLevelSpec): Promise<string> {
  const { spec: vegaSpec } = compile(spec, { logger: strictLogger(name, vega.Warn) })
  const previousWidth = runtime.textMetrics.width
  runtime.textMetrics.width = measureVegaText as TextMetrics['width']
  try {
    runtime.resetSVGDefIds()
    const view = new vega.View(vega.parse(vegaSpec), {
      renderer: 'none',
      logger: strictLogger(name, vega.Warn),
    })
    try {
      const title = typeof spec.title === 'object' && spec.title !== null && 'text' in spec.title ? String(spec.title.text) : name
      return addAccessibleName(roundCoordinates(await view.toSVG()), name, title, spec.description ?? '')
    } finally {
      view.finalize()
    }
  } finally {
    runtime.textMetrics.width = previousWidth
  }
}
