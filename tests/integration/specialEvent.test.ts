import { mkdirSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { expectRefused } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'
import { openReceptionDesk, receptionSnapshot, type ReceptionDesk } from '../helpers/reception'

let d: ReceptionDesk
afterEach(async () => d?.core.close())

const report = (d: ReceptionDesk, occurredAt = '2026-12-01 08:40') => ({
  title: '地下车库水管爆裂',
  place: '3栋地下车库B2',
  unitId: d.unitId,
  occurredAt,
  whatHappened: '08:40 巡查发现B2层消防水管接头爆裂,地面积水约5厘米。',
  toldWhom: '工程部值班 王工;秩序部 李队长',
  actions: '关闭分区阀门,设置警示围挡,通知受影响车主挪车。',
})

describe('特殊事件报告 (special events)', () => {
  it('filed → in the supervisor’s and the director’s queue at once, a linked incident entry; each reads once; both read → the entry closes; printed', async () => {
    d = await openReceptionDesk()
    d.clock.set('2026-12-01 09:00')
    const e = await callOk(d.core, 'specialEvent.report', report(d), d.q1)
    expect(e).toMatchObject({ serial: 'SJ-2026-0001', unitLabel: '3栋2单元1201', reportedByName: '李娜', waitingFor: ['supervisor', 'director'] })
    const s1 = await d.token('S1')
    const d1 = await d.token('D1')
    expect((await callOk(d.core, 'specialEvent.list', { waitingFor: 'supervisor' }, s1)).map((x) => x.id)).toEqual([e.id])
    expect((await callOk(d.core, 'specialEvent.list', { waitingFor: 'director' }, d1)).map((x) => x.id)).toEqual([e.id])
    const [entry] = await callOk(d.core, 'log.pending', {}, d.q1)
    expect(entry).toMatchObject({ sourceKind: 'specialEvent', sourceId: e.id, kind: 'incident' })
    // A clerk cannot mark it read; the supervisor reads once.
    expectRefused(await d.core.call('specialEvent.read', { id: e.id }, d.q1), 'FORBIDDEN')
    d.clock.set('2026-12-01 09:20')
    const r1 = await callOk(d.core, 'specialEvent.read', { id: e.id, remark: '通知保险公司定损' }, s1)
    expect(r1.waitingFor).toEqual(['director'])
    const before = await receptionSnapshot(d)
    expectRefused(await d.core.call('specialEvent.read', { id: e.id }, await d.token('S2')), 'RULE', 'id', '已由客服主管阅示')
    expect(await receptionSnapshot(d)).toBe(before)
    expect(await callOk(d.core, 'specialEvent.list', { waitingFor: 'supervisor' }, s1)).toEqual([])
    expect((await callOk(d.core, 'log.pending', {}, d.q1)).length).toBe(1)
    const r2 = await callOk(d.core, 'specialEvent.read', { id: e.id }, d1)
    expect(r2.waitingFor).toEqual([])
    expect(await callOk(d.core, 'log.pending', {}, d.q1)).toEqual([])
    const log = await callOk(d.core, 'log.get', { id: entry.id }, d.q1)
    expect(log.followUps.map((f) => [f.kind, f.note])).toEqual([
      ['note', '客服主管 陈静 已阅,批示:通知保险公司定损'],
      ['close', '主任 周强 已阅'],
    ])
    await expect(d.core.db.tx((w) => w.run("UPDATE special_events SET title = 'x'"))).rejects.toThrow('append-only')
    const pdf = await callOk(d.core, 'specialEvent.print', { id: e.id }, d.q1)
    const buf = Buffer.from(pdf.pdfBase64, 'base64')
    const text = (await pdfText(buf))[0]
    for (const w of ['特殊事件报告', 'SJ-2026-0001', '地下车库水管爆裂', '2026-12-01 08:40', '3栋地下车库B2', '工程部值班 王工', '关闭分区阀门', '客服主管阅示', '陈静 2026-12-01 09:20 已阅', '批示:通知保险公司定损', '主任阅示']) expect(text).toContain(w)
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/specialEvent-report.pdf', buf)
  })

  it('refuses, changing nothing: a time in the future, missing who was told or actions, an unknown unit, nobody on duty', async () => {
    d = await openReceptionDesk()
    d.clock.set('2026-12-01 09:00')
    const before = await receptionSnapshot(d)
    expectRefused(await d.core.call('specialEvent.report', report(d, '2026-12-01 09:30'), d.q1), 'RULE', 'occurredAt', '不能晚于现在')
    expectRefused(await d.core.call('specialEvent.report', { ...report(d), toldWhom: ' ' }, d.q1), 'INVALID_INPUT', 'toldWhom', '已通知不能为空')
    expectRefused(await d.core.call('specialEvent.report', { ...report(d), actions: '' }, d.q1), 'INVALID_INPUT', 'actions', '处理措施不能为空')
    expectRefused(await d.core.call('specialEvent.report', { ...report(d), unitId: 'nope' }, d.q1), 'RULE', 'unitId', '房屋')
    expectRefused(await d.core.call('specialEvent.report', report(d), await d.token('S1')), 'RULE', 'shift')
    expect(await receptionSnapshot(d)).toBe(before)
    // A blank unit is no unit.
    expect((await callOk(d.core, 'specialEvent.report', { ...report(d), unitId: '' }, d.q1)).unitLabel).toBeNull()
  })
})
