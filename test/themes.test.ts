import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultConfig } from '../scripts/config.js'
import { loadThemes, themeDiagnostics } from '../scripts/themes.js'

const root = mkdtempSync(path.join(tmpdir(), 'themes-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
mkdirSync(path.join(root, 'themes'))
writeFileSync(path.join(root, 'themes', 'good.css'), '/* @theme good */\nsection { color: #123; }\n')
writeFileSync(path.join(root, 'themes', 'nameless.css'), 'section { color: red; }\n')
writeFileSync(path.join(root, 'themes', 'twin.css'), '/* @theme good */\n')

describe('loadThemes and themeDiagnostics', () => {
  it('loads the named theme and reports a nameless file and a name taken twice', async () => {
    const { themes, problems } = await loadThemes(path.join(root, 'themes'), root)
    expect(themes.map((t) => t.name)).toEqual(['good'])
    expect(problems.map((p) => p.file).sort()).toEqual(['themes/nameless.css', 'themes/twin.css'])
  })

  it('makes them theme-invalid errors, at the severity course.config.json sets, or none when off', async () => {
    const { problems } = await loadThemes(path.join(root, 'themes'), root)
    const errors = themeDiagnostics(problems, defaultConfig())
    expect(errors).toHaveLength(2)
    expect(errors.every((d) => d.rule === 'theme-invalid' && d.severity === 'error' && d.line === 1)).toBe(true)
    expect(themeDiagnostics(problems, { ...defaultConfig(), rules: { 'theme-invalid': 'warning' } }).map((d) => d.severity)).toEqual(['warning', 'warning'])
    expect(themeDiagnostics(problems, { ...defaultConfig(), rules: { 'theme-invalid': 'off' } })).toEqual([])
  })
})
