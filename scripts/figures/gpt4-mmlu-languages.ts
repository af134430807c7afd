/** GPT-4 on MMLU by language, next to the English baselines of older models. */
import { framedChart } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import { palette, type Frame } from './style.js'
import type { FigureDefinition } from './figure.js'

interface AccuracyRow {
  model: string
  language: string
  accuracy: number
}

interface MmluData extends Dataset<AccuracyRow> {
  baselines: AccuracyRow[]
}

/** `contain bg right:50%` of a 1280x720 slide: 640x720. */
const FRAME: Frame = { width: 640, height: 720, padding: { left: 172, top: 94, right: 24, bottom: 40 } }

export const TITLE = 'GPT-4 accuracy on MMLU by language'

export function gpt4MmluLanguages(): FigureDefinition {
  const dataset = readDataset<MmluData>('gpt4-mmlu-languages.json')
  const reference = dataset.baselines.find((row) => row.model === 'GPT-3.5')
  if (!reference) throw new Error('gpt4-mmlu-languages.json: no GPT-3.5 baseline')
  // Baselines first, as in the report: the weakest at the top.
  const rows = [
    ...dataset.baselines.map((row) => ({
      label: row.model === 'Random guessing' ? row.model : `${row.model} (${row.language})`,
      accuracy: row.accuracy,
      kind: 'baseline',
    })),
    ...[...dataset.data]
      .sort((a, b) => b.accuracy - a.accuracy)
      .map((row) => ({ label: row.language, accuracy: row.accuracy, kind: 'gpt4' })),
  ]
  const spec = framedChart({
    format: 'half',
    frame: FRAME,
    title: TITLE,
    subtitle: `3-shot accuracy (%); grey: English baselines, dashed line: ${reference.model} in English (${reference.accuracy}%)`,
    description: `Horizontal bar chart of GPT-4's 3-shot MMLU accuracy in ${dataset.data.length} languages, from ${rows[dataset.baselines.length].accuracy}% (English) down to ${rows[rows.length - 1].accuracy}% (${rows[rows.length - 1].label}), with English baselines: ${dataset.baselines.map((row) => `${row.model} ${row.accuracy}%`).join(', ')}.`,
    source: dataset.citation,
    layers: [
      {
        data: { values: rows },
        encoding: {
          y: {
            field: 'label',
            type: 'nominal',
            sort: rows.map((row) => row.label),
            axis: { title: null, domain: false, ticks: false, labelPadding: 8 },
            scale: { paddingInner: 0.12, paddingOuter: 0.05 },
          },
          x: { field: 'accuracy', type: 'quantitative', axis: null, scale: { domain: [0, 100] } },
        },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              color: {
                condition: { test: "datum.kind === 'baseline'", value: palette.muted },
                value: palette.primary,
              },
            },
          },
          {
            // A value column at the right edge, clear of the dashed line.
            mark: { type: 'text', align: 'right', baseline: 'middle' },
            encoding: {
              x: { datum: 100, type: 'quantitative' },
              text: { field: 'accuracy', type: 'quantitative', format: '.1f' },
            },
          },
        ],
      },
      {
        data: { values: [{ accuracy: reference.accuracy }] },
        mark: { type: 'rule', color: palette.accent, strokeDash: [6, 4], strokeWidth: 2 },
        encoding: { x: { field: 'accuracy', type: 'quantitative' } },
      },
    ],
  })
  return { name: '02_gpt4_performance_languages', title: TITLE, spec }
}
