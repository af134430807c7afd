/** The dev server's home page: every deck, its findings, and links to present it or build its PDF/PPTX. */
import type { Diagnostic } from '../deck.js'
import type { DeckState } from './live-project.js'
import { escapeHtml, renderOverlay } from './overlay.js'
import { reloadClient } from './reload-client.js'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

function findings(state: DeckState): string {
  const errors = state.diagnostics.filter((d) => d.severity === 'error').length
  const warnings = state.diagnostics.length - errors
  if (errors + warnings === 0) return '<span style="color:#2e7d32">no problems</span>'
  const text = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ')
  return `<span style="color:${errors ? '#c62828' : '#ef6c00'}">${text}${state.stale ? ' (showing the last good version)' : ''}</span>`
}

export function renderIndexPage(title: string, decks: DeckState[], projectDiagnostics: Diagnostic[], version: number): string {
  const items = decks
    .map((s) => {
      const page = encodeURIComponent(s.name)
      const name = escapeHtml(s.deck?.title || s.name)
      const slides = s.deck ? plural(s.deck.slides.length, 'slide') : 'not built yet'
      return (
        `<li><a href="${page}.html"><strong>${name}</strong></a> <code>${escapeHtml(s.relPath)}</code><br>` +
        `${slides} — ${findings(s)} — <a href="${page}.html">Present</a> · <a href="${page}.pdf">PDF</a> · <a href="${page}.pptx">PPTX</a></li>`
      )
    })
    .join('\n')
  const empty = decks.length === 0 ? '<p>No decks yet: add a <code>.md</code> file to <code>slides/</code>.</p>' : ''
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(title || 'Decks')} (preview)</title>` +
    `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}li{margin:.8rem 0}</style></head>` +
    `<body><h1>${escapeHtml(title || 'Decks')}</h1><p>Live preview: pages reload when a deck, image or theme changes. ` +
    `PDF and PPTX are built when you open their link (this takes a few seconds).</p>` +
    `<ul>${items}</ul>${empty}${renderOverlay(projectDiagnostics, false)}${reloadClient('index', version)}</body></html>\n`
  )
}

/** A deck that does not exist (yet): the page reloads by itself when it appears. */
export function renderMissingDeckPage(name: string): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>No deck ${escapeHtml(name)}</title></head>` +
    `<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem"><p>There is no deck <code>slides/${escapeHtml(name)}.md</code> ` +
    `(yet). This page reloads when it appears. <a href="/">All decks</a></p>${reloadClient(name, -1)}</body></html>\n`
  )
}
