/** Reads the chart data sets kept in images/data/, one JSON file per chart. */
import { readFileSync } from 'node:fs'

/** Every data file carries where its numbers come from. */
export interface Dataset<Row> {
  source: string
  /** Short form printed on the chart as "Source: ...". */
  citation: string
  url: string
  licence: string
  notes: string
  data: Row[]
}

export const DATA_DIR = new URL('../../images/data/', import.meta.url)

export function readDataset<T extends Dataset<unknown>>(file: string): T {
  const parsed = JSON.parse(readFileSync(new URL(file, DATA_DIR), 'utf8')) as T
  for (const key of ['source', 'citation', 'url', 'licence', 'notes'] as const) {
    if (typeof parsed[key] !== 'string' || parsed[key] === '') {
      throw new Error(`images/data/${file}: missing "${key}"`)
    }
  }
  if (!Array.isArray(parsed.data)) throw new Error(`images/data/${file}: "data" must be an array`)
  return parsed
}
