/**
 * The per-slide fingerprints of the print document: what each PPTX slide
 * image is cached under. They must change exactly when a slide's picture can.
 */
import { describe, expect, it } from 'vitest'
import { createMarp, renderPrintDocument, type SlideFingerprints } from '../scripts/render-print.js'

const meta = { title: 'Fingerprints', lang: 'en', width: 1280, height: 720 }
const marp = createMarp([])

const deck = (slides: string[], front = 'paginate: true') => ['---', 'marp: true', front, '---', '', slides.join('\n\n---\n\n'), ''].join('\n')
const SLIDES = ['# Title', '## Two\n\nSome text.', '## Three\n\n$x^2$ math', '## Four\n\n<!-- _class: invert -->\n\nLast.']

function fingerprints(markdown: string): SlideFingerprints {
  const print = renderPrintDocument(marp, markdown, meta)
  expect(print.fingerprints?.slides).toHaveLength(print.slideCount)
  return print.fingerprints!
}

/** Indices of the slides whose fingerprint differs. */
const changed = (a: SlideFingerprints, b: SlideFingerprints) => a.slides.flatMap((f, i) => (f === b.slides[i] ? [] : [i]))

describe('renderPrintDocument: slide fingerprints', () => {
  it('one per slide, all different, and the same for the same deck', () => {
    const a = fingerprints(deck(SLIDES))
    expect(new Set(a.slides).size).toBe(SLIDES.length)
    expect(fingerprints(deck(SLIDES))).toEqual(a)
  })

  it('a scoped style renders the same twice (Marpit picks a random scope key per render)', () => {
    const scoped = [...SLIDES]
    scoped[1] += '\n\n<style scoped>h2 { color: red; animation: spin 1s } @keyframes spin { from { opacity: 0 } }</style>'
    const first = renderPrintDocument(marp, deck(scoped), meta)
    const second = renderPrintDocument(marp, deck(scoped), meta)
    expect(second.html).toBe(first.html)
    expect(second.fingerprints).toEqual(first.fingerprints)
    // Still scoped: the rule applies to slide 2's section only.
    expect(first.html).toMatch(/section\[data-marpit-scope-slide2\][^{]*\{color:red/)
    expect(first.html).toMatch(/<section id="2" data-marpit-scope-slide2=""/)
  })

  it("editing slide 2's text changes slide 2's fingerprint only", () => {
    const edited = [...SLIDES]
    edited[1] = '## Two\n\nSome revised text.'
    const [a, b] = [fingerprints(deck(SLIDES)), fingerprints(deck(edited))]
    expect(changed(a, b)).toEqual([1])
    expect(b.shared).toBe(a.shared)
  })

  it('a slide inserted before slide 3 changes every slide: each carries the slide total, and later ones their number', () => {
    const inserted = [...SLIDES.slice(0, 2), '## New', ...SLIDES.slice(2)]
    const [a, b] = [fingerprints(deck(SLIDES)), fingerprints(deck(inserted))]
    // data-marpit-pagination-total is on every slide when paginate is on.
    expect(changed(a, { ...b, slides: b.slides.slice(0, 4) })).toEqual([0, 1, 2, 3])
  })

  it('without pagination, a slide inserted before slide 3 keeps slides 1 and 2 and changes the later ones (their id is the slide number)', () => {
    const inserted = [...SLIDES.slice(0, 2), '## New', ...SLIDES.slice(2)]
    const [a, b] = [fingerprints(deck(SLIDES, 'paginate: false')), fingerprints(deck(inserted, 'paginate: false'))]
    expect(b.slides.slice(0, 2)).toEqual(a.slides.slice(0, 2))
    expect(b.slides.slice(3)).not.toContain(a.slides[2])
    expect(b.slides.slice(3)).not.toContain(a.slides[3])
  })

  it('theme CSS, a <style> block and the slide size change the shared hash, not the slides', () => {
    const base = fingerprints(deck(SLIDES))
    const themed = createMarp([{ name: 'plain', css: '/* @theme plain */\nsection { background: #eee; }' } as never])
    const withTheme = renderPrintDocument(themed, deck(SLIDES, 'paginate: true\ntheme: plain'), meta).fingerprints!
    const themedMarp = createMarp([{ name: 'plain', css: '/* @theme plain */\nsection { background: #ddd; }' } as never])
    const otherTheme = renderPrintDocument(themedMarp, deck(SLIDES, 'paginate: true\ntheme: plain'), meta).fingerprints!
    expect(otherTheme.shared).not.toBe(withTheme.shared)
    expect(otherTheme.slides).toEqual(withTheme.slides)

    // A <style> block in a slide styles every slide: it is part of the shared CSS, not of its slide.
    const styled = fingerprints(deck([...SLIDES.slice(0, 3), `${SLIDES[3]}\n\n<style>section { color: #333; }</style>`]))
    expect(styled.shared).not.toBe(base.shared)
    expect(styled.slides).toEqual(base.slides)

    const wide = renderPrintDocument(marp, deck(SLIDES), { ...meta, width: 960 }).fingerprints!
    expect(wide.shared).not.toBe(base.shared)
  })
})
