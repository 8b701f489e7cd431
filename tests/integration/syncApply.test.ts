import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../electron/core/ids'
import { setUpSite } from '../helpers/core'
import { linkTo, terminal, trust } from '../helpers/sync'

/**
 * Applying a batch (changes.ts): runs of inserts go into the table many rows per statement; these are
 * the cases where a run meets something — a row already here (per-column merge, in its place), and
 * a rule of this database refusing one row (the round is applied again one change at a time).
 */
type T = Awaited<ReturnType<typeof terminal>>
let A: T, B: T

beforeAll(async () => {
  A = await terminal('A')
  B = await terminal('B')
  await trust(A, B)
  await setUpSite(A)
  await B.replica.pullFrom(linkTo(A))
})
afterAll(async () => {
  for (const t of [A, B]) await t?.close()
})

const insertBuildings = (t: T, rows: Array<{ id: string; code: string; name: string }>) =>
  t.db.tx(async (w) => {
    const at = new Date().toISOString()
    for (const r of rows) await w.run('INSERT INTO buildings (id, created_at, updated_at, terminal_id, code, name) VALUES (?,?,?,?,?,?)', [r.id, at, at, t.terminalId, r.code, r.name])
  })

describe('applying a batch', () => {
  it('a run of inserts meeting rows already here: those merge per column in their place, the rest are inserted', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({ id: newId(), code: `M${i}`, name: `楼M${i}` }))
    // The same rows (same ids) already on B for 10 and 20, written earlier there with other names.
    await insertBuildings(B, [
      { ...rows[10], name: 'B 先写的十号' },
      { ...rows[20], name: 'B 先写的二十号' },
    ])
    await new Promise((r) => setTimeout(r, 5))
    await insertBuildings(A, rows)
    const r = await B.replica.pullFrom(linkTo(A))
    expect(r.refusedByRule).toBe(0)
    // A's inserts are newer: their names win on B; every row is there once.
    const got = await B.db.read.all<{ id: string; code: string; name: string }>("SELECT id, code, name FROM buildings WHERE code LIKE 'M%' ORDER BY code")
    expect(got.map((g) => g.id).sort()).toEqual(rows.map((x) => x.id).sort())
    for (const x of rows) expect(got.find((g) => g.id === x.id)!.name).toBe(x.name)
    await A.replica.pullFrom(linkTo(B))
    for (const x of [rows[10], rows[20]]) expect((await A.db.read.get<{ name: string }>('SELECT name FROM buildings WHERE id = ?', [x.id]))!.name).toBe(x.name)
  })

  it('a rule refusing one row of a run: the others are applied, that one is kept in the log with the reason', async () => {
    // B has its own building 7; A, not yet knowing it, makes another building 7 among 40 new ones.
    await insertBuildings(B, [{ id: newId(), code: 'R7', name: 'B 的七号' }])
    const rows = Array.from({ length: 40 }, (_, i) => ({ id: newId(), code: `R${i}`, name: `楼R${i}` }))
    await insertBuildings(A, rows)
    const r = await B.replica.pullFrom(linkTo(A))
    expect(r.refusedByRule).toBe(1)
    const held = new Set((await B.db.read.all<{ id: string }>("SELECT id FROM buildings WHERE code LIKE 'R%'")).map((x) => x.id))
    for (const x of rows) expect(held.has(x.id)).toBe(x.code !== 'R7')
    const notes = await B.db.read.all<{ rowId: string; note: string }>("SELECT row_id AS rowId, note FROM sync_changes WHERE note IS NOT NULL AND tbl = 'buildings'")
    expect(notes.map((n) => n.rowId)).toEqual([rows[7].id])
    expect(notes[0].note).toMatch(/UNIQUE/)
    // B holds every change (the log is the same everywhere), and pulling again applies nothing.
    expect((await B.replica.vector()).A).toBe((await A.replica.vector()).A)
    expect((await B.replica.pullFrom(linkTo(A))).applied).toBe(0)
  })
})

describe('pulling page by page', () => {
  it('a page whose every change a rule refuses is still progress: the pull goes on to the next page', async () => {
    // B's own building 88; A makes another 88 in a transaction of its own, then two more buildings.
    await insertBuildings(B, [{ id: newId(), code: 'S88', name: 'B 的八十八号' }])
    await insertBuildings(A, [{ id: newId(), code: 'S88', name: 'A 的八十八号' }])
    const later = [{ id: newId(), code: 'S89', name: '楼S89' }]
    await insertBuildings(A, later)
    await insertBuildings(A, [{ id: newId(), code: 'S90', name: '楼S90' }])
    // One transaction per page.
    const r = await B.replica.pullFrom({ pull: (req) => A.replica.serve({ ...req, limit: 1 }).then((x) => JSON.parse(JSON.stringify(x))) })
    expect(r.refusedByRule).toBe(1)
    expect(r.applied).toBe(2)
    expect((await B.replica.vector()).A).toBe((await A.replica.vector()).A)
  })
})
