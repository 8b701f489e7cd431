import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import type { Reader } from '../../electron/core/db/connection'
import { unitHoldings } from '../../electron/core/registry/holdings'
import { apply, approve, approvedRenovation, approvedSlip, expectRefused, hotWorkFields, lead, openPermitDesk, owner, releaseFields, worker, type PermitDesk } from '../helpers/permit'

/**
 * unit.holdings: what the unit page shows in one place — the unit's cards in every state, its live
 * permits, the worker passes still out — and nothing of another unit's, nothing voided or handed back.
 */
let d: PermitDesk
afterEach(async () => d?.core.close())

/** 3栋2单元1201's cards: 2001 active, 2002 lost and replaced by 2003, 2004 returned; 1202 has 3001. */
async function withCards() {
  const a1 = await d.token('A1')
  const q1 = await d.token('Q1')
  const kind = await callOk(d.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, a1)
  await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, q1)
  const issue = (cardNo: string, unitId = d.unitId, holderResidentId = d.ownerId) =>
    callOk(d.core, 'card.issue', { unitId, holderResidentId, kindId: kind.id, cardNo, entry: 'typed' }, q1)
  await issue('2001')
  const lost = await issue('2002')
  await callOk(d.core, 'card.lost', { id: lost.id, reporter: '刘龑' }, q1)
  await callOk(d.core, 'card.replace', { id: lost.id, cardNo: '2003', entry: 'typed' }, q1)
  const back = await issue('2004')
  await callOk(d.core, 'card.return', { id: back.id }, q1)
  const zhou = (await d.core.db.read.get<{ id: string }>("SELECT id FROM residents WHERE name = '周强'"))!.id
  await issue('3001', d.otherUnitId, zhou)
  return zhou
}

describe('unit.holdings', () => {
  it('cards in every state, live permits with their state, passes out with the deposit held; not voided, returned or another unit’s', async () => {
    d = await openPermitDesk()
    const zhou = await withCards()
    const q1 = await d.token('Q1')
    // Permits: an approved renovation (printed), a hot work waiting for review, a release slip voided.
    const ren = await approvedRenovation(d)
    await callOk(d.core, 'permit.print', { id: ren.id }, q1)
    const hot = await apply(d, { kind: 'hotWork', unitId: d.unitId, applicant: lead(d), fields: hotWorkFields() })
    const slip = await approvedSlip(d)
    await callOk(d.core, 'permit.void', { id: slip.id, reason: '业主取消搬家' }, q1)
    // Three passes printed; one handed back (its deposit refunded).
    const passes = await callOk(d.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王建国', 1), worker('李龑', 2), worker('赵大勇', 3)] }, q1)
    await callOk(d.core, 'permit.printPasses', { ids: passes.map((p) => p.id) }, q1)
    await callOk(d.core, 'permit.return', { id: passes[0].id }, q1)
    // Another unit's slip, approved: not ours.
    const other = await apply(d, { kind: 'releaseSlip', unitId: d.otherUnitId, applicant: { role: 'owner', residentId: zhou, name: '周强', phone: '13712345678' }, fields: releaseFields() })
    await approve(d, other.id)

    const h = await callOk(d.core, 'unit.holdings', { id: d.unitId }, q1)
    expect(h.unitId).toBe(d.unitId)
    const cards = h.cards.map((c) => [c.cardNo, c.status, c.replacesCardNo, c.replacedByCardNo, c.depositHeldFen]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    expect(cards).toEqual([
      ['2001', 'active', null, null, 5000],
      ['2002', 'lost', null, '2003', 5000],
      ['2003', 'active', '2002', null, 5000],
      ['2004', 'returned', null, null, 0],
    ])
    expect(h.cards.every((c) => c.unitId === d.unitId)).toBe(true)
    expect(h.permits.map((p) => [p.serial, p.kind, p.state]).sort()).toEqual([
      ['DH-2026-0001', 'hotWork', 'inReview'],
      ['ZX-2026-0001', 'renovation', 'issued'],
    ])
    expect(h.permits.map((p) => p.id)).not.toContain(slip.id)
    expect(h.permits.map((p) => p.id)).not.toContain(other.id)
    expect(h.permits.find((p) => p.id === hot.id)?.nextStepLabel).toBe('工程主管审核')
    expect(h.passes.map((p) => [p.serial, p.holderName, p.state, p.depositHeldFen, p.overdue])).toEqual([
      ['CR-2026-0003', '赵大勇', 'issued', 10000, false],
      ['CR-2026-0002', '李龑', 'issued', 10000, false],
    ])

    // The other unit sees only its own.
    const o = await callOk(d.core, 'unit.holdings', { id: d.otherUnitId }, q1)
    expect(o.cards.map((c) => c.cardNo)).toEqual(['3001'])
    expect(o.permits.map((p) => p.id)).toEqual([other.id])
    expect(o.passes).toEqual([])

    // Past the renovation period: the printed passes and permit not handed back are still out, marked overdue.
    d.clock.set('2026-06-05 10:00')
    const late = await callOk(d.core, 'unit.holdings', { id: d.unitId }, await d.token('Q1'))
    expect(late.passes.map((p) => [p.serial, p.state, p.overdue])).toEqual([
      ['CR-2026-0003', 'expired', true],
      ['CR-2026-0002', 'expired', true],
    ])
    expect(late.permits.map((p) => [p.serial, p.state])).toContainEqual(['ZX-2026-0001', 'expired'])
  })

  it('refuses an unknown unit and a role outside the desk', async () => {
    d = await openPermitDesk()
    expectRefused(await d.core.call('unit.holdings', { id: '0190f0f0-0000-7000-8000-000000000000' }, await d.token('Q1')), 'NOT_FOUND')
    expectRefused(await d.core.call('unit.holdings', { id: d.unitId }, await d.token('E1')), 'FORBIDDEN')
    expectRefused(await d.core.call('unit.holdings', { id: '' }, await d.token('Q1')), 'INVALID_INPUT', 'id', '房屋')
  })

  it('every statement is an indexed lookup (EXPLAIN QUERY PLAN: no scan of a table)', async () => {
    d = await openPermitDesk()
    await withCards()
    const ren = await approvedRenovation(d)
    await callOk(d.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: owner(d), receiptNo: 'SJ1', workers: [worker('王建国', 1)] }, await d.token('Q1'))
    const statements: Array<{ sql: string; params: unknown[] }> = []
    const r = d.core.db.read
    const recording: Reader = {
      orm: r.orm,
      all: (sql, params = []) => (statements.push({ sql, params }), r.all(sql, params)),
      get: (sql, params = []) => (statements.push({ sql, params }), r.get(sql, params)),
    }
    const h = await unitHoldings(recording, d.clock.now(), d.unitId)
    expect(h.cards.length).toBe(4)
    expect(h.passes.length).toBe(1)
    expect(statements.length).toBeGreaterThan(3)
    for (const s of statements) {
      const plan = (await r.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`, s.params as never)).map((p) => p.detail)
      // The one-row site table is read whole, a recursive chain (up: a replaced card's or pass's ancestors) walks its own few rows; every table by an index.
      const scans = plan.filter((x) => /^SCAN (?!\(subquery|CONSTANT ROW|site\b|up\b)/.test(x))
      const sql = s.sql.replace(/\s+/g, ' ').slice(0, 100)
      expect({ sql, scans }).toEqual({ sql, scans: [] })
    }
    const plans = (await Promise.all(statements.map((s) => r.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${s.sql}`, s.params as never)))).flat().map((p) => p.detail).join('\n')
    for (const index of ['cards_unit', 'permits_unit', 'card_events_once', 'deposit_ledger_pass']) expect(plans).toContain(index)
  })
})
