/** Vega expressions for tick labels of large counts on log axes. */

/** 1e3 -> "1K", 2e11 -> "200B", 1.4e12 -> "1.4T": counts of parameters or tokens. */
export const SHORT_COUNT = [
  "datum.value >= 1e12 ? format(datum.value / 1e12, '~r') + 'T'",
  "datum.value >= 1e9 ? format(datum.value / 1e9, '~r') + 'B'",
  "datum.value >= 1e6 ? format(datum.value / 1e6, '~r') + 'M'",
  "datum.value >= 1e3 ? format(datum.value / 1e3, '~r') + 'K'",
  "format(datum.value, '~r')",
].join(' : ')

/** 6e18 -> "6e18" (d3's "6e+18" without the plus). */
export const SCIENTIFIC = "replace(format(datum.value, '.0e'), '+', '')"

/** The powers of ten from 10^from to 10^to, for log-axis tick values. */
export function powersOfTen(from: number, to: number): number[] {
  const values: number[] = []
  for (let exponent = from; exponent <= to; exponent++) values.push(Number(`1e${exponent}`))
  return values
}

/** The same notation in TypeScript: 6e18 -> "6e18", 3e21 -> "3e21". */
export function scientific(value: number): string {
  return value.toExponential().replace('+', '')
}
