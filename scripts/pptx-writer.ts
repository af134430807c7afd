import JSZip from 'jszip'
import pptxgenjs from 'pptxgenjs'

// pptxgenjs ships ES-module types without "type": "module", so TypeScript sees
// the default export one level down; at run time Node's import gives the class.
const PptxGenJS = ((pptxgenjs as unknown as { default?: typeof pptxgenjs.default }).default ??
  pptxgenjs) as unknown as typeof pptxgenjs.default

export interface PptxSlide {
  /** The rendered slide, full bleed. */
  image: Uint8Array
  imageType: 'png' | 'jpeg'
  notes: string
}

export interface PptxMeta {
  title: string
  author: string
  description: string
  lang: string
  /** Slide size in CSS pixels (96 per inch, as PowerPoint counts). */
  width: number
  height: number
}

/**
 * Builds a PPTX whose slides are the rendered slide images (what marp-cli
 * does too: the look is exact, text is not editable) with the speaker notes
 * carried into PowerPoint's notes pane.
 *
 * pptxgenjs takes images only as base64 text, which JSZip decodes again in
 * JavaScript and then deflates: 2.5 s of the build's Node time on the
 * 450-slide bench course, for JPEGs that do not compress. So pptxgenjs lays
 * out the slides around a two-byte stand-in, and the real image bytes are
 * put into its zip afterwards, stored as they are.
 */
export async function writePptx(slides: PptxSlide[], meta: PptxMeta): Promise<Uint8Array> {
  const pptx = new PptxGenJS()
  pptx.defineLayout({ name: 'DECK', width: meta.width / 96, height: meta.height / 96 })
  pptx.layout = 'DECK'
  pptx.title = meta.title
  if (meta.author) pptx.author = meta.author
  if (meta.description) pptx.subject = meta.description
  pptx.company = 'Data Science Institute'
  pptx.theme = { lang: meta.lang || 'en' } as never
  for (const slide of slides) {
    const s = pptx.addSlide()
    s.addImage({ data: `${mimeOf(slide)};base64,AAA=`, x: 0, y: 0, w: meta.width / 96, h: meta.height / 96 })
    if (slide.notes.trim()) s.addNotes(slide.notes)
  }
  const laidOut = (await pptx.write({ outputType: 'uint8array', compression: false })) as Uint8Array
  const zip = await JSZip.loadAsync(laidOut)
  for (const [i, slide] of slides.entries()) {
    // pptxgenjs names the first image of slide n `ppt/media/image-<n>-1.<ext>`.
    const name = `ppt/media/image-${i + 1}-1.${slide.imageType === 'png' ? 'png' : 'jpeg'}`
    if (!zip.file(name)) throw new Error(`pptxgenjs did not write ${name}: its media naming changed`)
    zip.file(name, slide.image, { binary: true, compression: 'STORE' })
  }
  // The creation time, deflated, made the same deck's PPTX size vary by a byte
  // between builds (and the size the course index shows); stored, its length is fixed.
  const core = zip.file('docProps/core.xml')
  if (core) zip.file('docProps/core.xml', await core.async('uint8array'), { binary: true, compression: 'STORE' })
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } })
}

const mimeOf = (slide: PptxSlide) => (slide.imageType === 'png' ? 'image/png' : 'image/jpeg')
