/**
 * Turns a request target into a site path, or null for anything that could
 * step outside what the dev server serves. The path is decoded exactly once;
 * encoded slashes and backslashes are refused before decoding, `.` and `..`
 * segments after it. What remains is only looked up in the server's known set,
 * never joined onto a folder as it is.
 */
export interface SiteRequest {
  /** `images/x.svg`, `02_x.html`; '' for the index. */
  path: string
  query: URLSearchParams
}

export function parseRequestTarget(target: string | undefined): SiteRequest | null {
  // Absolute-form (`http://host/x`), authority-form and `//host/x` are not paths on this site.
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null
  const cut = target.search(/[?#]/)
  const rawPath = cut < 0 ? target : target.slice(0, cut)
  const rawQuery = cut < 0 ? '' : target.slice(cut + 1).replace(/#.*$/, '')
  if (rawPath.includes('\\') || /%(?:2f|5c|00)/i.test(rawPath)) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return null
  const segments = decoded.slice(1).split('/')
  if (segments.length > 1 && segments.some((s) => s === '')) return null
  if (segments.some((s) => s === '.' || s === '..')) return null
  return { path: segments.join('/'), query: new URLSearchParams(rawQuery) }
}
