/** Languages in Common Crawl: English dwarfs every other language. */
import { framedChart } from './chart.js'
import { readDataset, type Dataset } from './data.js'
import { palette, type Frame } from './style.js'
import type { FigureDefinition } from './figure.js'

interface LanguageRow {
  code: string
  language: string
  /** One value per crawl, in the order of `crawls`. */
  percent: number[]
}

interface LanguageData extends Dataset<LanguageRow> {
  crawls: string[]
}

/** `bg right:40%` of a 1280x720 slide: 512x720, so `cover` crops nothing. */
const FRAME: Frame = { width: 512, height: 720, padding: { left: 104, top: 92, right: 16, bottom: 40 } }

export const TITLE = 'Languages in Common Crawl'

export function commonCrawlLanguages(): FigureDefinition {
  const dataset = readDataset<LanguageData>('common-crawl-languages.json')
  const rows = dataset.data
    .map((row) => {
      const mean = row.percent.reduce((sum, value) => sum + value, 0) / row.percent.length
      return { language: row.language, code: row.code, mean: Math.round(mean * 100) / 100 }
    })
    .sort((a, b) => b.mean - a.mean)
  const spec = framedChart({
    format: 'half',
    frame: FRAME,
    title: TITLE,
    subtitle: `Share of pages (%), mean of ${dataset.crawls.length} crawls of 2025`,
    description: `Horizontal bar chart of the share of each language in Common Crawl, mean of crawls ${dataset.crawls.join(', ')}. English ${rows[0].mean}%, far ahead of every other language.`,
    source: dataset.citation,
    layers: [
      {
        data: { values: rows },
        encoding: {
          y: {
            field: 'language',
            type: 'nominal',
            sort: rows.map((row) => row.language),
            axis: { title: null, domain: false, ticks: false, labelPadding: 8 },
            scale: { paddingInner: 0.22, paddingOuter: 0.1 },
          },
          x: { field: 'mean', type: 'quantitative', axis: null, scale: { domain: [0, 52] } },
        },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              color: {
                condition: { test: "datum.code === 'unknown'", value: palette.muted },
                value: palette.primary,
              },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 5, baseline: 'middle' },
            transform: [{ calculate: "format(datum.mean, '.1f') + '%'", as: 'label' }],
            encoding: { text: { field: 'label', type: 'nominal' } },
          },
        ],
      },
    ],
  })
  return { name: '02_languages_common_crawl', title: TITLE, spec }
}
