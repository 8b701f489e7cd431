import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { checkPickup } from '../../shared/parcel/rules'
import { custodyFromRecords } from '../../electron/core/duty/custodyFromRecords'
import { expectRefused, type DutyDesk } from '../helpers/duty'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { receptionDesk, tablesSnapshot } from '../helpers/visitorDesk'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

const TABLES = ['parcels', 'parcel_batches', 'parcel_notices', 'parcel_delegates', 'parcel_pickups', 'log_entries', 'log_follow_ups', 'permit_serials', 'audit_events']
const sf = { addressee: '张伟', addresseePhone: '13812345678', carrier: '顺丰速运', trackingNo: 'SF1234567890123', kind: 'small' as const, shelf: 'A-3' }
/** A 1×1 transparent PNG, as signature_pad would send (much larger in life). */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

async function day() {
  const r = await receptionDesk()
  desk = r.desk
  return r
}

describe('parcels: received, notified, picked up by the addressee or someone named', () => {
  it('parcels of a shift share one log entry, each a follow-up line; the entry closes when the last is picked up', async () => {
    const { q1, unitId } = await day()
    desk.clock.set('2026-12-01 09:00')
    const a = await callOk(desk.core, 'parcel.receive', { ...sf, unitId }, q1)
    const b = await callOk(desk.core, 'parcel.receive', { ...sf, unitId, trackingNo: 'YT9876543210', carrier: '圆通速递', kind: 'large', shelf: '地面-1', addressee: '李梅', addresseePhone: '13600001111' }, q1)
    expect([a.serial, b.serial]).toEqual(['YJ-2026-0001', 'YJ-2026-0002'])
    expect(a.addresseePhone).toBe('138****5678')
    expect((await callOk(desk.core, 'parcel.waiting', {}, q1)).map((p) => p.serial)).toEqual(['YJ-2026-0001', 'YJ-2026-0002'])
    const pending = await callOk(desk.core, 'log.pending', {}, q1)
    expect(pending.map((e) => [e.sourceKind, e.state])).toEqual([['parcel', 'pending']])

    desk.clock.set('2026-12-01 09:05')
    await callOk(desk.core, 'parcel.notify', { id: a.id, channel: 'sms', note: '已发短信' }, q1)
    const notified = await callOk(desk.core, 'parcel.notify', { id: b.id, channel: 'wechat' }, q1)
    expect(notified.notices.map((n) => [n.channel, n.byName])).toEqual([['wechat', '李娜']])

    desk.clock.set('2026-12-01 18:30')
    const got = await callOk(desk.core, 'parcel.pickUp', { id: a.id, pickerName: '张 伟', phoneTail: '5678', signature: PNG }, q1)
    expect([got.pickerName, got.pickerRole, got.hasSignature, got.handedOverByName]).toEqual(['张伟', 'addressee', true, '李娜'])
    expect((await callOk(desk.core, 'log.pending', {}, q1)).length).toBe(1)
    await callOk(desk.core, 'parcel.addDelegate', { id: b.id, name: '王阿姨', phone: '13500002222', namedHow: '收件人李梅来电指定' }, q1)
    const byDelegate = await callOk(desk.core, 'parcel.pickUp', { id: b.id, pickerName: '王阿姨', phoneTail: '2222' }, q1)
    expect([byDelegate.pickerName, byDelegate.pickerRole]).toEqual(['王阿姨', 'delegate'])
    expect(await callOk(desk.core, 'log.pending', {}, q1)).toEqual([])
    const entry = await callOk(desk.core, 'log.get', { id: pending[0].id }, q1)
    expect(entry.followUps.map((f) => f.note)).toEqual([
      '收件 YJ-2026-0001:顺丰速运 SF1234567890123(小件包裹)→ 3栋2单元1502 张伟,存放 A-3',
      '收件 YJ-2026-0002:圆通速递 YT9876543210(大件包裹)→ 3栋2单元1502 李梅,存放 地面-1',
      '取件 YJ-2026-0001:3栋2单元1502 张伟',
      '取件 YJ-2026-0002:3栋2单元1502 王阿姨(代 李梅 领取)',
      '本批邮件已全部领取',
    ])
    // A parcel after the batch closed opens a new batch (a new log entry).
    await callOk(desk.core, 'parcel.receive', { ...sf, unitId, trackingNo: 'JD0001112223' }, q1)
    expect((await callOk(desk.core, 'log.pending', {}, q1)).length).toBe(1)
  })

  it('refuses a pickup by someone not named, a wrong phone tail, a second pickup — in Chinese naming the field, changing nothing', async () => {
    const { q1, unitId } = await day()
    const p = await callOk(desk.core, 'parcel.receive', { ...sf, unitId }, q1)
    await callOk(desk.core, 'parcel.addDelegate', { id: p.id, name: '王阿姨', phone: '13500002222', namedHow: '业主微信告知' }, q1)
    const before = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('parcel.pickUp', { id: p.id, pickerName: '陌生人', phoneTail: '5678' }, q1), 'RULE', 'pickerName', '领取人「陌生人」不是收件人,也不是收件人指定的代领人')
    expectRefused(await desk.core.call('parcel.pickUp', { id: p.id, pickerName: '张伟', phoneTail: '2222' }, q1), 'RULE', 'phoneTail', '手机尾号与登记的收件人电话不符')
    expectRefused(await desk.core.call('parcel.pickUp', { id: p.id, pickerName: '王阿姨', phoneTail: '5678' }, q1), 'RULE', 'phoneTail', '手机尾号与登记的代领人电话不符')
    expectRefused(await desk.core.call('parcel.pickUp', { id: p.id, pickerName: '张伟', phoneTail: '56a8' }, q1), 'INVALID_INPUT', 'phoneTail', '手机尾号应为4位数字')
    expectRefused(await desk.core.call('parcel.pickUp', { id: p.id, pickerName: '张伟', phoneTail: '5678', signature: 'data:text/html;base64,PHNjcmlwdD4=' }, q1), 'INVALID_INPUT', 'signature', '签名应为手写签名图片')
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(before)
    desk.clock.set('2026-12-01 10:15')
    // Two clerks hand it out at once: the write queue lets one through.
    const both = await Promise.all([
      desk.core.call('parcel.pickUp', { id: p.id, pickerName: '王阿姨', phoneTail: '2222' }, q1),
      desk.core.call('parcel.pickUp', { id: p.id, pickerName: '张伟', phoneTail: '5678' }, q1),
    ])
    // Either may come first; exactly one is handed the parcel, the other is told who took it.
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    const winner = both[0].ok ? '王阿姨' : '张伟'
    const after = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('parcel.pickUp', { id: p.id, pickerName: '张伟', phoneTail: '5678' }, q1), 'CONFLICT', 'id', `已于 2026-12-01 10:15 由 ${winner} 领取,不能重复领取`)
    expectRefused(await desk.core.call('parcel.addDelegate', { id: p.id, name: '李四', phone: '13500003333', namedHow: '电话' }, q1), 'CONFLICT', 'id')
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(after)
  })

  it('parcels on the shelves are a custody line counted at handover, once the site takes parcels in', async () => {
    const { q1, unitId } = await day()
    const line = async () => (await custodyFromRecords(desk.core.db.read)).filter((c) => c.code === 'rec:parcels').map((c) => [c.name, c.expected, c.detail])
    expect(await line()).toEqual([])
    const a = await callOk(desk.core, 'parcel.receive', { ...sf, unitId }, q1)
    await callOk(desk.core, 'parcel.receive', { ...sf, unitId, trackingNo: 'EMS00112233', kind: 'registered', shelf: '柜-2' }, q1)
    await callOk(desk.core, 'parcel.receive', { ...sf, unitId, trackingNo: 'YT0001112223' }, q1)
    expect(await line()).toEqual([['代收邮件(在架待领)', 3, '其中挂号信/特殊邮件 1 件']])
    await callOk(desk.core, 'parcel.pickUp', { id: a.id, pickerName: '张伟', phoneTail: '5678' }, q1)
    expect(await line()).toEqual([['代收邮件(在架待领)', 2, '其中挂号信/特殊邮件 1 件']])
  })

  it('refuses the same waybill twice while on the shelf, bad tracking numbers, an unknown unit; the checks are the same pure rule', async () => {
    const { q1, unitId } = await day()
    await callOk(desk.core, 'parcel.receive', { ...sf, unitId }, q1)
    const before = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('parcel.receive', { ...sf, unitId, trackingNo: 'sf1234567890123' }, q1), 'CONFLICT', 'trackingNo', '运单号 SF1234567890123 已登记(YJ-2026-0001,存放 A-3),尚未领取')
    expectRefused(await desk.core.call('parcel.receive', { ...sf, unitId, trackingNo: 'SF12 345' }, q1), 'INVALID_INPUT', 'trackingNo', '运单号只能是字母、数字或“-”')
    expectRefused(await desk.core.call('parcel.receive', { ...sf, unitId, trackingNo: '12345' }, q1), 'INVALID_INPUT', 'trackingNo', '运单号至少6位')
    expectRefused(await desk.core.call('parcel.receive', { ...sf, unitId: 'nope' }, q1), 'RULE', 'unitId', '所选房屋不存在')
    expectRefused(await desk.core.call('parcel.receive', { ...sf, unitId, addresseePhone: '' }, q1), 'INVALID_INPUT', 'addresseePhone', '收件人电话不能为空')
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(before)
    expect(checkPickup([{ role: 'addressee', name: '张伟', phone: '13812345678' }], '张伟', '5678')).toMatchObject({ ok: true })
    expect(checkPickup([{ role: 'addressee', name: '张伟', phone: '13812345678' }], '张玮', '5678')).toMatchObject({ ok: false, field: 'pickerName' })
  })

  it('parcels waiting over the site’s days are overdue; the setting is the administrator’s and refused out of range', async () => {
    const { q1, admin, unitId } = await day()
    await callOk(desk.core, 'parcel.receive', { ...sf, unitId }, q1)
    desk.clock.set('2026-12-04 23:50')
    const clerk = await desk.token('Q1')
    expect((await callOk(desk.core, 'parcel.waiting', {}, clerk)).map((p) => [p.waitingDays, p.overdue])).toEqual([[3, false]])
    desk.clock.set('2026-12-05 00:10')
    const c2 = await desk.token('Q1')
    expect((await callOk(desk.core, 'parcel.waiting', {}, c2)).map((p) => [p.waitingDays, p.overdue])).toEqual([[4, true]])
    const a2 = await desk.token('admin')
    await callOk(desk.core, 'parcel.saveSettings', { overdueDays: 5 }, a2)
    expect((await callOk(desk.core, 'parcel.waiting', {}, c2))[0].overdue).toBe(false)
    expectRefused(await desk.core.call('parcel.saveSettings', { overdueDays: 0 }, a2), 'INVALID_INPUT', 'overdueDays', '超期天数不能小于1')
    expectRefused(await desk.core.call('parcel.saveSettings', { overdueDays: 2 }, c2), 'FORBIDDEN')
    expect(await callOk(desk.core, 'parcel.settings', {}, c2)).toEqual({ overdueDays: 5 })
    void admin
  })

  it('prints the 邮件领取登记表 with the drawn signature and the pickup slip', async () => {
    const { q1, unitId } = await day()
    desk.clock.set('2026-12-01 09:00')
    const a = await callOk(desk.core, 'parcel.receive', { ...sf, unitId }, q1)
    await callOk(desk.core, 'parcel.receive', { ...sf, unitId, trackingNo: 'EMS00112233', carrier: '中国邮政', kind: 'registered', shelf: '柜-2', addressee: '欧阳明月', addresseePhone: '13600001111' }, q1)
    await callOk(desk.core, 'parcel.notify', { id: a.id, channel: 'phone', note: '业主说晚上来取' }, q1)
    desk.clock.set('2026-12-01 19:00')
    await callOk(desk.core, 'parcel.pickUp', { id: a.id, pickerName: '张伟', phoneTail: '5678', signature: PNG }, q1)
    const list = await callOk(desk.core, 'parcel.print', { from: '2026-12-01', to: '2026-12-01' }, q1)
    const slip = await callOk(desk.core, 'parcel.printSlip', { id: a.id }, q1)
    const listText = (await pdfText(Buffer.from(list.pdfBase64, 'base64'))).join('\n')
    expect(listText).toContain('邮件领取登记表')
    expect(listText).toContain('收件 2 件,未领 1 件')
    expect(listText).toContain('138****5678')
    expect(listText).not.toContain('13812345678')
    const slipText = (await pdfText(Buffer.from(slip.pdfBase64, 'base64'))).join('\n')
    expect(slipText).toContain('邮件领取单')
    expect(slipText).toContain('YJ-2026-0001')
    expect(slipText).toContain('领取人签名')
    const dir = path.resolve('test-results', 'parcel')
    fs.mkdirSync(dir, { recursive: true })
    for (const [name, f] of [['list', list], ['slip', slip]] as const) {
      fs.writeFileSync(path.join(dir, `${name}.pdf`), Buffer.from(f.pdfBase64, 'base64'))
      pdfToPng(path.join(dir, `${name}.pdf`), path.join(dir, name), 80, false)
    }
  })
})
