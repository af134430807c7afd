/**
 * The course site's own files besides the index: the shared stylesheet
 * (inlined in each page, so a page never depends on a second request or a
 * path), the favicon made from the DSI logo, and the 404 page.
 */

export const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)

/**
 * Colours from themes/palette.json. Dark mode keeps the brand hues but swaps
 * roles: the navy becomes the page, the light blue the accent, so every text
 * pair stays above WCAG AA (4.5:1) in both schemes.
 */
export const SITE_CSS = `
:root{color-scheme:light dark;--bg:#FFFFFF;--surface:#F4F7FB;--ink:#1B2A41;--muted:#5B6778;--primary:#0B4F8A;--on-primary:#FFFFFF;--rule:#D5DCE5;--accent:#E4572E;--focus:#0B4F8A;--band:#0B4F8A;--band-ink:#FFFFFF;--band-lead:#DCE9F5}
@media (prefers-color-scheme:dark){:root{--bg:#0F1A2B;--surface:#1B2A41;--ink:#F4F7FB;--muted:#BAC5D3;--primary:#DCE9F5;--on-primary:#1B2A41;--rule:#34465F;--accent:#F2A541;--focus:#F2A541;--band:#1B2A41;--band-ink:#FFFFFF;--band-lead:#DCE9F5}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.5 "Source Sans 3",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
a{color:var(--primary)}
a:focus-visible,main:focus-visible{outline:3px solid var(--focus);outline-offset:3px;border-radius:4px}
main:focus{outline:none}
.wrap{max-width:72rem;margin:0 auto;padding:0 1.25rem}
.skip{position:absolute;left:1rem;top:-4rem;background:var(--bg);color:var(--primary);padding:.5rem 1rem;z-index:1}
.skip:focus{top:1rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.site-header{background:var(--band);color:var(--band-ink);border-bottom:6px solid var(--accent);padding:2.5rem 0 2rem}
.site-header .brand{display:flex;align-items:center;gap:1rem}
.site-header svg{width:3.25rem;height:auto;flex:none;background:#FFFFFF;border-radius:8px;padding:.35rem}
h1{margin:0;font-size:clamp(1.9rem,1.2rem + 3vw,3rem);line-height:1.1;letter-spacing:-.01em}
.lead{margin:.75rem 0 0;max-width:44rem;font-size:1.15rem;color:var(--band-lead)}
.count{color:var(--muted);margin:1.75rem 0 1rem}
.decks{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr));gap:1.5rem;list-style:none;margin:0 0 2.5rem;padding:0}
.deck article{height:100%;display:flex;flex-direction:column;background:var(--surface);border:1px solid var(--rule);border-radius:12px;overflow:hidden}
.thumb{display:block;width:100%;height:auto;border-bottom:1px solid var(--rule);background:var(--rule)}
.thumb-missing{aspect-ratio:16/9;display:flex;align-items:center;justify-content:center;padding:1rem;background:var(--band);color:var(--band-ink);font-weight:600;text-align:center}
.body{display:flex;flex-direction:column;flex:1;padding:1rem 1.25rem 1.25rem}
.eyebrow{margin:0 0 .25rem;font-size:.8rem;font-weight:700;letter-spacing:.08em;text-transform:uppercase;color:var(--primary)}
.deck h2{margin:0;font-size:1.3rem;line-height:1.25}
.detail{margin:.25rem 0 0;color:var(--muted)}
.meta{margin:.5rem 0 0;color:var(--muted);font-size:.95rem}
.links{display:grid;grid-template-columns:repeat(auto-fit,minmax(5.5rem,1fr));gap:.5rem;list-style:none;margin:auto 0 0;padding:1rem 0 0}
.button{display:flex;flex-direction:column;align-items:center;justify-content:center;min-height:44px;height:100%;padding:.5rem .6rem;border:2px solid var(--primary);border-radius:8px;color:var(--primary);font-weight:700;text-decoration:none;line-height:1.25;text-align:center}
.button:hover{text-decoration:underline}
.button.primary{background:var(--primary);color:var(--on-primary)}
.size{font-weight:400;font-size:.9em}
.site-footer{border-top:1px solid var(--rule);padding:1rem 0 2rem;color:var(--muted)}
.site-footer p{margin:0}
kbd{font:inherit;font-size:.9em;border:1px solid var(--rule);border-bottom-width:2px;border-radius:4px;padding:0 .3em;background:var(--surface);color:var(--ink)}
@media (max-width:30rem){.site-header{padding:1.75rem 0 1.5rem}.site-header .brand{flex-direction:column;align-items:flex-start;gap:.75rem}.site-header svg{width:2.75rem}.lead{font-size:1.05rem}.wrap{padding:0 1rem}}
`.trim()

/** The logo's own size, from its viewBox; null when it has none. */
function viewBox(svg: string): [number, number, number, number] | null {
  const m = /viewBox\s*=\s*["']\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)[\s,]+([-\d.]+)\s*["']/.exec(svg)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : null
}

/** The logo's drawing (the root element's children), without comments. */
function svgBody(svg: string): string {
  const open = /<svg\b[^>]*>/i.exec(svg)
  const close = svg.lastIndexOf('</svg>')
  if (!open || close < 0) throw new Error('the logo is not an SVG document')
  return svg.slice(open.index + open[0].length, close).replace(/<!--[\s\S]*?-->/g, '').trim()
}

/**
 * A square favicon from the (wide) logo: the wordmark centred on a white
 * rounded tile, so it reads on light and dark browser tabs alike.
 */
export function faviconSvg(logo: string): string {
  const [x, y, w, h] = viewBox(logo) ?? [0, 0, 86, 56]
  const side = Math.max(w, h) * 1.15
  const ox = x - (side - w) / 2
  const oy = y - (side - h) / 2
  const r = side * 0.18
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${fmt(ox)} ${fmt(oy)} ${fmt(side)} ${fmt(side)}">` +
    `<rect x="${fmt(ox)}" y="${fmt(oy)}" width="${fmt(side)}" height="${fmt(side)}" rx="${fmt(r)}" fill="#FFFFFF"/>` +
    `${svgBody(logo).replace(/\s*\n\s*/g, '')}</svg>\n`
  )
}

const fmt = (n: number) => String(Math.round(n * 100) / 100)

/**
 * The logo inline in a page header, decorative because the course title
 * next to it says the same.
 */
export function inlineLogo(logo: string): string {
  const box = viewBox(logo) ?? [0, 0, 86, 56]
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.join(' ')}" aria-hidden="true" focusable="false">${svgBody(logo).replace(/\s*\n\s*/g, '')}</svg>`
}

/**
 * GitHub Pages serves 404.html for a missing path at any depth, so relative
 * links in it would point nowhere. The page is self-contained (inline CSS,
 * logo and favicon) and finds the course index with a small script: it walks
 * up the path until a folder answers for decks.json. Without script, the link
 * goes to the current folder, which is right for a mistyped deck name.
 */
export function notFoundPage(courseTitle: string, logo?: string): string {
  const icon = logo ? `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,${encodeURIComponent(faviconSvg(logo))}">` : ''
  const script = `(async()=>{const a=document.getElementById('home');const parts=location.pathname.split('/').slice(0,-1);` +
    `for(let i=parts.length;i>0;i--){const base=parts.slice(0,i).join('/')+'/';` +
    `try{const r=await fetch(base+'decks.json',{method:'HEAD',cache:'no-store'});if(r.ok){a.href=base;return}}catch(e){}}})()`
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex">
<title>Page not found · ${esc(courseTitle)}</title>
${icon}
<style>${SITE_CSS}</style>
</head>
<body>
<header class="site-header">
<div class="wrap brand">
${logo ? inlineLogo(logo) : ''}
<p class="lead">${esc(courseTitle)}</p>
</div>
</header>
<main class="wrap">
<h1 style="margin-top:2rem">Page not found</h1>
<p>There is no page at this address. The lecture may have been renamed or moved.</p>
<p><a id="home" href="./">Go to the list of lectures</a></p>
</main>
<script>${script}</script>
</body>
</html>
`.replace(/\n{2,}/g, '\n')
}

/** Width and height of a baseline or progressive JPEG, from its SOF marker; null if none is found. */
export function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  let i = 2
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null
    const marker = bytes[i + 1]
    const length = (bytes[i + 2] << 8) | bytes[i + 3]
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: (bytes[i + 5] << 8) | bytes[i + 6], width: (bytes[i + 7] << 8) | bytes[i + 8] }
    }
    i += 2 + length
  }
  return null
}

/**
 * A deck's og:image: its thumbnail. Link previewers (X, LinkedIn, Facebook,
 * Slack) want an absolute URL, which only the publisher knows: pages.yml
 * passes the Pages URL as SITE_URL. Without one the URL stays relative, so
 * the site still works at any base path and from disk.
 */
export function shareImage(deckName: string, siteUrl?: string): string {
  const relative = `thumbnails/${encodeURIComponent(deckName)}.jpg`
  if (!siteUrl?.trim()) return relative
  let base: URL
  try {
    base = new URL(siteUrl.trim().replace(/\/*$/, '/'))
  } catch {
    throw new Error(`SITE_URL must be the site's absolute URL, such as https://org.github.io/course/, not "${siteUrl}"`)
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error(`SITE_URL must be an http(s) URL, not "${siteUrl}"`)
  return new URL(relative, base).href
}
