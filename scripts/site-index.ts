import type { SiteManifest } from './site-manifest.js'

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`

/** The course index: every deck with its links. Relative links only, so any base path works. */
export function renderSiteIndex(site: SiteManifest): string {
  const items = site.decks
    .map((d) => {
      const links = (['html', 'pdf', 'pptx'] as const)
        .filter((f) => d.files[f])
        .map((f) => `<a href="${esc(encodeURI(d.files[f]!.path))}">${f === 'html' ? 'Present' : f.toUpperCase()} <small>(${size(d.files[f]!.bytes)})</small></a>`)
        .join(' · ')
      return `<li><h2>${esc(d.title || d.name)}</h2>${d.subtitle ? `<p>${esc(d.subtitle)}</p>` : ''}<p>${d.slides} slides — ${links}</p></li>`
    })
    .join('\n')
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(site.title)}</title></head><body><main><h1>${esc(site.title)}</h1><p>${esc(site.description)}</p><ul>${items}</ul></main></body></html>\n`
}
