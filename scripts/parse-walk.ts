/**
 * Walks Marp's token stream once and fills the deck: slides, headings,
 * notes, directive comments, images, links, HTML, styles, citations and
 * reference entries, each with its source position.
 */
import type { Deck, ImageRef, Position, RefSource, Slide } from './deck.js'
import { urlsInCss, urlsInValue } from './css-urls.js'
import type { Token } from './marp-parser.js'
import { findCitations } from './parse-citations.js'
import { commentDirectives } from './parse-directives.js'
import { attribute, scanHtml } from './parse-html.js'
import { scanInline } from './parse-inline.js'
import { isReferencesTitle, parseEntry } from './parse-references.js'
import type { PositionOf, SourceLines } from './parse-source.js'

/** Marp image keywords: they style the image and are not alt text. */
const IMAGE_KEYWORD =
  /^(bg|contain|cover|fit|auto|left|right|vertical|center|(w|h|width|height):.+|(left|right):\d.*|\d+(\.\d+)?%|(blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(:.*)?)$/

const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/

export class TokenWalker {
  readonly firstSlideHeadings: string[] = []
  private slide: Slide | undefined
  private slideTexts: string[][] = []
  private rowLine = 0
  private rowColumn = 0
  private itemHasEntry: boolean[] = []

  constructor(
    private readonly deck: Deck,
    private readonly lines: SourceLines,
  ) {}

  /** A bug while reading one token is a problem on that line; the rest of the deck is still read. */
  walk(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      try {
        i = this.visit(tokens, i)
      } catch (error) {
        this.deck.problems.push({
          rule: 'parse-error',
          severity: 'error',
          line: (tokens[i].map?.[0] ?? 0) + 1,
          column: 1,
          message: `the parser failed on this ${tokens[i].type} (a bug in the checker): ${(error as Error)?.message ?? String(error)}`,
        })
      }
    }
  }

  /** Reads tokens[i]; returns the index of the last token it consumed. */
  private visit(tokens: Token[], i: number): number {
    const token = tokens[i]
    switch (token.type) {
      case 'marpit_slide_open':
        this.openSlide(token)
        break
      case 'heading_open': {
        const inline = tokens[i + 1]
        if (inline?.type === 'inline') this.inline(inline, Number(token.tag.slice(1)))
        i++
        break
      }
      case 'inline':
      case 'marpit_hidden_inline': // a paragraph of only `bg` images
        this.inline(token, 0)
        break
      case 'tr_open':
        this.rowLine = token.map?.[0] ?? this.rowLine
        this.rowColumn = 0
        break
      case 'list_item_open':
        this.itemHasEntry.push(false)
        break
      case 'list_item_close':
        this.itemHasEntry.pop()
        break
      case 'html_block':
        this.htmlBlock(token)
        break
      case 'marpit_style':
        this.styleBlock(token)
        break
      case 'marpit_comment':
        this.comment(token.content, token.meta, this.at(token.map?.[0] ?? 0, '<!--'), (token.map?.[1] ?? 1))
        break
      default:
        break
    }
    return i
  }

  /** Slide end lines are known only once the next slide (or the end) is seen. */
  finish(): void {
    const slides = this.deck.slides
    slides.forEach((slide, i) => {
      const next = slides[i + 1]
      let end = next ? next.startLine - 1 : this.deck.lineCount
      if (next && HR.test(this.lines.line(next.startLine - 2))) end = next.startLine - 2
      slide.endLine = Math.max(end, slide.startLine - 1)
      slide.text = this.slideTexts[i].join('\n').replace(/[ \t]+/g, ' ').trim()
    })
    this.directiveImages()
  }

  /** `backgroundImage: url(...)` directives, from the front matter or a comment. */
  private directiveImages(): void {
    for (const d of this.deck.directives) {
      if (d.name === 'style' && typeof d.value === 'string') this.styleDirective(d.value, d.line)
      if (d.name !== 'backgroundImage' || typeof d.value !== 'string') continue
      const lineText = this.lines.line(d.line - 1)
      for (const url of urlsInValue(d.value)) {
        const col = lineText.indexOf(d.value.slice(url.offset), d.column - 1)
        this.deck.images.push({
          src: url.url, source: 'directive-url', alt: '', keywords: [], description: '', slide: d.slide,
          baseFile: this.deck.path, line: d.line, column: col < 0 ? d.column : col + 1,
        })
      }
    }
  }

  /**
   * The `style` global directive is CSS written in YAML (often a block
   * scalar), so its url()s are found in the CSS and then looked up in the
   * lines that follow the directive.
   */
  private styleDirective(css: string, line: number): void {
    for (const url of urlsInCss(css).urls) {
      let position: Position = { line, column: 1 }
      for (let l = line - 1; l < Math.min(this.lines.lines.length, line + css.split('\n').length + 2); l++) {
        const col = this.lines.line(l).indexOf(url.url)
        if (col >= 0) {
          const open = this.lines.line(l).lastIndexOf('url(', col)
          position = { line: l + 1, column: (open >= 0 ? open : col) + 1 }
          break
        }
      }
      this.deck.images.push({ src: url.url, source: 'style-url', alt: '', keywords: [], description: '', slide: 0, baseFile: this.deck.path, ...position })
    }
  }

  private openSlide(token: Token): void {
    const index = this.deck.slides.length
    const mapStart = token.map?.[0] ?? 0
    let startLine = mapStart + 1
    if (index === 0) startLine = this.deck.frontMatterLines ? this.deck.frontMatterLines.end + 1 : 1
    else if (HR.test(this.lines.line(mapStart))) startLine = mapStart + 2
    this.slide = { index, startLine, endLine: startLine, title: '', titleLevel: 0, notes: [], text: '', directives: {} }
    this.deck.slides.push(this.slide)
    this.slideTexts.push([])
  }

  private get slideIndex(): number {
    return this.slide?.index ?? 0
  }

  private at(lineIndex: number, needle: string): Position {
    const col = this.lines.line(lineIndex).indexOf(needle)
    return { line: lineIndex + 1, column: col < 0 ? 1 : col + 1 }
  }

  private onReferencesSlide(): boolean {
    return this.slide !== undefined && isReferencesTitle(this.slide.title)
  }

  private inline(token: Token, headingLevel: number): void {
    const content = token.content
    let map: PositionOf
    if (token.map) map = this.lines.mapper(content, token.map[0])
    else {
      // Table cells carry no map: find the cell in its row, left to right.
      const row = this.lines.line(this.rowLine)
      const found = content ? row.indexOf(content, this.rowColumn) : -1
      const column = found < 0 ? this.rowColumn : found
      this.rowColumn = column + content.length
      map = this.lines.mapper(content, this.rowLine, column)
    }
    const scan = scanInline(content, token.children ?? [])
    const visible = scan.text.replace(/\s+/g, ' ').trim()
    const slide = this.slide
    if (headingLevel > 0 && slide) {
      if (!slide.title) {
        slide.title = visible
        slide.titleLevel = headingLevel
      }
      if (slide.index === 0) this.firstSlideHeadings.push(visible)
    }
    this.slideTexts[this.slideIndex]?.push(scan.text)

    for (const image of scan.images) {
      const marpit = image.token.meta?.marpitImage as { options?: { content: string; consumed: boolean }[] } | undefined
      // Marpit marks the words it understood as consumed; `center` is a project CSS convention.
      const words = marpit?.options?.map((o) => ({ word: o.content, keyword: o.consumed || o.content === 'center' })) ??
        image.alt.split(/\s+/).filter(Boolean).map((w) => ({ word: w, keyword: IMAGE_KEYWORD.test(w) }))
      this.addImage('markdown-image', image.src, image.alt, map(image.offset), {
        keywords: words.filter((w) => w.keyword).map((w) => w.word),
        description: words.filter((w) => !w.keyword).map((w) => w.word).join(' '),
      })
    }
    for (const link of scan.links) this.deck.links.push({ href: link.href, text: link.text, slide: this.slideIndex, ...map(link.offset) })
    for (const html of scan.html) {
      this.deck.html.push({ content: html.content, slide: this.slideIndex, inline: true, ...map(html.offset) })
      this.htmlElements(html.content, (o) => map(html.offset + o))
    }
    for (const comment of scan.comments) this.comment(comment.content, comment.meta, map(comment.offset), 0)

    if (this.onReferencesSlide()) {
      // Entries are the outermost list items; nested items are notes on them.
      const inItem = this.itemHasEntry.length === 1
      if (inItem && !this.itemHasEntry[this.itemHasEntry.length - 1] && headingLevel === 0) {
        this.itemHasEntry[this.itemHasEntry.length - 1] = true
        const fields = parseEntry(visible)
        const start = scan.text.length - scan.text.trimStart().length
        this.deck.references.push({ raw: visible, ...fields, slide: this.slideIndex, ...map(scan.offsets[start] ?? 0) })
      }
      return
    }
    this.citations(scan.text, scan.offsets, map)
  }

  private citations(text: string, offsets: number[], map: PositionOf): void {
    for (const c of findCitations(text)) {
      this.deck.citations.push({ raw: c.raw, author: c.author, year: c.year, slide: this.slideIndex, ...map(offsets[c.offset] ?? 0) })
    }
  }

  private htmlBlock(token: Token): void {
    const first = token.map?.[0] ?? 0
    const map = this.lines.mapper(token.content, first)
    this.deck.html.push({ content: token.content, slide: this.slideIndex, inline: false, ...map(0) })
    const scan = this.htmlElements(token.content, map)
    this.slideTexts[this.slideIndex]?.push(scan.text)
    if (!this.onReferencesSlide()) this.citations(scan.text, scan.offsets, map)
  }

  /** `<img>`, `<a>` and `<style>` inside an HTML fragment. */
  private htmlElements(html: string, map: PositionOf) {
    const scan = scanHtml(html)
    for (const tag of scan.tags) {
      if (tag.closing) continue
      if (tag.name === 'img') {
        const src = attribute(tag, 'src')
        if (src) this.addImage('html-img', src.value, attribute(tag, 'alt')?.value ?? '', map(tag.offset), {})
      } else if (tag.name === 'a') {
        const href = attribute(tag, 'href')
        if (href) this.deck.links.push({ href: href.value, text: '', slide: this.slideIndex, ...map(tag.offset) })
      }
    }
    for (const style of scan.styles) this.addStyle(style.css, (o) => map(style.offset + o))
    return scan
  }

  private styleBlock(token: Token): void {
    const first = token.map?.[0] ?? 0
    const css = token.content
    const firstCssLine = css.split('\n')[0].trim()
    let line = first
    const last = token.map?.[1] ?? first + 1
    // The CSS starts after the opening tag: on its line only if text follows the `>`.
    const afterTag = this.lines.line(first).slice(this.lines.line(first).indexOf('>') + 1)
    if (firstCssLine && !afterTag.includes(firstCssLine)) {
      for (let l = first + 1; l < last; l++) {
        if (this.lines.line(l).includes(firstCssLine)) {
          line = l
          break
        }
      }
    }
    const fromColumn = line === first ? Math.max(this.lines.line(line).indexOf('>') + 1, 0) : 0
    this.addStyle(css, this.lines.mapper(css, line, fromColumn))
  }

  private addStyle(css: string, map: PositionOf): void {
    this.deck.styles.push({ css, slide: this.slideIndex, ...map(0) })
    const scan = urlsInCss(css)
    if (scan.error) {
      this.deck.problems.push({ rule: 'parse-error', severity: 'warning', message: `this <style> block is not valid CSS: ${scan.error.message}`, ...map(scan.error.offset) })
    }
    for (const url of scan.urls) this.addImage('style-url', url.url, '', map(url.offset), {})
  }

  private comment(content: string, meta: Record<string, unknown> | null | undefined, position: Position, endLine: number): void {
    if (meta?.marpitCommentParsed === 'directive') {
      const parsed = (meta.marpitParsedDirectives ?? {}) as Record<string, unknown>
      this.deck.directives.push(...commentDirectives(parsed, this.slideIndex, position, (i) => this.lines.line(i), Math.max(endLine, position.line)))
      return
    }
    if (meta?.marpitCommentParsed) return // prettier-ignore and friends
    this.slide?.notes.push(content)
  }

  private addImage(
    source: RefSource,
    src: string,
    alt: string,
    position: Position,
    extra: { keywords?: string[]; description?: string },
  ): void {
    const image: ImageRef = {
      src,
      source,
      alt,
      keywords: extra.keywords ?? [],
      description: extra.description ?? alt,
      slide: this.slideIndex,
      baseFile: this.deck.path,
      ...position,
    }
    this.deck.images.push(image)
  }
}
