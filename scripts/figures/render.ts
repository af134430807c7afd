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
      return roundCoordinates(await view.toSVG())
    } finally {
      view.finalize()
    }
  } finally {
    runtime.textMetrics.width = previousWidth
  }
}
