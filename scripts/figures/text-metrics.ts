/**
 * Text widths for Source Sans 3, so that Vega lays out axes, legends and
 * label limits for the font the slides actually use. Without a canvas
 * package Vega guesses 0.8 em per character, which is about 60% too wide for
 * this font: axis titles drift away from their labels and long labels get
 * truncated. A fixed table keeps the measurement deterministic on every
 * machine (no canvas, no installed fonts involved).
 */

/**
 * Advance widths of U+0020..U+007E in units of 1/1000 em, measured once in
 * Chromium from @fontsource/source-sans-3 (latin, 400 and 600). Kerning is
 * ignored, which errs by well under 1% on typical labels.
 */
const ADVANCE_400 = [
  200, 289, 426, 497, 497, 824, 609, 249, 303, 303, 418, 497, 249, 311, 249, 350, 497, 497, 497, 497, 497, 497, 497,
  497, 497, 497, 249, 249, 497, 497, 497, 425, 847, 543, 588, 571, 615, 527, 494, 617, 652, 263, 479, 579, 486, 727,
  647, 664, 566, 664, 569, 534, 536, 645, 515, 786, 513, 476, 539, 303, 350, 303, 497, 500, 542, 504, 553, 456, 555,
  496, 292, 504, 544, 246, 247, 495, 255, 829, 547, 542, 555, 555, 347, 419, 338, 544, 467, 719, 446, 467, 425, 303,
  241, 303, 497,
]
const ADVANCE_600 = [
  200, 315, 482, 513, 513, 841, 639, 275, 324, 324, 438, 513, 275, 322, 275, 344, 513, 513, 513, 513, 513, 513, 513,
  513, 513, 513, 275, 275, 513, 513, 513, 444, 875, 558, 597, 576, 625, 538, 510, 628, 663, 282, 494, 597, 502, 745,
  657, 674, 582, 674, 592, 545, 546, 655, 536, 800, 541, 501, 540, 324, 344, 324, 513, 500, 549, 516, 563, 462, 564,
  507, 317, 520, 558, 262, 263, 522, 271, 843, 560, 549, 564, 564, 373, 431, 361, 556, 495, 748, 481, 495, 443, 324,
  255, 324, 513,
]

/** Characters outside printable ASCII (×, –, …) count as a typical digit-wide glyph. */
const FALLBACK_ADVANCE = 550

/** Vega's default font size when an item sets none. */
const VEGA_DEFAULT_FONT_SIZE = 11

export interface TextItem {
  fontSize?: number
  fontWeight?: string | number
}

function isBold(weight: string | number | undefined): boolean {
  if (weight === undefined) return false
  if (typeof weight === 'number') return weight >= 600
  return weight === 'bold' || weight === 'bolder' || Number(weight) >= 600
}

/** Width in pixels of one line of text set in Source Sans 3. */
export function sourceSansWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? ADVANCE_600 : ADVANCE_400
  let units = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    units += code >= 0x20 && code <= 0x7e ? table[code - 0x20] : FALLBACK_ADVANCE
  }
  return (units * fontSize) / 1000
}

/** Drop-in replacement for `vega.textMetrics.width(item, text)`. */
export function measureVegaText(item: TextItem, text: unknown): number {
  const fontSize = item.fontSize != null ? Number(item.fontSize) || 0 : VEGA_DEFAULT_FONT_SIZE
  const value = text == null ? '' : (Array.isArray(text) ? text.join(' ') : String(text)).trim()
  return sourceSansWidth(value, fontSize, isBold(item.fontWeight))
}
