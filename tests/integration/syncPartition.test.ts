import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { PIN } from '../helpers/duty'
import { apply, approve, openPermitDesk, owner, releaseFields, tenant, hotWorkFields, type PermitDesk } from '../helpers/permit'
import { pair, sameData, terminal, until } from '../helpers/sync'
import { tempDir } from '../helpers/core'

/**
 * Issue H: B is cut off (its sync stopped) while both sides issue permits and take the same release
 * slip at the gate; after the heal the serials are distinct, the double use is flagged, nothing is lost.
 */
let d: PermitDesk
let B: Awaited<ReturnType<typeof terminal>>
let A: Core

beforeAll(async () => {
  d = await openPermitDesk('2026-03-02 09:00', (now) => terminal('A', tempDir('desk-sync-'), now))
  A = d.core
  B = await terminal('B', tempDir('desk-sync-'), d.clock.now)
  await pair(A, B)
  await until('B has the site', async () => sameData(A, B))
})
afterAll(async () => {
  await B?.close()
  await A?.close()
})

/** The permit desk's people, logged in on another terminal (sessions are per terminal). */
const on = (core: Core): PermitDesk => ({
  ...d,
  core,
  token: async (staffNo) => (await callOk(core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : PIN })).token,
})

describe('partition and heal', () => {
  it('permits on both sides take their own series; a slip used on both is kept twice and flagged; nothing lost', async () => {
    // A release slip issued and printed on A, known to B before the cut.
    const asked = await apply(d, { kind: 'releaseSlip', unitId: d.unitId, applicant: tenant(d), ownerConsent: { ownerName: '刘龑', method: 'letter', note: '业主同意书' }, fields: releaseFields() })
    const slip = await approve(d, asked.id)
    await callOk(A, 'permit.print', { id: slip.id }, await d.token('Q1'))
    const qr = (await callOk(A, 'permit.get', { id: slip.id }, await d.token('Q1'))).verifyPayload!
    await until('slip on B', async () => sameData(A, B))

    await B.sync!.setEnabled(false)
    const bDesk = on(B)
    // Both gates take the slip while cut off.
    d.clock.set('2026-03-02 15:30')
    expect(await callOk(A, 'permit.use', { text: qr }, await d.token('G1'))).toMatchObject({ outcome: 'valid' })
    d.clock.set('2026-03-02 15:35')
    expect(await callOk(B, 'permit.use', { text: qr }, await bDesk.token('G1'))).toMatchObject({ outcome: 'valid' })
    // Both desks issue hot-work permits.
    const onA = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: hotWorkFields() })
    const onB = await apply(bDesk, { kind: 'hotWork', unitId: d.unitId, applicant: owner(d), fields: hotWorkFields() })
    expect(onA.record.serial).toBe('DH-2026-0001')
    expect(onB.record.serial).toBe('DH-2026-B0001')
    const logA = await callOk(A, 'log.add', { kind: 'other', content: '断网期间 A 的记录' }, await d.token('Q1')).catch(() => null)

    await B.sync!.setEnabled(true)
    await until('healed', async () => sameData(A, B), 30_000)

    for (const t of [A, B]) {
      const serials = (await t.db.read.all<{ serial: string }>("SELECT serial FROM permits WHERE kind = 'hotWork' ORDER BY serial")).map((r) => r.serial)
      expect(serials).toEqual(['DH-2026-0001', 'DH-2026-B0001'])
      const dbl = await callOk(t, 'permit.doubleUses', {}, await on(t).token('S1'))
      expect(dbl).toHaveLength(1)
      expect(dbl[0].serial).toBe(slip.record.serial)
      expect(dbl[0].uses.map((u) => u.terminal)).toEqual(['终端A', '终端B'])
      expect(await callOk(t, 'permit.verify', { text: qr }, await on(t).token('G1'))).toMatchObject({ outcome: 'used' })
    }
    if (logA) expect(await B.db.read.get('SELECT 1 AS x FROM log_entries WHERE id = ?', [logA.id])).toBeTruthy()
  })
})
