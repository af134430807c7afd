import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { finishPdf } from '../scripts/pdf-metadata.js'

/** A PDF like Chromium's: two pages, its own creation time. */
async function printed(at: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false })
  doc.addPage([960, 540])
  doc.addPage([960, 540])
  doc.setCreationDate(at)
  doc.setModificationDate(at)
  return doc.save()
}

const meta = { title: 'Lecture 2', author: 'A. Lecturer', description: 'About models', lang: 'en', keywords: [] }
const outline = [
  { title: 'Lecture 2', level: 1, page: 0 },
  { title: 'Second', level: 2, page: 1 },
]

describe('finishPdf', () => {
  it('writes title, author, subject and the bookmarks', async () => {
    const doc = await PDFDocument.load(await finishPdf(await printed(new Date('2026-01-01T00:00:00Z')), meta, outline), { updateMetadata: false })
    expect(doc.getTitle()).toBe('Lecture 2')
    expect(doc.getAuthor()).toBe('A. Lecturer')
    expect(doc.getSubject()).toBe('About models')
    expect(doc.catalog.toString()).toContain('/Outlines')
  })

  it('gives the same bytes for the same slides printed at different times (the index shows stable sizes)', async () => {
    const a = await finishPdf(await printed(new Date('2026-01-01T00:00:00Z')), meta, outline)
    const b = await finishPdf(await printed(new Date('2027-12-31T23:59:59Z')), meta, outline)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const doc = await PDFDocument.load(a, { updateMetadata: false })
    expect(doc.getCreationDate()).toBeUndefined()
  })
})
