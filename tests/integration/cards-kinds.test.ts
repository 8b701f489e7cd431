import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { expectRefused, openPermitDesk, type PermitDesk } from '../helpers/permit'

/**
 * 停用 a card kind: a kind with cards issued is retired, never deleted — its cards keep it (lists, the
 * unit page, the gate export), it is no longer offered or accepted when issuing; refused while blank
 * cards of it are on hand, and for roles other than admin/supervisor.
 */
let d: PermitDesk
afterEach(async () => d?.core.close())

describe('retiring a card kind', () => {
  it('a kind with cards issued is retired, not deleted: gone from issuing, kept under its cards', async () => {
    d = await openPermitDesk()
    const a1 = await d.token('A1')
    const q1 = await d.token('Q1')
    const lift = await callOk(d.core, 'card.kindSave', { name: '电梯卡', depositFen: 0, feeFen: 1500, replaceFeeFen: 1500 }, a1)
    const gate = await callOk(d.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, a1)
    await callOk(d.core, 'card.stockMove', { kindId: lift.id, move: 'received', count: 2 }, q1)
    await callOk(d.core, 'card.stockMove', { kindId: gate.id, move: 'received', count: 2 }, q1)
    await callOk(d.core, 'card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: lift.id, cardNo: '7001', entry: 'typed' }, q1)

    // Blank cards on hand: refused (they would leave the count unseen); a clerk may not retire at all.
    expectRefused(await d.core.call('card.kindRetire', { id: lift.id }, a1), 'RULE', 'id', '尚有空白卡 1 张在库')
    expectRefused(await d.core.call('card.kindRetire', { id: lift.id }, q1), 'FORBIDDEN')
    expect((await callOk(d.core, 'card.kinds', {}, q1)).map((k) => k.name)).toEqual(['电梯卡', '门禁卡'])
    await callOk(d.core, 'card.stockMove', { kindId: lift.id, move: 'spoiled', count: 1, note: '卡面损坏' }, q1)

    const left = await callOk(d.core, 'card.kindRetire', { id: lift.id }, await d.token('S1'))
    expect(left.map((k) => k.name)).toEqual(['门禁卡'])
    expect((await callOk(d.core, 'card.kinds', {}, q1)).map((k) => k.name)).toEqual(['门禁卡'])
    expect((await callOk(d.core, 'card.stock', {}, q1)).map((s) => s.kindName)).toEqual(['门禁卡'])
    // Not deleted: the row stays, its card keeps the kind everywhere.
    expect((await d.core.db.read.get<{ deleted_at: string | null }>('SELECT deleted_at FROM card_kinds WHERE id = ?', [lift.id]))!.deleted_at).not.toBeNull()
    expect((await callOk(d.core, 'card.list', { cardNo: '7001' }, q1))[0]).toMatchObject({ kindName: '电梯卡', status: 'active' })
    expect((await callOk(d.core, 'unit.holdings', { id: d.unitId }, q1)).cards.map((c) => `${c.cardNo} ${c.kindName}`)).toEqual(['7001 电梯卡'])
    const csv = (await callOk(d.core, 'card.exportBlockList', { scope: 'all' }, q1)).csv
    expect(csv).toContain('7001,电梯卡,3栋2单元1201,正常')
    // No longer accepted when issuing; retiring again is refused.
    expectRefused(await d.core.call('card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: lift.id, cardNo: '7002', entry: 'typed' }, q1), 'RULE', 'kindId', '已停用')
    expectRefused(await d.core.call('card.kindRetire', { id: lift.id }, a1), 'RULE', 'id', '已停用')
    // Its card lost: blocked as any card, but not replaced with the retired kind.
    const lost = (await callOk(d.core, 'card.list', { cardNo: '7001' }, q1))[0]
    await callOk(d.core, 'card.lost', { id: lost.id, reporter: '刘龑' }, q1)
    expectRefused(await d.core.call('card.replace', { id: lost.id, cardNo: '7003', entry: 'typed' }, q1), 'RULE', 'id', '「电梯卡」已停用,不能补发')
    expect((await d.core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM cards WHERE card_no = '7003'"))!.n).toBe(0)
    const audit = await d.core.db.read.get<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'card.kindRetire'")
    expect(audit!.summary).toBe('停用门禁卡类「电梯卡」(MK-01),已发 1 张卡保留原卡类')
    // The name is free again for a new kind (with a new code; codes are never reused).
    expect((await callOk(d.core, 'card.kindSave', { name: '电梯卡', depositFen: 0, feeFen: 2000, replaceFeeFen: 2000 }, a1)).code).toBe('MK-03')
  })
})
