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

describe('the screens read the core’s clock, not the PC’s', () => {
  // In host mode the core runs on another PC, and a PC's clock can be wrong: a "today" or "now" on a
  // screen comes from coreNow() (renderer/src/api/useCoreNow.ts). Only the clock helpers themselves
  // read the PC's clock (to measure the offset or to tick).
  const CLOCK_HELPERS = ['renderer/src/api/useCoreNow.ts', 'renderer/src/homeService/ClockTag.tsx', 'renderer/src/repair/useServerNow.ts']
  const pcClock = /\bnew Date\(\s*\)|\bdayjs\(\s*\)|\bDate\.now\(\)/
  it('no new Date(), dayjs() or Date.now() in the renderer outside the clock helpers', () => {
    const found = files('renderer/src')
      .filter((f) => !CLOCK_HELPERS.includes(f))
      .flatMap((f) => fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => pcClock.test(line) && !line.trim().startsWith('//') && !line.trim().startsWith('*'))
      .map(({ f, i, line }) => `${f}:${i + 1} ${line.trim()}`)
    expect(found).toEqual([])
  })
  it('the check sees a PC clock read', () => {
    expect(pcClock.test('const d = dayjs()')).toBe(true)
    expect(pcClock.test('dayjs(coreNow())')).toBe(false)
  })
})
