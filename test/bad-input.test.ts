/**
 * The hostile corpus (test/fixtures/bad/ plus inputs too large to commit,
 * generated here) through parse + check in-process, through `build()`, and a
 * few through the real CLI. Every input ends in a clear verdict: exit 1 with
 * an error at a position inside the file, or exit 0 when it is odd but valid.
 * Never exit 2, never a stack trace.
 */
import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildOptions } from '../scripts/build.js'
import { checkDecks, type CheckContext } from '../scripts/check.js'
import { loadConfig } from '../scripts/config.js'
import type { Deck, Diagnostic } from '../scripts/deck.js'
import { parseDeck } from '../scripts/parse.js'
import { LINE_BREAK } from '../scripts/parse-source.js'
import { loadThemes } from '../scripts/themes.js'
import { REPO, tempProject, testBuildOptions } from './helpers/project.js'

interface Case {
  deck: string
  /** 1: the deck has an error (rule named); 0: odd but valid, and why; 'either': both are a clear verdict. */
  exit: 0 | 1 | 'either'
  rule?: string
  why: string
}

const CASES: Case[] = [
  { deck: 'empty', exit: 0, why: 'Marp renders an empty file as one blank slide; nothing is wrong or unsafe' },
  { deck: 'front-matter-only', exit: 0, why: 'valid directives and one blank slide' },
  { deck: 'invalid-yaml', exit: 1, rule: 'parse-error', why: 'the front matter cannot be read' },
  { deck: 'front-matter-list', exit: 1, rule: 'parse-error', why: 'front matter must be key: value directives' },
  // Refused as a parse-error when the parser expands aliases with a cap, valid when it never expands them.
  { deck: 'yaml-alias-bomb', exit: 'either', why: 'an alias bomb neither hangs nor crashes' },
  { deck: 'unterminated-front-matter', exit: 0, why: 'Marp reads the rest of the file as front matter; valid, if surprising' },
  { deck: 'misspelt-directives', exit: 0, rule: 'directive-unknown', why: 'Marp ignores unknown keys: warnings that suggest the directive meant' },
  { deck: 'binary-garbage', exit: 1, rule: 'parse-error', why: 'a binary file is not a deck' },
  { deck: 'invalid-utf8', exit: 1, rule: 'parse-error', why: 'the bytes are not UTF-8' },
  { deck: 'crlf', exit: 0, why: 'Windows line endings are valid markdown' },
  { deck: 'lone-cr', exit: 0, why: 'old Mac line endings are valid markdown' },
  { deck: 'bom', exit: 0, why: 'a UTF-8 byte order mark is stripped' },
  { deck: 'unterminated-html', exit: 0, why: 'CommonMark ends an unclosed HTML block at a blank line and a comment at the end of file' },
  { deck: 'unterminated-fence', exit: 0, why: 'CommonMark runs an unclosed fence to the end of the file' },
  { deck: 'only-separators', exit: 0, why: 'empty slides are valid' },
  { deck: 'unterminated-comment', exit: 0, why: 'an unclosed comment is a speaker note to the end of the file' },
  { deck: 'image-paths', exit: 0, why: 'spaces, %20, unicode, ?query and #fragment all resolve to files that exist' },
  { deck: 'image-backslash', exit: 1, rule: 'image-missing', why: 'browsers do not read \\ as a separator' },
  { deck: 'outside-paths', exit: 1, rule: 'asset-outside-project', why: '/etc/passwd and ../../secret are outside the project' },
  { deck: 'self-include', exit: 0, why: 'a link to itself becomes a link to its own page; nothing is inlined, so nothing recurses' },
  { deck: 'hostile-html', exit: 0, rule: 'html-removed', why: 'the allowlist removes the HTML; warnings, not errors' },
  // Generated below: too large to commit, or links that only make sense on this machine.
  { deck: 'many-slides', exit: 0, why: '5,000 slides are valid' },
  { deck: 'long-line', exit: 0, why: 'a 1 MB line is valid' },
  { deck: 'deep-list', exit: 0, why: '1,000-deep lists are valid (markdown-it caps nesting)' },
  { deck: 'deep-quote', exit: 0, why: '1,000-deep block quotes are valid (markdown-it caps nesting)' },
  { deck: 'symlink-outside', exit: 1, rule: 'asset-outside-project', why: 'the image is a symlink to /etc/passwd' },
  { deck: 'deck-symlink', exit: 1, rule: 'asset-outside-project', why: 'the deck file itself is a symlink out of the project' },
]

const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m

let root = ''
let cleanup = async () => {}
let secret = ''
const decks = new Map<string, Deck>()
const checked = new Map<string, Diagnostic[]>()

async function generate(slides: string): Promise<void> {
  const many = Array.from({ length: 5000 }, (_, i) => `# Slide ${i + 1}\n\nText on slide ${i + 1}.\n`).join('\n---\n\n')
  await writeFile(path.join(slides, 'many-slides.md'), many)
  await writeFile(path.join(slides, 'long-line.md'), `# A long line\n\n${'word '.repeat(210_000)}\n`)
  const list = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')
  await writeFile(path.join(slides, 'deep-list.md'), `# Deep list\n\n${list}\n`)
  await writeFile(path.join(slides, 'deep-quote.md'), `# Deep quote\n\n${'> '.repeat(1000)}quoted\n`)
  await symlink('/etc/passwd', path.join(root, 'images', 'passwd.svg'))
  await writeFile(path.join(slides, 'symlink-outside.md'), '# Symlink\n\n![A leak](../images/passwd.svg)\n')
  await symlink(secret, path.join(slides, 'deck-symlink.md'))
}

/** Every position lies inside the file: a real line, and a column at most one past its end. */
function outsideFile(deck: Deck, diagnostics: { file: string; line: number; column: number }[]): string[] {
  const lines = deck.source.split(LINE_BREAK)
  return diagnostics
    .filter((d) => d.file === deck.relPath)
    .filter((d) => !(d.line >= 1 && d.line <= lines.length && d.column >= 1 && d.column <= lines[d.line - 1].length + 1))
    .map((d) => `${d.file}:${d.line}:${d.column}`)
}

const options = (extra: Partial<BuildOptions>) => testBuildOptions(root, extra)

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', path.join(REPO, 'scripts/cli.ts'), ...args], { cwd: root, env: { ...process.env, CI: '1' }, maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 2) : 0, stdout, stderr }),
    )
  })
}

beforeAll(async () => {
  ;({ root, cleanup } = await tempProject('bad'))
  secret = `${root}-secret.txt`
  await writeFile(secret, 'TOP-SECRET-DECK-BYTES\n')
  // Spelling is not under test here and loads large dictionaries: keep the file fast.
  await writeFile(path.join(root, 'course.config.json'), JSON.stringify({ title: 'Bad input', rules: { spelling: 'off' } }))
  await generate(path.join(root, 'slides'))
  const { themes } = await loadThemes(path.join(root, 'themes'), root)
  const { config } = await loadConfig(root)
  const ctx: CheckContext = { root, themes, config }
  for (const c of CASES) {
    const file = path.join(root, 'slides', `${c.deck}.md`)
    const deck = parseDeck({ path: file, root, source: await readFile(file) })
    const result = await checkDecks([deck], ctx)
    expect(result.toolFailures, c.deck).toEqual([])
    decks.set(c.deck, deck)
    checked.set(c.deck, result.diagnostics)
  }
}, 120_000)

afterAll(async () => {
  await cleanup()
  await rm(secret, { force: true })
})

describe('every corpus file is in the table, and every table entry exists', () => {
  it('covers test/fixtures/bad/slides', () => {
    const committed = readdirSync(path.join(REPO, 'test/fixtures/bad/slides')).map((f) => f.replace(/\.md$/, ''))
    expect(CASES.map((c) => c.deck)).toEqual(expect.arrayContaining(committed))
    expect(CASES.length).toBeGreaterThanOrEqual(27)
  })
})

describe('parse + check in-process: a verdict with positions inside the file', () => {
  for (const c of CASES) {
    it(`${c.deck}: ${c.exit === 1 ? `error (${c.rule})` : c.exit === 0 ? 'valid' : 'a verdict'}: ${c.why}`, () => {
      const diagnostics = checked.get(c.deck)!
      const errors = diagnostics.filter((d) => d.severity === 'error')
      if (c.exit === 1) expect(errors.map((d) => d.rule)).toContain(c.rule)
      else if (c.exit === 0) expect(errors.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual([])
      else expect(errors.every((d) => d.rule === 'parse-error')).toBe(true)
      if (c.rule && c.exit === 0) expect(diagnostics.map((d) => d.rule)).toContain(c.rule)
      if (c.rule === 'directive-unknown') expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/did you mean "theme"[\s\S]*did you mean "paginate"[\s\S]*did you mean "_class"/)
      expect(outsideFile(decks.get(c.deck)!, diagnostics)).toEqual([])
    })
  }

  it('the large inputs parse fully: 5,000 slides, a 1 MB line, 1,000 nesting levels', () => {
    expect(decks.get('many-slides')!.slides).toHaveLength(5000)
    expect(decks.get('long-line')!.source.length).toBeGreaterThan(1_000_000)
    expect(decks.get('deep-list')!.lineCount).toBe(1002)
  })
})

describe('build() in-process', () => {
  const bad = CASES.filter((c) => c.exit === 1).map((c) => c.deck)
  const good = CASES.filter((c) => c.exit === 0).map((c) => c.deck)
  const either = CASES.filter((c) => c.exit === 'either').map((c) => c.deck)

  it('refuses exactly the decks with errors and writes nothing', async () => {
    const result = await build(options({ decks: bad }))
    expect(result.exitCode).toBe(1)
    expect(result.failures).toEqual([])
    expect([...result.refused].sort()).toEqual([...bad].sort())
    expect(result.published).toBe(false)
    expect(existsSync(path.join(root, 'site'))).toBe(false)
  }, 60_000)

  it('builds every odd-but-valid deck: one HTML section per parsed slide', async () => {
    const result = await build(options({ decks: good }))
    expect(result.failures).toEqual([])
    expect(result.exitCode).toBe(0)
    for (const name of good) {
      const html = readFileSync(path.join(root, 'site', `${name}.html`), 'utf8')
      const sections = html.match(/<section\b[^>]*\bid="\d+"/g) ?? []
      expect(sections.length, name).toBe(decks.get(name)!.slides.length)
    }
  }, 90_000)

  it('with --force builds the broken decks too, without a crash; a symlinked deck never', async () => {
    const forced = await build(options({ decks: [...bad.filter((d) => d !== 'deck-symlink'), ...either], force: true }))
    expect(forced.failures).toEqual([])
    expect(forced.exitCode).toBe(0)
    const never = await build(options({ decks: ['deck-symlink'], force: true }))
    expect(never.exitCode).toBe(1)
    expect(never.refused).toEqual(['deck-symlink'])
    const site = path.join(root, 'site')
    expect(readdirSync(site).some((f) => f.startsWith('deck-symlink'))).toBe(false)
    for (const f of readdirSync(site).filter((n) => n.endsWith('.html'))) {
      expect(readFileSync(path.join(site, f), 'utf8'), f).not.toContain('TOP-SECRET')
    }
  }, 60_000)
})

describe('the real CLI (npx tsx scripts/cli.ts)', () => {
  const committed = CASES.slice(0, 21).map((c) => `slides/${c.deck}.md`)

  it('check over the committed corpus: exit 1, JSON positions inside each file, no stack trace', async () => {
    const { code, stdout, stderr } = await cli(['check', '--format', 'json', ...committed])
    expect(code).toBe(1)
    expect(stdout).toContain('"file": "slides/invalid-yaml.md"')
    expect(stderr).not.toMatch(STACK_TRACE)
    const found = JSON.parse(stdout) as Diagnostic[]
    for (const c of CASES.slice(0, 21)) {
      const mine = found.filter((d) => d.file === `slides/${c.deck}.md`)
      if (c.exit !== 'either') expect(mine.some((d) => d.severity === 'error'), c.deck).toBe(c.exit === 1)
      expect(outsideFile(decks.get(c.deck)!, mine)).toEqual([])
    }
  }, 60_000)

  it('check exits 0 on odd but valid decks (CRLF, BOM, unclosed fence)', async () => {
    const odd = await cli(['check', 'slides/crlf.md', 'slides/bom.md', 'slides/unterminated-fence.md'])
    expect(odd.code).toBe(0)
    expect(odd.stdout).toMatch(/no problems/)
    expect(odd.stderr).not.toMatch(STACK_TRACE)
  }, 60_000)

  it('build refuses a binary deck (exit 1, nothing published) and builds odd but valid ones (exit 0)', async () => {
    await rm(path.join(root, 'site'), { recursive: true, force: true })
    const [refused, built] = await Promise.all([
      cli(['build', '--format', 'html', '--out', 'site-refused', 'binary-garbage', 'invalid-utf8']),
      cli(['build', '--format', 'html', '--out', 'site-built', 'crlf', 'bom', 'image-paths', 'hostile-html']),
    ])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toMatch(/^slides\/binary-garbage\.md:1:1 error parse-error this is a binary file/m)
    expect(existsSync(path.join(root, 'site-refused'))).toBe(false)
    expect(built.code).toBe(0)
    expect(built.stdout).toMatch(/^slides\/hostile-html\.md:\d+:\d+ warning html-removed /m)
    expect(readdirSync(path.join(root, 'site-built'))).toEqual(expect.arrayContaining(['crlf.html', 'bom.html', 'image-paths.html']))
    expect(refused.stderr + built.stderr).not.toMatch(STACK_TRACE)
    await mkdir(path.join(root, 'site'), { recursive: true })
  }, 90_000)
})
