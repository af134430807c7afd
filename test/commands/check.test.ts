import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCommand } from '../../scripts/commands/check.js'
import { ToolError, type CommandIo } from '../../scripts/commands/command.js'

let root = ''

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'check-command-'))
  mkdirSync(path.join(root, 'slides'))
  mkdirSync(path.join(root, 'images'))
  writeFileSync(path.join(root, 'package.json'), '{"private": true}\n')
  writeFileSync(path.join(root, 'images', 'ok.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n')
  writeFileSync(path.join(root, 'slides', '01_clean.md'), '# Clean\n\n![ok](../images/ok.svg)\n')
  writeFileSync(path.join(root, 'slides', '02_broken.md'), '# Broken\n\n![gone](../images/gone.svg)\n\n![remote](https://example.com/x.png)\n')
  writeFileSync(path.join(root, 'slides', '03_warned.md'), '# Warned\n\n![remote](https://example.com/x.png)\n')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), paint: () => undefined, isTTY: false, env, cwd: root, signal: new AbortController().signal }
  const code = await checkCommand(args, io)
  return { code, out, err }
}

describe('npm run check', () => {
  it('checks every deck, prints sorted findings and a summary, exits 1 on errors', async () => {
    const { code, out } = await run([])
    expect(code).toBe(1)
    expect(out.slice(0, -1)).toEqual([
      'slides/02_broken.md:3:1 error image-missing ../images/gone.svg: file not found (looked for images/gone.svg)',
      'slides/02_broken.md:5:1 warning remote-image https://example.com/x.png is a remote image: the build is offline and the slides must not depend on a third-party host; save it under images/',
      'slides/03_warned.md:3:1 warning remote-image https://example.com/x.png is a remote image: the build is offline and the slides must not depend on a third-party host; save it under images/',
    ])
    expect(out.at(-1)).toMatch(/^1 error, 2 warnings in 2 decks \(checked 3 decks in \d+ ms\)$/)
  })

  it('checks only the deck named by name, file name or path', async () => {
    for (const selector of ['01_clean', '01_clean.md', 'slides/01_clean.md']) {
      const { code, out } = await run([selector])
      expect(code).toBe(0)
      expect(out).toEqual([expect.stringMatching(/^no problems \(checked 1 deck in \d+ ms\)$/)])
    }
  })

  it('exits 0 when there are only warnings', async () => {
    expect((await run(['03_warned'])).code).toBe(0)
  })

  it('prints JSON with --format json, the summary going to stderr', async () => {
    const { code, out, err } = await run(['--format', 'json', '02_broken'])
    expect(code).toBe(1)
    const parsed = JSON.parse(out.join('\n'))
    expect(parsed).toHaveLength(2)
    expect(Object.keys(parsed[0])).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message'])
    expect(err.at(-1)).toMatch(/^1 error, 1 warning in 1 deck/)
  })

  it('adds GitHub annotations when GITHUB_ACTIONS=true', async () => {
    const { out } = await run(['02_broken'], { GITHUB_ACTIONS: 'true' })
    expect(out).toContain('::error file=slides/02_broken.md,line=3,col=1,title=image-missing::../images/gone.svg: file not found (looked for images/gone.svg)')
    expect(out.some((l) => l.startsWith('::warning file=slides/02_broken.md,line=5,col=1,title=remote-image::'))).toBe(true)
    expect((await run(['02_broken'])).out.some((l) => l.startsWith('::'))).toBe(false)
  })

  it('fails as a tool (ToolError, exit 2 from the CLI) on an unknown deck or option, with a suggestion', async () => {
    await expect(run(['02_brokn'])).rejects.toThrow('no deck named "02_brokn"; did you mean "02_broken"?')
    await expect(run(['--fromat', 'json'])).rejects.toBeInstanceOf(ToolError)
    await expect(run(['--format', 'xml'])).rejects.toThrow(/--format must be/)
  })
})

describe('npm run check -- --help', () => {
  it('prints the usage and exits 0', async () => {
    const { code, out } = await run(['--help'])
    expect(code).toBe(0)
    expect(out[0]).toMatch(/^usage: npm run check/)
  })
})
