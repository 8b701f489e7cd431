import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { sameData, until } from '../helpers/sync'
import { handOverAt, pairedDutySite, PIN, token } from '../helpers/syncDuty'

/**
 * Handover seals with several terminals: each terminal appends to its own chain (the first keeps the
 * chain it had alone, unlettered; B's is numbered B-1, B-2 …), so two handovers signed at two
 * terminals cut off from each other never take one number twice; after the heal both are on both
 * terminals, signed, and every chain verifies on every terminal.
 */
let A: Core
let B: Core
const override = { supervisorStaffNo: 'S1', supervisorPin: PIN, reason: '联网试运行' }
const handOver = (t: Core, from: string, to: string) => handOverAt(t, from, to, override)

beforeAll(async () => {
  const site = await pairedDutySite('T-HC', [['Q1', '李娜', 'clerk'], ['Q2', '王芳', 'clerk'], ['Q3', '张伟', 'clerk'], ['Q4', '赵雪', 'clerk'], ['S1', '陈静', 'supervisor']])
  A = site.A
  B = site.B
  // Q1 at the front counter (A, custody: the first on duty), Q3 at the back office (B).
  await callOk(A, 'duty.start', { override }, await token(A, 'Q1'))
  await until('B sees Q1 on duty', () => sameData(A, B), 30_000)
  await callOk(B, 'duty.start', { override }, await token(B, 'Q3'))
  await until('A sees Q3 on duty', () => sameData(A, B), 30_000)
}, 120_000)
afterAll(async () => {
  await B?.close()
  await A?.close()
})

describe('H · handover chains, one per terminal', () => {
  it('two handovers signed at two cut-off terminals: both kept and signed everywhere, numbered 1 and B-1, every chain intact', async () => {
    await A.sync!.setEnabled(false)
    await B.sync!.setEnabled(false)
    const a = await handOver(A, 'Q1', 'Q2')
    const b = await handOver(B, 'Q3', 'Q4')
    expect([a.status, a.no, a.seq]).toEqual(['signed', '1', 1])
    expect([b.status, b.no, b.seq]).toEqual(['signed', 'B-1', 1])
    await A.sync!.setEnabled(true)
    await B.sync!.setEnabled(true)
    await until('healed', () => sameData(A, B), 30_000)
    for (const t of [A, B]) {
      const s1 = await token(t, 'S1')
      const rows = (await callOk(t, 'handover.list', {}, s1)).rows
      expect(rows.map((r) => [r.outgoingName, r.status, r.no, r.intact]).sort()).toEqual([
        ['张伟', 'signed', 'B-1', true],
        ['李娜', 'signed', '1', true],
      ])
      expect(await callOk(t, 'handover.verify', {}, s1)).toEqual({ ok: true, checked: 2, broken: [] })
      // Nothing was refused on the way: no sealed row stayed behind on either side.
      expect(await t.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM sync_changes WHERE note IS NOT NULL AND tbl = 'handovers'")).toEqual({ n: 0 })
    }
  }, 90_000)

  it('the next handover on A continues its own chain (2), B’s continues B-2; an edit behind the app still shows on the right chain', async () => {
    const a2 = await handOver(A, 'Q2', 'Q1')
    expect(a2.no).toBe('2')
    const b2 = await handOver(B, 'Q4', 'Q3')
    expect(b2.no).toBe('B-2')
    await until('synced', () => sameData(A, B), 30_000)
    // B-1's summary altered in A's file: A reports B-1 broken, by its number; B's own file is untouched.
    await A.db.tx(async (w) => {
      await w.exec('DROP TRIGGER handovers_signed_no_update')
      await w.run("UPDATE handovers SET summary = '{}' WHERE chain = 'T-HC-B' AND seq = 1")
    })
    const report = await callOk(A, 'handover.verify', {}, await token(A, 'S1'))
    expect(report.ok).toBe(false)
    expect(report.broken.map((x) => x.no)).toEqual(['B-1'])
    expect((await callOk(B, 'handover.verify', {}, await token(B, 'S1'))).ok).toBe(true)
  }, 90_000)
})
