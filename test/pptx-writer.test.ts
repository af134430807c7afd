import JSZip from 'jszip'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { writePptx, type PptxSlide } from '../scripts/pptx-writer.js'

// Not real JPEGs: the writer stores the bytes it is given, which is what is checked.
const slides: PptxSlide[] = [
  { image: new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7) % 251)), imageType: 'jpeg', notes: 'First notes' },
  { image: new Uint8Array(Array.from({ length: 2048 }, (_, i) => (i * 13) % 241)), imageType: 'jpeg', notes: '' },
]
const meta = { title: 'Lecture 2', author: 'A. Lecturer', description: 'About models', lang: 'en', width: 1280, height: 720 }

afterEach(() => {
  vi.useRealTimers()
})

describe('writePptx', () => {
  it('stores each slide image byte for byte, in slide order, with the notes', async () => {
    const zip = await JSZip.loadAsync(await writePptx(slides, meta))
    for (const [i, slide] of slides.entries()) {
      const stored = await zip.file(`ppt/media/image-${i + 1}-1.jpeg`)!.async('uint8array')
      expect(Buffer.from(stored).equals(Buffer.from(slide.image))).toBe(true)
    }
    const notes = await zip.file('ppt/notesSlides/notesSlide1.xml')!.async('string')
    expect(notes).toContain('First notes')
  })

  it('has the same size whenever it is written (the creation time is stored, not deflated)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const sizes: number[] = []
    const created: string[] = []
    for (const at of ['2026-01-01T00:00:00.000Z', '2027-09-18T13:47:29.381Z', '2031-12-31T23:59:59.999Z']) {
      vi.setSystemTime(new Date(at))
      const bytes = await writePptx(slides, meta)
      sizes.push(bytes.byteLength)
      created.push(/<dcterms:created[^>]*>([^<]*)</.exec(await (await JSZip.loadAsync(bytes)).file('docProps/core.xml')!.async('string'))![1])
    }
    // The dates really differ, so a deflated core.xml would have different sizes.
    expect(new Set(created).size).toBe(3)
    expect(new Set(sizes).size).toBe(1)
  })
})
