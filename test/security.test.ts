/**
 * An untrusted deck, built to HTML, PDF and PPTX with --force (so the build
 * goes ahead despite its errors): no script reaches the slides, and no byte
 * of a file outside the project reaches any output. One browser for the file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import JSZip from 'jszip'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../scripts/build.js'
import { tempProject } from './helpers/project.js'

const SECRET = 'TOP-SECRET-3c1e9b-do-not-publish'
/** The start of /etc/passwd on any Linux machine. */
const PASSWD = readFileSync('/etc/passwd', 'utf8').split('\n')[0]

let root = ''
let cleanup = async () => {}
let secretFile = ''
let result: BuildResult
const site = (...p: string[]) => path.join(root, 'site', ...p)

function deck(secretName: string): string {
  return `---
title: Untrusted deck
---

# Script and handlers

<script>document.body.innerHTML = 'PWNED-' + 'BY-SCRIPT'</script>

<iframe src="../../${secretName}"></iframe>

<img src="../images/square.svg" alt="A square" onerror="alert(1)" onload="alert(2)">

<a href="javascript:alert(3)">click</a> and <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==">this</a>

<object data="/etc/passwd"></object><embed src="../../${secretName}">

<div class="note" onmouseover="alert(5)">hover</div>

---

# Files outside the project

![The password file](/etc/passwd)

![A secret next to the project](../../${secretName})

![A symlink that leads out](../images/leak.svg)

<img src="file:///etc/passwd" alt="file URL">

![file URL](file:///etc/passwd)

<style>
section { background-image: url(../../${secretName}); }
</style>
`
}

beforeAll(async () => {
  ;({ root, cleanup } = await tempProject('build-basic'))
  secretFile = `${root}-secret.txt`
  await writeFile(secretFile, `${SECRET}\n`)
  await rm(path.join(root, 'slides', 'intro.md'))
  await symlink(secretFile, path.join(root, 'images', 'leak.svg'))
  await writeFile(path.join(root, 'slides', 'untrusted.md'), deck(path.basename(secretFile)))
  await mkdir(path.join(root, 'site'), { recursive: true })
  result = await build({
    root,
    outDir: site(),
    formats: ['html', 'pdf', 'pptx'],
    decks: [],
    force: true,
    cache: false,
    concurrency: 1,
    pptxImage: 'jpeg',
    pptxScale: 1,
  })
}, 180_000)

afterAll(async () => {
  await cleanup()
  await rm(secretFile, { force: true })
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name)
    return statSync(file).isDirectory() ? filesUnder(file) : [file]
  })
}

describe('an untrusted deck built with --force', () => {
  it('builds (the errors were reported, --force went ahead)', () => {
    expect(result.failures).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.published).toBe(true)
    expect(readdirSync(site())).toEqual(expect.arrayContaining(['untrusted.html', 'untrusted.pdf', 'untrusted.pptx']))
  })

  it('reports every removal as an html-removed warning on its line', () => {
    const removed = result.diagnostics.filter((d) => d.rule === 'html-removed')
    expect(removed.every((d) => d.severity === 'warning')).toBe(true)
    const at = (line: number) => removed.filter((d) => d.line === line).map((d) => d.message)
    expect(at(7).join()).toContain('<script>')
    expect(at(9).join()).toContain('<iframe>')
    expect(at(11).join()).toContain('onerror')
    expect(at(11).join()).toContain('onload')
    expect(at(13).join()).toContain('javascript:')
    expect(at(13).join()).toContain('data:text/html')
    expect(at(15).join()).toMatch(/<object>[\s\S]*<embed>/)
    expect(at(17).join()).toContain('onmouseover')
  })

  it('reports every file outside the project', () => {
    const outside = result.diagnostics.filter((d) => d.rule === 'asset-outside-project' && d.severity === 'error')
    const lines = outside.map((d) => d.line)
    expect(lines).toEqual(expect.arrayContaining([23, 25, 27]))
    expect(outside.find((d) => d.line === 27)?.message).toContain(secretFile)
  })

  it('HTML: no script, frame, embed, handler or unsafe URL in the slide markup', () => {
    const html = readFileSync(site('untrusted.html'), 'utf8')
    const slides = (html.match(/<section\b[\s\S]*?<\/section>/g) ?? []).join('\n')
    expect(slides).toContain('Script and handlers')
    expect(slides).not.toMatch(/<(script|iframe|object|embed)\b/i)
    expect(slides).not.toMatch(/<[^<>]*\son[a-z]+\s*=/i)
    expect(slides).not.toMatch(/\b(href|src|data)\s*=\s*["']?\s*(javascript:|data:text\/html|file:)/i)
    expect(slides).not.toMatch(/url\(\s*["']?file:/i)
  })

  it('no byte of the secret or of /etc/passwd in any file of the site', () => {
    for (const file of filesUnder(site())) {
      const bytes = readFileSync(file)
      expect(bytes.includes(SECRET), file).toBe(false)
      expect(bytes.includes(PASSWD), file).toBe(false)
    }
    expect(readdirSync(site('images'))).not.toContain('leak.svg')
  })

  it('PDF: neither in the extracted text nor in the raw bytes', async () => {
    const bytes = readFileSync(site('untrusted.pdf'))
    expect(bytes.includes(SECRET)).toBe(false)
    expect(bytes.includes(PASSWD)).toBe(false)
    const pdf = await getDocument({ data: new Uint8Array(bytes) }).promise
    const text: string[] = []
    for (let i = 1; i <= pdf.numPages; i++) {
      const content = await (await pdf.getPage(i)).getTextContent()
      text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
    }
    await pdf.destroy()
    expect(text.join('\n')).toContain('Files outside the project')
    expect(text.join('\n')).not.toContain(SECRET)
    expect(text.join('\n')).not.toContain(PASSWD)
    // The stripped script shows as text; had it run, its joined string would be there.
    expect(text.join('\n')).not.toContain('PWNED-BY-SCRIPT')
  })

  it('PPTX: in no part of the zip', async () => {
    const zip = await JSZip.loadAsync(readFileSync(site('untrusted.pptx')))
    const parts = Object.values(zip.files).filter((f) => !f.dir)
    expect(parts.length).toBeGreaterThan(5)
    for (const part of parts) {
      const bytes = Buffer.from(await part.async('uint8array'))
      expect(bytes.includes(SECRET), part.name).toBe(false)
      expect(bytes.includes(PASSWD), part.name).toBe(false)
    }
  })
})
