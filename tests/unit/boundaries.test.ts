import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The architecture's import rules, checked on every file rather than remembered.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx)$/.test(f))
    .map((f) => path.join(dir, f))
}
const importsOf = (file: string) =>
  [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2])

function offenders(dir: string, bad: (spec: string, file: string) => boolean): string[] {
  return files(dir).flatMap((f) => importsOf(f).filter((s) => bad(s, f)).map((s) => `${f} → ${s}`))
}
const resolvesInto = (spec: string, file: string, target: string) =>
  spec.startsWith('.') && path.resolve(ROOT, path.dirname(file), spec).startsWith(path.join(ROOT, target))

describe('import boundaries', () => {
  it('the core never imports electron or React', () => {
    expect(offenders('electron/core', (s) => s === 'electron' || s.startsWith('electron/') || s === 'react' || s === 'electron-store')).toEqual([])
  })
  it('the renderer never imports Node, Electron or the core', () => {
    expect(
      offenders('renderer', (s, f) => s.startsWith('node:') || s === 'electron' || ['fs', 'path', 'crypto', 'sqlite3'].includes(s) || resolvesInto(s, f, 'electron')),
    ).toEqual([])
  })
  it('shared/ imports neither side', () => {
    expect(offenders('shared', (s, f) => s.startsWith('node:') || s === 'electron' || s === 'react' || resolvesInto(s, f, 'electron') || resolvesInto(s, f, 'renderer'))).toEqual([])
  })
  it('the finds are real: the checker sees this file’s own imports', () => {
    expect(importsOf('tests/unit/boundaries.test.ts')).toContain('node:fs')
  })
})

describe('one role, one name', () => {
  // The seeds call the supervisor 客服主管 (and once 值班主任/值班主管 for the same person): the desk
  // says 客服主管 everywhere (shared/roles.ts), so screens, papers and messages never disagree.
  const text = (dir: string) => files(dir).map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')] as const)
  it('no screen, paper or message calls the supervisor 值班主任 or 值班主管', () => {
    const hits = ['renderer', 'electron', 'shared'].flatMap(text).filter(([, t]) => /值班主[任管]/.test(t)).map(([f]) => f)
    expect(hits).toEqual([])
  })
  it('the finds are real: the pattern sees the names', () => {
    expect(/值班主[任管]/.test('值班主任审批')).toBe(true)
  })
})
