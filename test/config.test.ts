import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../scripts/config.js'

let dir = ''
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }))

function project(config?: string): string {
  dir = mkdtempSync(path.join(tmpdir(), 'config-'))
  if (config !== undefined) writeFileSync(path.join(dir, 'course.config.json'), config)
  return dir
}

describe('loadConfig', () => {
  it('uses defaults when there is no config file', async () => {
    const { config, problems } = await loadConfig(project())
    expect(problems).toEqual([])
    expect(config.rules).toEqual({})
  })

  it('reads title, description and rule settings', async () => {
    const root = project('{"title": "Deploying AI", "description": "D", "rules": {"remote-image": "error", "reference-unused": "off"}}')
    const { config, problems } = await loadConfig(root)
    expect(problems).toEqual([])
    expect(config).toEqual({ title: 'Deploying AI', description: 'D', rules: { 'remote-image': 'error', 'reference-unused': 'off' } })
  })

  it('reports an unknown rule with a suggestion, and a bad setting, at their lines', async () => {
    const root = project('{\n  "rules": {\n    "image-mising": "off",\n    "remote-image": "loud"\n  }\n}\n')
    const { config, problems } = await loadConfig(root)
    expect(config.rules).toEqual({})
    expect(problems.map((p) => [p.file, p.line, p.severity, p.message])).toEqual([
      ['course.config.json', 3, 'warning', 'unknown rule "image-mising"; did you mean "image-missing"?'],
      ['course.config.json', 4, 'error', 'rule "remote-image" must be "error", "warning" or "off", not "loud"'],
    ])
  })

  it('reports invalid JSON instead of throwing', async () => {
    const { problems } = await loadConfig(project('{\n  "title": "x",\n}\n'))
    expect(problems).toMatchObject([{ file: 'course.config.json', rule: 'config-invalid', severity: 'error' }])
  })

  it('the shipped course.config.json is valid', async () => {
    const { problems, config } = await loadConfig(path.resolve(import.meta.dirname, '..'))
    expect(problems).toEqual([])
    expect(config.title).not.toBe('')
  })
})
