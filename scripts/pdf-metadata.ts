import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib'

export interface OutlineItem {
  title: string
  /** 1 for `#`, 2 for `##`...: deeper items nest under the previous shallower one. */
  level: number
  /** 0-based page (= slide) index. */
  page: number
}

export interface PdfMeta {
  title: string
  author: string
  description: string
  lang: string
  keywords: string[]
}

interface OutlineNode {
  item: OutlineItem
  ref: PDFRef
  children: OutlineNode[]
}

/** Turns the flat heading list into a tree: each item nests under the last shallower one. */
function nest(items: OutlineItem[], refOf: () => PDFRef): OutlineNode[] {
  const roots: OutlineNode[] = []
  const stack: OutlineNode[] = []
  for (const item of items) {
    const node = { item, ref: refOf(), children: [] }
    while (stack.length > 0 && stack[stack.length - 1].item.level >= item.level) stack.pop()
    ;(stack.length > 0 ? stack[stack.length - 1].children : roots).push(node)
    stack.push(node)
  }
  return roots
}

/** Writes one level of outline dictionaries (PDF 1.7, 12.3.3) and, recursively, the levels below. */
function writeLevel(doc: PDFDocument, nodes: OutlineNode[], parent: PDFRef): void {
  const pages = doc.getPages()
  nodes.forEach((node, i) => {
    const page = pages[Math.min(node.item.page, pages.length - 1)]
    const dict = doc.context.obj({
      Title: PDFHexString.fromText(node.item.title),
      Parent: parent,
      Dest: [page.ref, PDFName.of('Fit')],
    })
    if (i > 0) dict.set(PDFName.of('Prev'), nodes[i - 1].ref)
    if (i < nodes.length - 1) dict.set(PDFName.of('Next'), nodes[i + 1].ref)
    if (node.children.length > 0) {
      dict.set(PDFName.of('First'), node.children[0].ref)
      dict.set(PDFName.of('Last'), node.children[node.children.length - 1].ref)
      // Negative count: the entry starts closed, so readers show the sections first.
      dict.set(PDFName.of('Count'), PDFNumber.of(-countAll(node.children)))
      writeLevel(doc, node.children, node.ref)
    }
    doc.context.assign(node.ref, dict)
  })
}

const countAll = (nodes: OutlineNode[]): number => nodes.reduce((s, n) => s + 1 + countAll(n.children), 0)

/**
 * Adds document metadata and bookmarks (one per slide heading) to the PDF
 * Chromium printed. Chromium writes neither.
 */
export async function finishPdf(bytes: Uint8Array, meta: PdfMeta, outline: OutlineItem[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false })
  doc.setTitle(meta.title, { showInWindowTitleBar: true })
  if (meta.author) doc.setAuthor(meta.author)
  if (meta.description) doc.setSubject(meta.description)
  if (meta.keywords.length > 0) doc.setKeywords(meta.keywords)
  doc.setLanguage(meta.lang || 'en')
  doc.setCreator('DSI slide pipeline (Marp)')
  doc.setProducer('Chromium + pdf-lib')
  // No dates: Chromium's creation time, compressed in an object stream with
  // the rest of the document info, made the size of the same deck's PDF vary
  // by a byte from build to build, and with it the size the course index shows.
  // Without them, the same deck gives the same PDF, byte for byte.
  const info = doc.context.lookupMaybe(doc.context.trailerInfo.Info, PDFDict)
  info?.delete(PDFName.of('CreationDate'))
  info?.delete(PDFName.of('ModDate'))

  const items = outline.filter((o) => o.title.trim() !== '' && o.page < doc.getPageCount())
  if (items.length > 0) {
    const rootRef = doc.context.nextRef()
    const roots = nest(items, () => doc.context.nextRef())
    writeLevel(doc, roots, rootRef)
    doc.context.assign(
      rootRef,
      doc.context.obj({
        Type: 'Outlines',
        First: roots[0].ref,
        Last: roots[roots.length - 1].ref,
        Count: PDFNumber.of(countAll(roots)),
      }),
    )
    doc.catalog.set(PDFName.of('Outlines'), rootRef)
    doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
  }
  return doc.save({ useObjectStreams: true })
}
