import { readFile, readdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../scripts/build.js'
import { tempProject, testBuildOptions } from './helpers/project.js'

const allFormats = (root: string) => testBuildOptions(root, { formats: ['html', 'pdf', 'pptx'], concurrency: 2 })

/** Builds the three-slide fixture deck to every format, once, and inspects the files. */
describe('build: a three-slide deck to HTML, PDF and PPTX', () => {
  let root = ''
  let cleanup = async () => {}
  let result: BuildResult
  const site = () => path.join(root, 'site')

  beforeAll(async () => {
    ;({ root, cleanup } = await tempProject('build-basic'))
    result = await build(allFormats(root))
  }, 180_000)
  afterAll(() => cleanup())

  it('publishes every format with no findings and no failures', async () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(result.failures).toEqual([])
    expect(result.exitCode).toBe(0)
    const files = await readdir(site())
    expect(files).toEqual(expect.arrayContaining(['intro.html', 'intro.pdf', 'intro.pptx', 'index.html']))
  })

  it('PDF: one page per slide, each slide title in the text, metadata from the front matter', async () => {
    const pdf = await getDocument({ data: new Uint8Array(await readFile(path.join(site(), 'intro.pdf'))) }).promise
    expect(pdf.numPages).toBe(3)
    const text: string[] = []
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent()
      text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
    }
    expect(text[0]).toContain('Fixture Lecture')
    expect(text[1]).toContain('A Figure Slide')
    expect(text[2]).toContain('Notes Slide')
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, string> }
    expect(info.Title).toBe('Fixture Lecture')
    expect(info.Author).toBe('Test Author')
    const outline = await pdf.getOutline()
    expect(outline.map((o) => o.title)).toContain('Fixture Lecture')
    await pdf.destroy()
  })

  it('PPTX: a valid zip with one slide part per slide and the speaker notes', async () => {
    const zip = await JSZip.loadAsync(await readFile(path.join(site(), 'intro.pptx')))
    const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    expect(slides).toHaveLength(3)
    const notes = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    )
    expect(notes.join('\n')).toContain('Remember to mention the speaker notes.')
  })

  it('HTML: one section per slide, the DSI theme, and a logo that resolves', async () => {
    const html = await readFile(path.join(site(), 'intro.html'), 'utf8')
    expect(html.match(/<section[\s>]/g)).toHaveLength(3)
    expect(html).toContain('data-theme="dsi-certificates-theme"')
    // Theme assets are inlined, so the logo works from any base path and from disk.
    expect(html).toMatch(/url\((["']?)data:image\/svg\+xml;base64,/)
    expect(html).not.toMatch(/url\((["']?)(\.\.\/|\.\/)?themes\/assets/)
    // The deck's own image is rewritten to a path inside the site, and copied there.
    expect(html).toContain('src="images/square.svg"')
    const svg = await readFile(path.join(site(), 'images/square.svg'), 'utf8')
    expect(svg).toContain('@font-face')
  })

  it('HTML loads nothing from the network', async () => {
    const html = await readFile(path.join(site(), 'intro.html'), 'utf8')
    const external = [...html.matchAll(/(?:src|href)=["'](https?:\/\/[^"']+)/g)].map((m) => m[1])
    expect(external).toEqual([])
  })

  it('a rebuild with nothing changed reuses every output from the cache', async () => {
    const again = await build(allFormats(root))
    expect(again.exitCode).toBe(0)
    expect(again.browser).toBeUndefined()
    expect(again.decks[0].files.every((f) => f.cached)).toBe(true)
  })
})

describe('build: errors outside the decks', () => {
  let root = ''
  let cleanup = async () => {}
  beforeAll(async () => {
    ;({ root, cleanup } = await tempProject('build-basic'))
    await writeFile(path.join(root, 'themes', 'broken.css'), 'section { color: red; }\n')
  }, 60_000)
  afterAll(() => cleanup())

  it('a theme file without a @theme name is a theme-invalid error, and nothing is published (as `check` fails)', async () => {
    const result = await build(testBuildOptions(root))
    expect(result.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'themes/broken.css', rule: 'theme-invalid', severity: 'error' })]))
    expect(result.exitCode).toBe(1)
    expect(result.published).toBe(false)
  }, 120_000)

  it('--force builds anyway and still reports it', async () => {
    const result = await build(testBuildOptions(root, { force: true }))
    expect(result.diagnostics.some((d) => d.rule === 'theme-invalid')).toBe(true)
    expect(result.published).toBe(true)
    expect(result.exitCode).toBe(0)
  }, 120_000)
})
