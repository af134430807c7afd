/** Training tokens against model size: Chinchilla trained on far more tokens per parameter. */
import { framedChart, type Layer } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import type { FigureDefinition } from './figure.js'
import { labelledPoints, positionEncoders, shift, type Align, type PlotAxes } from './labelled-points.js'
import { SHORT_COUNT } from './number-labels.js'
import { palette, plotHeight, plotWidth, TYPE_SIZES, type Frame } from './style.js'

interface ModelRow {
  model: string
  parameters: number
  tokens: number
}

interface TokensData extends Dataset<ModelRow> {
  tokensPerParameterRule: number
}

const FRAME: Frame = { width: 1100, height: 500, padding: { left: 100, top: 100, right: 36, bottom: 84 } }

/** Label offsets in pixels, tuned by eye; GPT-3 and Jurassic nearly coincide. */
const PLACEMENT: Record<string, { dx: number; dy: number; align: Align }> = {
  LaMDA: { dx: -14, dy: 0, align: 'right' },
  'GPT-3': { dx: -10, dy: -26, align: 'right' },
  Jurassic: { dx: 12, dy: 26, align: 'left' },
  Gopher: { dx: 0, dy: -32, align: 'center' },
  'MT-NLG 530B': { dx: 0, dy: -32, align: 'center' },
  Chinchilla: { dx: 14, dy: 28, align: 'left' },
}

/** Where the rule's label sits along its line: model size, and pixels above the line. */
const RULE_LABEL = { parameters: 2.6e11, above: 16 }

export const TITLE = 'Training tokens vs model size'

export function trainingTokens(): FigureDefinition {
  const dataset = readDataset<TokensData>('training-tokens.json')
  const ratio = dataset.tokensPerParameterRule
  const axes: PlotAxes = {
    x: { type: 'log', domain: [5e10, 7e11], length: plotWidth(FRAME) },
    y: { type: 'log', domain: [1e11, 2e13], length: plotHeight(FRAME) },
    xAxis: { title: 'Model size (parameters, log scale)', values: [5e10, 1e11, 2e11, 5e11], labelExpr: SHORT_COUNT, grid: true },
    yAxis: {
      title: 'Training tokens (log scale)',
      values: [1e11, 2e11, 5e11, 1e12, 2e12, 5e12, 1e13, 2e13],
      labelExpr: SHORT_COUNT,
    },
  }
  const highlight = dataset.data.reduce((best, row) => (row.tokens / row.parameters > best.tokens / best.parameters ? row : best))
  const points = dataset.data.map((row) => {
    const placement = PLACEMENT[row.model]
    if (!placement) throw new Error(`training-tokens: no label placement for "${row.model}"`)
    const perParameter = row.tokens / row.parameters
    return {
      x: row.parameters,
      y: row.tokens,
      label: [row.model, `${perParameter >= 10 ? perParameter.toFixed(0) : perParameter.toFixed(1)} tokens/parameter`],
      color: row === highlight ? palette.accent : palette.primary,
      ...placement,
    }
  })
  const [n0, n1] = axes.x.domain
  const pixelsPerDecadeX = axes.x.length / Math.log10(n1 / n0)
  const pixelsPerDecadeY = axes.y.length / Math.log10(axes.y.domain[1] / axes.y.domain[0])
  // tokens = ratio * parameters is a line of slope 1 in log-log space.
  const radians = Math.atan2(pixelsPerDecadeY, pixelsPerDecadeX)
  const [lx, ly] = shift(
    axes.x,
    axes.y,
    [RULE_LABEL.parameters, ratio * RULE_LABEL.parameters],
    Math.sin(radians) * RULE_LABEL.above,
    -Math.cos(radians) * RULE_LABEL.above,
  )
  const at = positionEncoders(axes)
  const rule: Layer[] = [
    {
      data: { values: [{ x: n0, y: ratio * n0, x2: n1, y2: ratio * n1 }] },
      mark: { type: 'rule', color: palette.accent, strokeWidth: 2.5, strokeDash: [8, 6] },
      encoding: { x: at.x('x'), y: at.y('y'), x2: { field: 'x2' }, y2: { field: 'y2' } },
    },
    {
      data: { values: [{ lx, ly, text: `${ratio} tokens per parameter (compute-optimal, Hoffmann et al.)` }] },
      mark: {
        type: 'text',
        align: 'center',
        baseline: 'middle',
        angle: -Math.round(((radians * 180) / Math.PI) * 10) / 10,
        color: palette.accent,
        fontSize: TYPE_SIZES.wide.markLabel,
      },
      encoding: { x: at.x('lx'), y: at.y('ly'), text: { field: 'text' } },
    },
  ]
  const otherRatios = dataset.data.filter((row) => row !== highlight).map((row) => row.tokens / row.parameters)
  const spec = framedChart({
    format: 'wide',
    frame: FRAME,
    title: TITLE,
    subtitle: `${highlight.model} was trained on ${(highlight.tokens / highlight.parameters).toFixed(0)} tokens per parameter; the others on ${Math.min(...otherRatios).toFixed(1)} to ${Math.max(...otherRatios).toFixed(1)}`,
    description: `Log-log scatter plot of model size against training tokens: ${dataset.data.map((row) => `${row.model} ${row.parameters / 1e9}B parameters, ${row.tokens / 1e9}B tokens`).join('; ')}. A dashed line marks ${ratio} tokens per parameter.`,
    source: dataset.citation,
    layers: [...rule, ...labelledPoints(points, axes, 'wide')],
  })
  return { name: '02_training_tokens', title: TITLE, spec }
}
