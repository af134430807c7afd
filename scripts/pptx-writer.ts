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
    const mime = slide.imageType === 'png' ? 'image/png' : 'image/jpeg'
    s.addImage({
      data: `${mime};base64,${Buffer.from(slide.image).toString('base64')}`,
      x: 0,
      y: 0,
      w: meta.width / 96,
      h: meta.height / 96,
    })
    if (slide.notes.trim()) s.addNotes(slide.notes)
  }
  const out = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength)
}
