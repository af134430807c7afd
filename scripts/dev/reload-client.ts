/**
 * The script the dev server adds to every page it serves. It listens on
 * server-sent events: `reload` reloads the page (the `#N` slide hash stays,
 * so the browser stays on the same slide), `diagnostics` swaps the findings
 * overlay in place without touching the slide.
 */
import { OVERLAY_ID } from './overlay.js'

export const EVENTS_PATH = '__dev/events'

/** `target` is a deck name or `index`; `version` is what this page shows, so a missed reload is caught on connect. */
export function reloadClient(target: string, version: number): string {
  const js = `(() => {
  const overlayId = ${JSON.stringify(OVERLAY_ID)}
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element && event.target.closest('[data-dev-close]')
    if (!button) return
    event.stopPropagation()
    const overlay = document.getElementById(overlayId)
    if (overlay) overlay.hidden = true
  }, true)
  const url = '/${EVENTS_PATH}?target=' + encodeURIComponent(${JSON.stringify(target)}) + '&v=' + ${JSON.stringify(String(version))}
  const source = new EventSource(url)
  source.addEventListener('reload', () => { source.close(); location.reload() })
  source.addEventListener('diagnostics', (event) => {
    const holder = document.createElement('div')
    holder.innerHTML = JSON.parse(event.data).overlay
    const next = holder.firstElementChild
    const old = document.getElementById(overlayId)
    if (!next) return
    if (old) old.replaceWith(next)
    else document.body.append(next)
  })
})()`
  return `<script data-dsi-dev>${js.replace(/<\//g, '<\\/')}</script>`
}

/** Adds a fragment just before `</body>` (or at the end when there is none). */
export function injectIntoBody(html: string, fragment: string): string {
  const at = html.toLowerCase().lastIndexOf('</body>')
  return at < 0 ? html + fragment : html.slice(0, at) + fragment + html.slice(at)
}
