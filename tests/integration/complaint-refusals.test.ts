import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { A_COMPLAINT, complaintDesk, complaintSnapshot } from '../helpers/complaint'
import { expectRefused, type DutyDesk } from '../helpers/duty'

/** Every refusal of the complaint desk: a Chinese message naming the field, and nothing changed. */
let desk: DutyDesk
afterEach(async () => desk?.core.close())

async function refusedUnchanged(call: () => Promise<import('../../shared/api/contract').Result<unknown>>, code: string, field: string | undefined, words: string) {
  const before = await complaintSnapshot(desk.core)
  expectRefused(await call(), code, field, words)
  expect(await complaintSnapshot(desk.core)).toBe(before)
}

describe('complaint refusals', () => {
  it('closing with no result, or without a call-back (or its reason); a call-back before a result; a slip deadline in the past', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const { q1 } = d
    desk.clock.set('2026-12-01 09:00')
    const c = await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, unitId: d.unitId }, q1)
    const call = (m: 'complaint.close' | 'complaint.callBack' | 'complaint.issueSlip', i: object) => () => desk.core.call(m, { complaintId: c.id, ...i }, q1)
    await refusedUnchanged(call('complaint.close', {}), 'RULE', 'result', '尚未登记处理结果,不能办结')
    await refusedUnchanged(call('complaint.callBack', { outcome: 'satisfied' }), 'RULE', 'result', '尚未登记处理结果,不能回访')
    await refusedUnchanged(call('complaint.issueSlip', { department: '工程部', request: '请处理', deadline: '2026-12-01 08:59' }), 'RULE', 'deadline', '处理时限应晚于当前时间')
    await refusedUnchanged(call('complaint.issueSlip', { department: '工程部', request: '请处理', deadline: '2026-12-01 09:00' }), 'RULE', 'deadline', '处理时限应晚于当前时间')
    await refusedUnchanged(call('complaint.issueSlip', { department: '工程部', request: '请处理', deadline: '2026-13-01 09:00' }), 'INVALID_INPUT', 'deadline', '处理时限格式')
    await refusedUnchanged(call('complaint.issueSlip', { department: '物业公司', request: '请处理', deadline: '2026-12-02 09:00' }), 'RULE', 'department', '接收部门「物业公司」不在')
    await refusedUnchanged(call('complaint.issueSlip', { department: '工程部', request: '  ', deadline: '2026-12-02 09:00' }), 'INVALID_INPUT', 'request', '联系事项不能为空')

    await callOk(desk.core, 'complaint.result', { complaintId: c.id, result: '已处理' }, q1)
    await refusedUnchanged(call('complaint.close', {}), 'RULE', 'callBack', '尚未回访(或登记无法回访的原因),不能办结')
    await refusedUnchanged(call('complaint.callBack', { outcome: 'impossible' }), 'INVALID_INPUT', 'note', '无法回访的原因不能为空')
    await refusedUnchanged(call('complaint.callBack', { outcome: 'impossible', note: '   ' }), 'INVALID_INPUT', 'note', '无法回访的原因不能为空')
    await refusedUnchanged(call('complaint.callBack', { outcome: 'maybe' }), 'INVALID_INPUT', 'outcome', '回访结果应为')

    await callOk(desk.core, 'complaint.callBack', { complaintId: c.id, outcome: 'satisfied' }, q1)
    await callOk(desk.core, 'complaint.close', { complaintId: c.id }, q1)
    // Closed: no second closure, no more steps.
    await refusedUnchanged(call('complaint.close', {}), 'CONFLICT', 'complaintId', '已办结')
    await refusedUnchanged(() => desk.core.call('complaint.followUp', { complaintId: c.id, note: '再跟进' }, q1), 'CONFLICT', 'complaintId', '已办结,不能再跟进')
    await refusedUnchanged(() => desk.core.call('complaint.result', { complaintId: c.id, result: '改结果' }, q1), 'CONFLICT', 'complaintId', '已办结')
  })

  it('a clerk (or the director) deciding validity is forbidden; the supervisor needs a reason', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const { q1 } = d
    desk.clock.set('2026-12-01 09:00')
    const c = await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT }, q1)
    await refusedUnchanged(() => desk.core.call('complaint.decideValidity', { complaintId: c.id, valid: true, reason: '属实' }, q1), 'FORBIDDEN', undefined, '客服主管')
    await refusedUnchanged(async () => desk.core.call('complaint.decideValidity', { complaintId: c.id, valid: true, reason: '属实' }, await desk.token('D1')), 'FORBIDDEN', undefined, '无权')
    const s1 = await desk.token('S1')
    await refusedUnchanged(() => desk.core.call('complaint.decideValidity', { complaintId: c.id, valid: true, reason: '' }, s1), 'INVALID_INPUT', 'reason', '判定理由不能为空')
    await refusedUnchanged(() => desk.core.call('complaint.decideValidity', { complaintId: c.id, reason: '属实' }, s1), 'INVALID_INPUT', 'valid', '有效投诉或无效投诉')
    await refusedUnchanged(() => desk.core.call('complaint.decideValidity', { complaintId: 'nope', valid: true, reason: '属实' }, s1), 'NOT_FOUND', 'complaintId', '投诉记录不存在')
    // Prints: a slip that does not exist, a period backwards.
    await refusedUnchanged(() => desk.core.call('complaint.printSlip', { slipId: 'nope' }, q1), 'NOT_FOUND', 'slipId', '工作联系单不存在')
    await refusedUnchanged(() => desk.core.call('complaint.printRegister', { from: '2026-12-02', to: '2026-12-01' }, q1), 'INVALID_INPUT', 'to', '结束日期不能早于开始日期')
    await refusedUnchanged(() => desk.core.call('complaint.analysis', { from: '2026-02-30', to: '2026-03-01' }, q1), 'INVALID_INPUT', 'from', '开始日期不是有效日期')
    // The queue is the supervisor's and the director's, not the clerk's.
    expectRefused(await desk.core.call('complaint.queue', {}, q1), 'FORBIDDEN')
  })

  it('registering: missing or unknown fields, a unit that does not exist, nobody on duty — refused naming the field, nothing saved', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const { q1 } = d
    const add = (i: object, token = q1) => () => desk.core.call('complaint.create', { ...A_COMPLAINT, ...i }, token)
    await refusedUnchanged(add({ complainant: ' ' }), 'INVALID_INPUT', 'complainant', '投诉人不能为空')
    await refusedUnchanged(add({ summary: '' }), 'INVALID_INPUT', 'summary', '投诉内容不能为空')
    await refusedUnchanged(add({ channel: 'pigeon' }), 'INVALID_INPUT', 'channel', '投诉方式应为')
    await refusedUnchanged(add({ severity: 'huge' }), 'INVALID_INPUT', 'severity', '严重程度')
    await refusedUnchanged(add({ phone: '12345' }), 'INVALID_INPUT', 'phone', '联系电话格式不正确')
    await refusedUnchanged(add({ category: '外星人' }), 'RULE', 'category', '投诉类别「外星人」不在项目设置的类别中')
    await refusedUnchanged(add({ department: '火星部' }), 'RULE', 'department', '责任部门「火星部」不在')
    await refusedUnchanged(add({ unitId: '0190aaaa-0000-7000-8000-000000000000' }), 'RULE', 'unitId', '所选房屋不存在')
    // A supervisor not on duty has no shift to log the complaint in.
    await refusedUnchanged(add({}, await desk.token('S1')), 'RULE', 'shift', '请先开始值班')
    // The serial was not consumed by any refusal.
    expect((await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT }, q1)).serial).toBe('TS-2026-0001')
  })

  it('settings: the administrator or supervisor keeps categories and departments; a name twice or an empty list is refused', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const admin = await desk.token('admin')
    const base = await callOk(desk.core, 'complaint.settings', {}, admin)
    await refusedUnchanged(() => desk.core.call('complaint.saveSettings', { ...base, categories: ['噪音', '噪音'] }, admin), 'INVALID_INPUT', 'categories.1', '投诉类别「噪音」重复')
    await refusedUnchanged(() => desk.core.call('complaint.saveSettings', { ...base, departments: [] }, admin), 'INVALID_INPUT', 'departments', '责任部门至少要有一项')
    await refusedUnchanged(() => desk.core.call('complaint.saveSettings', { ...base, recurDays: 0 }, admin), 'INVALID_INPUT', 'recurDays', '重复投诉判定天数不能小于1')
    await refusedUnchanged(() => desk.core.call('complaint.saveSettings', { ...base, recurDays: 7 }, d.q1), 'FORBIDDEN', undefined, '无权')
    const saved = await callOk(desk.core, 'complaint.saveSettings', { ...base, categories: [...base.categories, '电梯'], recurDays: 7 }, admin)
    expect(saved.recurDays).toBe(7)
    expect(saved.categories).toContain('电梯')
    expect((await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, category: '电梯' }, d.q1)).category).toBe('电梯')
  })
})
