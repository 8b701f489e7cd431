import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { checksum, linkTo, terminal, trust } from '../helpers/sync'

type T = Awaited<ReturnType<typeof terminal>>
let A: T, B: T, C: T

beforeAll(async () => {
  A = await terminal('A')
  B = await terminal('B')
  C = await terminal('C')
  await trust(A, B)
  await trust(B, C)
  await trust(A, C)
})
afterAll(async () => {
  for (const t of [A, B, C]) await t?.close()
})

describe('replica: three terminals in one process', () => {
  it('a site made on A reaches B, and through B reaches C; C can log in with A’s administrator', async () => {
    const token = await setUpSite(A)
    await callOk(A, 'building.create', { code: '3' }, token)
    const r1 = await B.replica.pullFrom(linkTo(A))
    expect(r1.applied).toBeGreaterThan(5)
    await C.replica.pullFrom(linkTo(B))
    // Everything but the terminals (A has not yet heard B's and C's own rows).
    const { terminals: _c, ...onC } = await checksum(C)
    const { terminals: _a, ...onA } = await checksum(A)
    expect(onC).toEqual(onA)
    const s = await callOk(C, 'auth.login', { staffNo: 'admin', pin: '246810' })
    expect(s.token).toBeTruthy()
  })

  it('writes on all three converge to identical tables; pulling again applies nothing twice', async () => {
    const ta = (await callOk(A, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    const tb = (await callOk(B, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    const tc = (await callOk(C, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    await callOk(A, 'building.create', { code: '5' }, ta)
    await callOk(B, 'building.create', { code: '6' }, tb)
    await callOk(C, 'building.create', { code: '7' }, tc)
    for (let round = 0; round < 2; round++)
      for (const [x, y] of [[A, B], [B, C], [C, A], [A, C], [B, A], [C, B]] as const) await x.replica.pullFrom(linkTo(y))
    const sum = await checksum(A)
    expect(await checksum(B)).toEqual(sum)
    expect(await checksum(C)).toEqual(sum)
    const again = await A.replica.pullFrom(linkTo(B))
    expect(again.applied).toBe(0)
    const codes = await A.db.read.all<{ code: string }>('SELECT code FROM buildings ORDER BY code')
    expect(codes.map((c) => c.code)).toEqual(['3', '5', '6', '7'])
  })

  it('the same field edited on two terminals: the later clock wins everywhere; the losing value is listed', async () => {
    const id = (await A.db.read.get<{ id: string }>("SELECT id FROM buildings WHERE code = '5'"))!.id
    // Raw edits, as a service would make them (the capture is by trigger).
    await B.db.tx((w) => w.run("UPDATE buildings SET name = '五栋(B)' WHERE id = ?", [id]))
    await new Promise((r) => setTimeout(r, 5))
    await C.db.tx((w) => w.run("UPDATE buildings SET name = '五栋(C)' WHERE id = ?", [id]))
    for (let round = 0; round < 2; round++)
      for (const [x, y] of [[A, C], [A, B], [B, A], [C, A], [B, C], [C, B]] as const) await x.replica.pullFrom(linkTo(y))
    for (const t of [A, B, C]) expect((await t.db.read.get<{ name: string }>('SELECT name FROM buildings WHERE id = ?', [id]))!.name).toBe('五栋(C)')
    const lost = await A.db.read.all<{ lost: string }>("SELECT lost FROM sync_conflicts WHERE tbl = 'buildings' AND col = 'name'")
    const lostB = await B.db.read.all<{ lost: string }>("SELECT lost FROM sync_conflicts WHERE tbl = 'buildings' AND col = 'name'")
    expect([...lost, ...lostB].map((l) => l.lost)).toContain('"五栋(B)"')
  })

  it('an altered change, a change claiming another origin, a gap: refused, nothing written', async () => {
    const tb = (await callOk(B, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    await callOk(B, 'building.create', { code: '9' }, tb)
    const res = await B.replica.serve({ vector: await A.replica.vector(), limit: 100, now: new Date().toISOString() })
    expect(res.changes.length).toBeGreaterThan(0)
    const before = await checksum(A)
    const altered = structuredClone(res.changes)
    const b = altered.find((c) => c.tbl === 'buildings')!
    b.vals = b.vals.replace('"9"', '"99"')
    await expect(A.replica.apply(altered)).rejects.toThrow(/链哈希不符/)
    // Claiming to be A's: B re-chains B's changes under A's origin, but cannot sign as A.
    const { changeDigest } = await import('../../electron/core/sync/seal')
    const forged = structuredClone(res.changes).map((c) => ({ ...c, origin: 'C' }))
    const top = (await C.replica.vector()).C ?? 0
    let prev = (await A.db.read.get<{ hash: string }>('SELECT hash FROM sync_changes WHERE origin = ? AND seq = ?', ['C', top]))?.hash ?? ''
    forged.forEach((c, i) => {
      c.seq = top + 1 + i
      c.hash = prev = changeDigest(prev, c)
    })
    await expect(A.replica.apply(forged)).rejects.toThrow(/签名不符/)
    const gap = structuredClone(res.changes).slice(1)
    await expect(A.replica.apply(gap)).rejects.toThrow(/不连续/)
    expect(await checksum(A)).toEqual(before)
    await A.replica.apply(res.changes)
    expect((await A.db.read.all("SELECT 1 FROM buildings WHERE code = '9'")).length).toBe(1)
  })
})
