import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { actionLabel } from '../../shared/audit/actions'

const CORE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../electron/core')

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
}

describe('审计日志 names every action in Chinese', () => {
  it('each action the core writes has a Chinese name (its own, or its area and verb)', () => {
    const actions = new Set<string>()
    for (const f of sources(CORE)) for (const m of fs.readFileSync(f, 'utf8').matchAll(/action: ['`]([a-z]+(?:\.[a-zA-Z]+)?)['`]/g)) actions.add(m[1])
    expect(actions.size).toBeGreaterThan(40)
    const bad = [...actions].filter((a) => /[A-Za-z]/.test(actionLabel(a).replace(/PIN/g, '')) || actionLabel(a).startsWith('其他'))
    expect(bad).toEqual([])
  })

  it('an action added later without a label still reads as Chinese', () => {
    expect(actionLabel('staff.create')).toBe('新增员工')
    expect(actionLabel('permit.printAgain')).toBe('证件·打印')
    expect(actionLabel('attachment.view')).toBe('附件·查看')
    expect(actionLabel('zzz.qqq')).toBe('其他·操作')
  })
})
