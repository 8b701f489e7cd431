import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { setUpSite, tempDir } from '../helpers/core'
import { sameData, terminal, until } from '../helpers/sync'

/**
 * Pairing writes the terminals' own rows on both sides (the sponsor registers the joiner, the joiner
 * knew itself already and learns the others). None of that is a conflict for the administrator, and
 * who made a row and when stays the first insert's on every terminal.
 */
let A: Core
let B: Core
let admin: string
let bMadeAt: string

beforeAll(async () => {
  A = await terminal('T-JR-A', tempDir('desk-join-rows-'))
  B = await terminal('T-JR-B', tempDir('desk-join-rows-'))
  admin = await setUpSite(A)
  await callOk(A, 'site.renameTerminal', { name: '一号前台' }, admin)
  bMadeAt = (await B.db.read.get<{ created_at: string }>('SELECT created_at FROM terminals WHERE id = ?', ['T-JR-B']))!.created_at
  // As the join form does: the new terminal names itself (an edit of its own row, after its insert).
  const offer = await A.sync!.pairStart()
  await B.sync!.joinBegin(offer.addresses[0], offer.code, '二号前台')
  await B.sync!.joinConfirm(true)
  await A.sync!.pairConfirm(true)
  await until('joined', async () => (await B.sync!.joinState())?.state === 'done')
  await until('B has the site', () => sameData(A, B), 30_000)
}, 90_000)
afterAll(async () => {
  await B?.close()
  await A?.close()
})

describe('H · joining leaves no false conflicts', () => {
  it('no conflict is listed on either terminal after pairing', async () => {
    expect(await A.sync!.conflicts(50)).toEqual([])
    expect(await B.sync!.conflicts(50)).toEqual([])
  })
  it("the joiner's row keeps its own creation (B, when B was installed) on both; its series letter from the sponsor", async () => {
    for (const t of [A, B]) {
      const row = await t.db.read.get<{ terminal_id: string; created_at: string; series_mark: string; name: string }>('SELECT terminal_id, created_at, series_mark, name FROM terminals WHERE id = ?', ['T-JR-B'])
      expect(row).toEqual({ terminal_id: 'T-JR-B', created_at: bMadeAt, series_mark: 'B', name: '二号前台' })
    }
    const a = await A.db.read.get<{ terminal_id: string; name: string }>('SELECT terminal_id, name FROM terminals WHERE id = ?', ['T-JR-A'])
    expect(a).toEqual({ terminal_id: 'T-JR-A', name: '一号前台' })
    expect(await B.db.read.get('SELECT terminal_id, name FROM terminals WHERE id = ?', ['T-JR-A'])).toEqual(a)
  })
  it('two clerks editing different columns of one row at once: both edits kept, and no conflict listed for the bookkeeping', async () => {
    const b = await callOk(A, 'building.create', { code: '5', name: '5号楼' }, admin)
    await until('B has 5号楼', async () => !!(await B.db.read.get('SELECT 1 AS x FROM buildings WHERE id = ?', [b.id])))
    await A.sync!.setEnabled(false)
    await B.sync!.setEnabled(false)
    await A.db.tx((w) => w.run("UPDATE buildings SET name = '五号楼', updated_at = ? WHERE id = ?", [new Date().toISOString(), b.id]))
    await B.db.tx((w) => w.run("UPDATE buildings SET code = '5A', updated_at = ? WHERE id = ?", [new Date(Date.now() + 5).toISOString(), b.id]))
    await A.sync!.setEnabled(true)
    await B.sync!.setEnabled(true)
    await until('converged', () => sameData(A, B), 30_000)
    for (const t of [A, B]) expect(await t.db.read.get('SELECT code, name FROM buildings WHERE id = ?', [b.id])).toEqual({ code: '5A', name: '五号楼' })
    expect(await A.sync!.conflicts(50)).toEqual([])
    expect(await B.sync!.conflicts(50)).toEqual([])
  }, 60_000)
  it('同步记录 keeps the latest 20,000 entries (every exchange is logged; a busy desk makes thousands a day)', async () => {
    const { n: had } = (await B.db.read.get<{ n: number }>('SELECT MAX(id) AS n FROM sync_log'))!
    const upTo = Math.ceil((had + 1) / 500) * 500 + 20_000 - 1
    await B.db.tx((w) => w.run(`WITH RECURSIVE k(i) AS (SELECT ${had + 1} UNION ALL SELECT i + 1 FROM k WHERE i < ${upTo}) INSERT INTO sync_log (id, at, direction, peer_id, count, detail) SELECT i, '2026-01-01T00:00:00.000Z', 'out', NULL, 1, '压测' FROM k`))
    await B.sync!.setEnabled(true) // logs one entry: id upTo + 1, a multiple of 500
    const left = (await B.db.read.get<{ n: number; low: number; high: number }>('SELECT COUNT(*) AS n, MIN(id) AS low, MAX(id) AS high FROM sync_log'))!
    expect(left).toEqual({ n: 20_000, low: upTo + 1 - 20_000 + 1, high: upTo + 1 })
    expect((await B.sync!.logEntries(1))[0].detail).toBe('已启用局域网同步')
  })
})
