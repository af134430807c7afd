/**
 * The findings overlay: a fixed panel over the top of the page naming each
 * file:line:col, severity, rule and message. Rendered on the server, so the
 * first paint already has it and the live client only swaps the fragment.
 */
import type { Diagnostic } from '../deck.js'
import { formatDiagnostic } from '../diagnostics-format.js'

export const OVERLAY_ID = 'dsi-dev-overlay'

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function renderOverlay(diagnostics: Diagnostic[], stale: boolean, note = ''): string {
  if (diagnostics.length === 0 && !note) return `<div id="${OVERLAY_ID}" hidden></div>`
  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const heading = [
    diagnostics.length > 0 ? `${plural(errors, 'error')}, ${plural(diagnostics.length - errors, 'warning')}` : '',
    stale ? 'showing the last good version of this deck until the errors are fixed' : '',
    note,
  ]
    .filter(Boolean)
    .join(' — ')
  const rows = diagnostics
    .map((d) => `<li data-severity="${d.severity}" style="color:${d.severity === 'error' ? '#ff8a80' : '#ffd180'}">${escapeHtml(formatDiagnostic(d))}</li>`)
    .join('')
  return (
    `<div id="${OVERLAY_ID}" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:45vh;overflow:auto;` +
    `margin:0;padding:8px 12px;background:rgba(24,24,28,.95);color:#fff;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace;` +
    `text-align:left;box-shadow:0 2px 8px rgba(0,0,0,.5)">` +
    `<button type="button" data-dev-close aria-label="Hide the findings" style="float:right;font:inherit;background:none;color:#fff;border:1px solid #888;border-radius:3px;cursor:pointer">×</button>` +
    `<strong>${escapeHtml(heading)}</strong><ul style="margin:4px 0 0;padding-left:18px">${rows}</ul></div>`
  )
}
