/**
 * The one parsed model of a deck. `parse` builds it once; checks, render,
 * convert and publish only read it. Positions are 1-based lines and columns
 * in the original source (after BOM removal, CRLF counted as one line end).
 */

export type Severity = 'error' | 'warning'

/** A 1-based position in a source file. */
export interface Position {
  line: number
  column: number
}

/** Where a reference comes from: it decides what the path resolves against. */
export type RefSource =
  | 'markdown-image' // ![alt](src), including Marp `bg` images
  | 'html-img' // <img src> in inline or block HTML
  | 'style-url' // url(...) in a deck's <style> block
  | 'directive-url' // url(...) in backgroundImage / _backgroundImage directives
  | 'theme-url' // url(...) in theme CSS, resolved against the CSS file

export interface ImageRef extends Position {
  /** The URL exactly as written (still percent-encoded, query and fragment kept). */
  src: string
  source: RefSource
  /** Alt text as written (markdown images and <img alt>); '' when absent. */
  alt: string
  /** Marp keywords found in the alt text (bg, center, h:400px, right:40%, ...). */
  keywords: string[]
  /** Alt text with Marp keywords removed: what a screen reader would read. */
  description: string
  /** 0-based index of the slide it sits on (-1 for theme assets). */
  slide: number
  /** File the path resolves against (the deck, or the theme CSS for theme-url). */
  baseFile: string
}

export interface LinkRef extends Position {
  href: string
  text: string
  slide: number
}

export interface Citation extends Position {
  /** The citation text as written, e.g. "(Hoffmann et al., 2022)" or "Huyen (2025)". */
  raw: string
  /** First author's surname, or the organisation as written ("CommonCrawl"). */
  author: string
  year: string
  slide: number
}

export interface ReferenceEntry extends Position {
  /** The whole list item text. */
  raw: string
  /** First author's surname (or organisation) and the year, as read from the entry. */
  author: string
  year: string
  slide: number
}

export interface Directive extends Position {
  name: string
  value: unknown
  /** Where it was set: the front matter, or an HTML comment on a slide. */
  origin: 'front-matter' | 'comment'
  /** `_name` (spot) directives apply to one slide only. */
  scoped: boolean
  slide: number
}

export interface HtmlFragment extends Position {
  /** The raw HTML as written. */
  content: string
  slide: number
  inline: boolean
}

export interface StyleBlock extends Position {
  css: string
  slide: number
}

export interface Slide {
  /** 0-based index. */
  index: number
  /** 1-based inclusive line range in the source, separators excluded. */
  startLine: number
  endLine: number
  /** Text of the first heading on the slide, '' if none. */
  title: string
  /** Level of that heading (1-6), 0 if none. */
  titleLevel: number
  /** Speaker notes: HTML comments that are not directives. */
  notes: string[]
  /** Plain visible text of the slide (no code, no HTML tags), for spell checks. */
  text: string
  /** Directives in effect on this slide (global, inherited local, and spot). */
  directives: Record<string, unknown>
}

export interface ParseProblem extends Position {
  rule: string
  severity: Severity
  message: string
}

export interface Deck {
  /** Absolute path of the deck file. */
  path: string
  /** Path relative to the project root, with forward slashes: what diagnostics print. */
  relPath: string
  /** Deck name: file name without `.md`; output files use it unchanged. */
  name: string
  /** The source with BOM stripped and line endings as they were. */
  source: string
  /** Number of lines in the source. */
  lineCount: number
  /** Parsed YAML front matter ({} when absent or invalid). */
  frontMatter: Record<string, unknown>
  /** Line range of the front matter block, or null when there is none. */
  frontMatterLines: { start: number; end: number } | null
  /** Global directives merged from front matter and comments (theme, paginate, size, ...). */
  globals: Record<string, unknown>
  /** `theme` global directive, or '' when absent (Marp then uses `default`). */
  theme: string
  title: string
  subtitle: string
  description: string
  author: string
  lang: string
  /** Slide size from the `size` directive: 16:9 is 1280x720 in Marp's default theme. */
  width: number
  height: number
  slides: Slide[]
  directives: Directive[]
  images: ImageRef[]
  links: LinkRef[]
  citations: Citation[]
  references: ReferenceEntry[]
  html: HtmlFragment[]
  styles: StyleBlock[]
  /** Problems found while parsing (bad YAML, unknown directive...): reported by checks. */
  problems: ParseProblem[]
}

export interface Diagnostic extends Position {
  /** Project-relative path, forward slashes. */
  file: string
  severity: Severity
  rule: string
  message: string
}
