import { mkdirSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { homeServiceKpiRows } from '../../electron/core/homeService/kpi'
import { DEFAULT_KPI_TARGETS, kpiFigures } from '../../shared/reception/kpi'
import { expectRefused, TZ } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'
import { openReceptionDesk, receptionSnapshot, type ReceptionDesk } from '../helpers/reception'

let d: ReceptionDesk
const pcZone = process.env.TZ
afterEach(async () => {
  process.env.TZ = pcZone
  await d?.core.close()
})

/** The desk with a price list: 日常保洁 50 元/小时, 开荒保洁 8 元/平方米. */
async function serviceDesk() {
  d = await openReceptionDesk()
  const prices = await callOk(d.core, 'homeService.savePrices', { items: [{ name: '日常保洁', price: '50', per: '小时' }, { name: '开荒保洁', price: '8', per: '平方米' }] }, await d.token('admin'))
  expect(prices.map((p) => `${p.code} ${p.name} ${p.priceFen}/${p.per}`)).toEqual(['JF-01 日常保洁 5000/小时', 'JF-02 开荒保洁 800/平方米'])
  return prices
}

const booking = (d: ReceptionDesk, wantedAt = '2026-12-02 09:00') => ({ unitId: d.unitId, contact: '刘龑', phone: '13812345678', serviceCode: 'JF-01', quantity: 3, wantedAt, note: '需带吸尘器' })

describe('家居服务 (home services)', () => {
  it('booked → called back within 2 h with the confirmed time → done → followed up the same day; the log entry follows and closes; the register prints', async () => {
    await serviceDesk()
    d.clock.set('2026-12-01 09:10')
    const h = await callOk(d.core, 'homeService.book', booking(d), d.q1)
    expect(h).toMatchObject({ serial: 'JF-2026-0001', serviceName: '日常保洁', quantity: 3, priceFen: 15000, status: 'booked' })
    expect(h.callBack.view.state).toBe('running')
    expect(h.callBack.dueAt).toBe('2026-12-01T03:10:00.000Z')
    const [entry] = await callOk(d.core, 'log.pending', {}, d.q1)
    expect(entry).toMatchObject({ sourceKind: 'homeService', sourceId: h.id, kind: 'call' })
    expect(entry.action).toContain('11:10 前')
    d.clock.set('2026-12-01 10:05')
    const c = await callOk(d.core, 'homeService.callBack', { id: h.id, confirmedAt: '2026-12-02 09:30', worker: '保洁班 赵姐' }, d.q1)
    expect(c).toMatchObject({ status: 'confirmed', worker: '保洁班 赵姐', confirmedAt: '2026-12-02T01:30:00.000Z' })
    expect(c.callBack.view.state).toBe('met')
    d.clock.set('2026-12-02 12:40')
    const q1 = await d.token('Q1')
    const done = await callOk(d.core, 'homeService.done', { id: h.id, at: '2026-12-02 12:30', note: '三小时完成' }, q1)
    expect(done.followUp?.dueAt).toBe('2026-12-02T16:00:00.000Z')
    d.clock.set('2026-12-02 16:00')
    const f = await callOk(d.core, 'homeService.followUp', { id: h.id, satisfied: true, note: '业主满意' }, q1)
    expect(f.status).toBe('followedUp')
    expect(f.followUp?.view.state).toBe('met')
    expect(await callOk(d.core, 'log.pending', {}, q1)).toEqual([])
    const log = await callOk(d.core, 'log.get', { id: entry.id }, q1)
    expect(log.followUps.map((x) => x.kind)).toEqual(['note', 'note', 'close'])
    expect(log.followUps[0].note).toBe('10:05 回电业主,确认 2026-12-02 09:30 上门(保洁班 赵姐)')
    // Open list no longer holds it; the period does.
    expect((await callOk(d.core, 'homeService.list', {}, q1)).rows).toEqual([])
    expect((await callOk(d.core, 'homeService.list', { from: '2026-12-01', to: '2026-12-01' }, q1)).rows.map((x) => x.serial)).toEqual(['JF-2026-0001'])
    const pdf = await callOk(d.core, 'homeService.print', { from: '2026-12-01', to: '2026-12-02' }, q1)
    const buf = Buffer.from(pdf.pdfBase64, 'base64')
    const text = (await pdfText(buf))[0]
    for (const w of ['家居服务登记表', '2026-12-01 至 2026-12-02', 'JF-2026-0001', '3栋2单元1201', '日常保洁 3小时', '150.00', '12-01 10:05', '保洁班 赵姐', '已回访', '满意', '2小时内回电 1 / 1 单']) expect(text).toContain(w)
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/homeService-register.pdf', buf)
  })

  it('refuses, changing nothing: a time wanted in the past, a service not on the list, a call-back before the booking or in the future, a confirmed time before the call, done before the call-back, follow-up before done', async () => {
    await serviceDesk()
    d.clock.set('2026-12-01 09:10')
    const before0 = await receptionSnapshot(d)
    expectRefused(await d.core.call('homeService.book', booking(d, '2026-12-01 09:09'), d.q1), 'RULE', 'wantedAt', '已经过去')
    expectRefused(await d.core.call('homeService.book', booking(d, '2026-12-01 9:30'), d.q1), 'INVALID_INPUT', 'wantedAt', '格式')
    expectRefused(await d.core.call('homeService.book', { ...booking(d), serviceCode: 'JF-09' }, d.q1), 'RULE', 'serviceCode', '价目表')
    expectRefused(await d.core.call('homeService.book', { ...booking(d), quantity: 0 }, d.q1), 'INVALID_INPUT', 'quantity', '数量')
    expect(await receptionSnapshot(d)).toBe(before0)
    const h = await callOk(d.core, 'homeService.book', booking(d), d.q1)
    d.clock.set('2026-12-01 09:40')
    const before = await receptionSnapshot(d)
    expectRefused(await d.core.call('homeService.callBack', { id: h.id, at: '2026-12-01 09:05', confirmedAt: '2026-12-02 09:30' }, d.q1), 'RULE', 'at', '早于预约登记时间')
    expectRefused(await d.core.call('homeService.callBack', { id: h.id, at: '2026-12-01 09:50', confirmedAt: '2026-12-02 09:30' }, d.q1), 'RULE', 'at', '不能晚于现在')
    expectRefused(await d.core.call('homeService.callBack', { id: h.id, confirmedAt: '2026-12-01 09:00' }, d.q1), 'RULE', 'confirmedAt', '不能早于回电时间')
    expectRefused(await d.core.call('homeService.callBack', { id: h.id }, d.q1), 'INVALID_INPUT', 'confirmedAt', '确认上门时间不能为空')
    expectRefused(await d.core.call('homeService.done', { id: h.id }, d.q1), 'RULE', 'id', '尚未回电')
    expectRefused(await d.core.call('homeService.followUp', { id: h.id, satisfied: true }, d.q1), 'RULE', 'id', '尚未完工')
    expectRefused(await d.core.call('homeService.book', booking(d), await d.token('D1')), 'FORBIDDEN')
    expectRefused(await d.core.call('homeService.savePrices', { items: [{ name: '日常保洁', price: '50.001', per: '小时' }] }, await d.token('admin')), 'INVALID_INPUT', 'items.0.price', '价格')
    expectRefused(await d.core.call('homeService.savePrices', { items: [{ name: 'A', price: '1', per: '次' }] }, d.q1), 'FORBIDDEN')
    expect(await receptionSnapshot(d)).toBe(before)
    // The call-back at the very minute of the booking is accepted (stamps are to the minute).
    await callOk(d.core, 'homeService.callBack', { id: h.id, at: '2026-12-01 09:10', confirmedAt: '2026-12-01 14:00' }, d.q1)
    expectRefused(await d.core.call('homeService.callBack', { id: h.id, confirmedAt: '2026-12-01 14:00' }, d.q1), 'RULE', 'id', '已回电确认')
    expectRefused(await d.core.call('homeService.done', { id: h.id, at: '2026-12-01 09:00' }, d.q1), 'RULE', 'at', '不能早于回电确认时间')
    // Cancelled: closed in the log; nothing more can be recorded.
    const x = await callOk(d.core, 'homeService.cancel', { id: h.id, reason: '业主临时出差' }, d.q1)
    expect(x.status).toBe('cancelled')
    expectRefused(await d.core.call('homeService.done', { id: h.id }, d.q1), 'RULE', 'id', '已取消')
    expect(await callOk(d.core, 'log.pending', {}, d.q1)).toEqual([])
    expect((await homeServiceKpiRows(d.core.db.read, '2026-12-01', '2026-12-01', TZ)).map((k) => [k.withinTwoHours, k.cancelled])).toEqual([[true, true]])
  })

  it('clocks survive a restart and a PC clock in another time zone: late while running, a breach stored on the call-back for ever; the KPI reader', async () => {
    await serviceDesk()
    d.clock.set('2026-12-01 09:10')
    const h = await callOk(d.core, 'homeService.book', booking(d), d.q1)
    const h2 = await callOk(d.core, 'homeService.book', { ...booking(d), serviceCode: 'JF-02', quantity: 90 }, d.q1)
    // The PC's zone is New York; the site is Shanghai. The desk restarts at 11:30 (the call-back was due 11:10).
    process.env.TZ = 'America/New_York'
    d.clock.set('2026-12-01 11:30')
    await d.reopen()
    let q1 = await d.token('Q1')
    const open = (await callOk(d.core, 'homeService.list', {}, q1)).rows.find((x) => x.id === h.id)!
    expect(open.callBack.view).toMatchObject({ state: 'late', overMs: 20 * 60_000 })
    await callOk(d.core, 'homeService.callBack', { id: h.id, confirmedAt: '2026-12-01 15:00' }, q1)
    await callOk(d.core, 'homeService.callBack', { id: h2.id, at: '2026-12-01 11:00', confirmedAt: '2026-12-01 15:00' }, q1)
    const step = await d.core.db.read.get<{ due_at: string; over_ms: number }>("SELECT due_at, over_ms FROM home_service_steps WHERE home_service_id = ? AND step = 'callBack'", [h.id])
    expect(step).toEqual({ due_at: '2026-12-01T03:10:00.000Z', over_ms: 20 * 60_000 })
    await expect(d.core.db.tx((w) => w.run('UPDATE home_service_steps SET over_ms = 0'))).rejects.toThrow('append-only')
    // Done at 23:10 Shanghai (10:10 in New York, still "Dec 1" there too); follow-up due at Shanghai midnight.
    d.clock.set('2026-12-01 23:20')
    await d.reopen()
    q1 = await d.token('Q1')
    const done = await callOk(d.core, 'homeService.done', { id: h.id, at: '2026-12-01 23:10' }, q1)
    expect(done.followUp?.dueAt).toBe('2026-12-01T16:00:00.000Z')
    d.clock.set('2026-12-02 00:30')
    await d.reopen()
    q1 = await d.token('Q1')
    const late = (await callOk(d.core, 'homeService.list', {}, q1)).rows.find((x) => x.id === h.id)!
    expect(late.followUp?.view).toMatchObject({ state: 'late', overMs: 30 * 60_000 })
    const f = await callOk(d.core, 'homeService.followUp', { id: h.id, satisfied: false, note: '地面有水渍' }, q1)
    expect(f.followUp?.view).toMatchObject({ state: 'breached', overMs: 30 * 60_000 })
    await d.reopen()
    q1 = await d.token('Q1')
    const after = (await callOk(d.core, 'homeService.list', { from: '2026-12-01', to: '2026-12-01' }, q1)).rows.find((x) => x.id === h.id)!
    expect(after.callBack.view).toMatchObject({ state: 'breached', overMs: 20 * 60_000 })
    // The KPI reader: pure data of the period, by the site's days.
    const kpi = await homeServiceKpiRows(d.core.db.read, '2026-12-01', '2026-12-01', TZ)
    expect(kpi.map((k) => [k.label, k.shift, k.withinTwoHours, k.calledBackAt !== null])).toEqual([
      ['JF-2026-0001 3栋2单元1201 日常保洁', '早班', false, true],
      ['JF-2026-0002 3栋2单元1201 开荒保洁', '早班', true, true],
    ])
    expect(await homeServiceKpiRows(d.core.db.read, '2026-12-02', '2026-12-31', TZ)).toEqual([])
    // The reader's rows are what the KPI functions take: 1 of 2 called back within 2 hours.
    const hs = kpiFigures({ repairs: [], complaints: [], homeServices: kpi, households: 100, periodDays: 1, targets: DEFAULT_KPI_TARGETS }).find((f) => f.code === 'homeServiceCallBack')!
    expect([hs.met, hs.of, hs.bad.map((b) => b.label)]).toEqual([1, 2, ['JF-2026-0001 3栋2单元1201 日常保洁']])
  })
})
