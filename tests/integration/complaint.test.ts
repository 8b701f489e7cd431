import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { complaintFacts } from '../../electron/core/complaint/read'
import { A_COMPLAINT, complaintDesk } from '../helpers/complaint'
import type { DutyDesk } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'

/** 投诉 · 客户投诉登记表: a complaint through its work contact slip, result and call-back to closure. */
let desk: DutyDesk
afterEach(async () => desk?.core.close())

describe('complaints to closure', () => {
  it('registers with a serial and a linked log entry; slip, follow-up, result, call-back and closure are appended facts; the log entry closes with it', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const { q1 } = d
    desk.clock.set('2026-12-01 09:00')
    let c = await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, unitId: d.unitId, severity: 'major' }, q1)
    expect(c.serial).toBe('TS-2026-0001')
    expect(c.unitLabel).toBe('3栋2单元1502')
    expect(c.phone).toBe('138****5678')
    const pending = await callOk(desk.core, 'log.pending', {}, q1)
    expect(pending.map((e) => [e.sourceKind, e.sourceId, e.kind])).toEqual([['complaint', c.id, 'complaint']])
    expect(pending[0].content).toContain('【重大投诉】投诉 TS-2026-0001')

    // A major complaint is on the supervisor's and the director's queue at once.
    for (const who of ['S1', 'D1'] as const) {
      const q = await callOk(desk.core, 'complaint.queue', {}, await desk.token(who))
      expect(q.major.map((x) => x.serial)).toEqual(['TS-2026-0001'])
      expect(q.undecided.map((x) => x.serial)).toEqual(['TS-2026-0001'])
    }

    desk.clock.set('2026-12-01 09:05')
    c = await callOk(desk.core, 'complaint.issueSlip', { complaintId: c.id, department: '秩序维护部', request: '请今晚巡查并制止超时施工', deadline: '2026-12-01 12:30' }, q1)
    expect(c.slips.map((s) => [s.serial, s.department, s.deadlineAt])).toEqual([['LX-2026-0001', '秩序维护部', '2026-12-01T04:30:00.000Z']])
    expect(c.nextDeadline).toBe('2026-12-01T04:30:00.000Z')
    desk.clock.set('2026-12-01 11:00')
    c = await callOk(desk.core, 'complaint.followUp', { complaintId: c.id, note: '秩序维护部已到场,施工已停' }, q1)
    expect((await callOk(desk.core, 'complaint.open', {}, q1))[0].overdueMinutes).toBe(0)
    // Past the slip's deadline with no result: overdue, by the core's clock.
    desk.clock.set('2026-12-01 12:40')
    expect((await callOk(desk.core, 'complaint.open', {}, q1))[0].overdueMinutes).toBe(10)
    c = await callOk(desk.core, 'complaint.result', { complaintId: c.id, result: '已约谈装修方,晚上八点后不得施工' }, q1)
    expect([c.nextDeadline, c.overdueMinutes]).toEqual([null, 0])
    c = await callOk(desk.core, 'complaint.callBack', { complaintId: c.id, outcome: 'satisfied', note: '王先生表示满意' }, q1)
    c = await callOk(desk.core, 'complaint.close', { complaintId: c.id }, q1)
    expect(c.closedAt).toBe(desk.clock.now().toISOString())
    expect(c.steps.map((s) => s.kind)).toEqual(['followUp', 'result', 'callBack', 'close'])

    const entry = await callOk(desk.core, 'log.get', { id: pending[0].id }, q1)
    expect(entry.state).toBe('done')
    expect(entry.followUps.map((f) => f.kind)).toEqual(['note', 'note', 'note', 'note', 'close'])
    expect(entry.followUps[0].note).toContain('LX-2026-0001')
    expect(await callOk(desk.core, 'log.pending', {}, q1)).toEqual([])

    // Closed: off the major queue; the supervisor still decides validity (a closed one too), then off that queue.
    const s1 = await desk.token('S1')
    expect((await callOk(desk.core, 'complaint.queue', {}, s1)).major).toEqual([])
    c = await callOk(desk.core, 'complaint.decideValidity', { complaintId: c.id, valid: true, reason: '施工时间违反装修管理规定' }, s1)
    expect([c.valid, c.validReason, c.validByName]).toEqual([true, '施工时间违反装修管理规定', '陈静'])
    expect((await callOk(desk.core, 'complaint.queue', {}, s1)).undecided).toEqual([])

    // The facts are append-only: the database refuses to change or remove them.
    await expect(desk.core.db.tx((w) => w.run("UPDATE complaint_steps SET note = 'x'"))).rejects.toThrow(/append-only/)
    await expect(desk.core.db.tx((w) => w.run('DELETE FROM complaints'))).rejects.toThrow(/append-only/)
    await expect(desk.core.db.tx((w) => w.run("UPDATE complaint_slips SET deadline_at = 'x'"))).rejects.toThrow(/append-only/)

    // The KPI reader: pure data for the period.
    const facts = await complaintFacts(desk.core.db.read, '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')
    expect(facts).toEqual([
      {
        id: c.id,
        serial: 'TS-2026-0001',
        unitId: d.unitId,
        receivedAt: '2026-12-01T01:00:00.000Z',
        major: true,
        resultAt: '2026-12-01T04:40:00.000Z',
        closedAt: '2026-12-01T04:40:00.000Z',
        calledBackAt: '2026-12-01T04:40:00.000Z',
        callBackOutcome: 'satisfied',
        valid: true,
      },
    ])
    expect(await complaintFacts(desk.core.db.read, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z')).toEqual([])

    // Prints: the slip with its serial and deadline, the register of the day.
    const slip = await callOk(desk.core, 'complaint.printSlip', { slipId: c.slips[0].id }, q1)
    const slipText = (await pdfText(Buffer.from(slip.pdfBase64, 'base64'))).join('\n')
    for (const w of ['工作联系单', 'LX-2026-0001', '2026-12-01 12:30', '秩序维护部', 'TS-2026-0001', '请今晚巡查并制止超时施工']) expect(slipText).toContain(w)
    const reg = await callOk(desk.core, 'complaint.printRegister', { from: '2026-12-01', to: '2026-12-01' }, q1)
    const regText = (await pdfText(Buffer.from(reg.pdfBase64, 'base64'))).join('\n')
    for (const w of ['客户投诉登记表', 'TS-2026-0001', '王先生', '已约谈装修方', '满意', '有效', '已办结']) expect(regText).toContain(w)
    const fs = await import('node:fs')
    fs.mkdirSync('test-results', { recursive: true })
    fs.writeFileSync('test-results/complaint-slip.pdf', Buffer.from(slip.pdfBase64, 'base64'))
    fs.writeFileSync('test-results/complaint-register.pdf', Buffer.from(reg.pdfBase64, 'base64'))
  })

  it('no call-back possible: the recorded reason lets it close; a new result after a call-back needs a new call-back', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const { q1 } = d
    desk.clock.set('2026-12-01 09:00')
    let c = await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, channel: 'letter', complainant: '匿名' }, q1)
    c = await callOk(desk.core, 'complaint.result', { complaintId: c.id, result: '已加强巡查' }, q1)
    desk.clock.set('2026-12-01 09:10')
    c = await callOk(desk.core, 'complaint.callBack', { complaintId: c.id, outcome: 'unsatisfied', note: '仍有噪音' }, q1)
    desk.clock.set('2026-12-01 09:20')
    c = await callOk(desk.core, 'complaint.result', { complaintId: c.id, result: '已停工整改' }, q1)
    const r = await desk.core.call('complaint.close', { complaintId: c.id }, q1)
    expect(r.ok ? null : r.error.field).toBe('callBack')
    desk.clock.set('2026-12-01 09:30')
    c = await callOk(desk.core, 'complaint.callBack', { complaintId: c.id, outcome: 'impossible', note: '匿名来信,无联系方式' }, q1)
    c = await callOk(desk.core, 'complaint.close', { complaintId: c.id, note: '匿名投诉' }, q1)
    expect(c.closedAt).not.toBeNull()
    expect([c.result, c.callBackOutcome, c.callBackNote]).toEqual(['已停工整改', 'impossible', '匿名来信,无联系方式'])
  })

  it('serials are per year, gapless, and the analysis counts by category, department, building, month and lists recurring causes', async () => {
    const d = await complaintDesk()
    desk = d.desk
    const { q1 } = d
    desk.clock.set('2026-12-01 09:00')
    await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, unitId: d.unitId }, q1)
    desk.clock.set('2026-12-01 10:00')
    await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, unitId: d.unitId, category: '环境卫生', department: '保洁部', summary: '楼道垃圾未清' }, q1)
    desk.clock.set('2026-12-01 11:00')
    const third = await callOk(desk.core, 'complaint.create', { ...A_COMPLAINT, summary: '夜间噪音' }, q1)
    expect(third.serial).toBe('TS-2026-0003')
    const s1 = await desk.token('S1')
    await callOk(desk.core, 'complaint.decideValidity', { complaintId: third.id, valid: false, reason: '经核实无施工' }, s1)
    const a = await callOk(desk.core, 'complaint.analysis', { from: '2026-12-01', to: '2026-12-31' }, q1)
    expect([a.total, a.valid, a.undecided, a.closed]).toEqual([3, 0, 2, 0])
    expect(a.byCategory.map((b) => [b.label, b.count])).toEqual([
      ['噪音扰民', 2],
      ['环境卫生', 1],
    ])
    expect(a.byDepartment.map((b) => [b.label, b.count])).toEqual([
      ['秩序维护部', 2],
      ['保洁部', 1],
    ])
    expect(a.byBuilding.map((b) => [b.label, b.count])).toEqual([
      ['3栋', 2],
      ['未关联房屋', 1],
    ])
    expect(a.byMonth).toEqual([{ label: '2026-12', count: 3, valid: 0 }])
    expect(a.recurring.map((g) => [g.by, g.label, g.serials])).toEqual([
      ['category', '噪音扰民', ['TS-2026-0001', 'TS-2026-0003']],
      ['unit', '3栋2单元1502', ['TS-2026-0001', 'TS-2026-0002']],
    ])
    const pdf = await callOk(desk.core, 'complaint.printAnalysis', { from: '2026-12-01', to: '2026-12-31' }, q1)
    const text = (await pdfText(Buffer.from(pdf.pdfBase64, 'base64'))).join('\n')
    for (const w of ['客户投诉统计分析', '按类别', '噪音扰民', '按楼栋', '重复投诉', 'TS-2026-0001、TS-2026-0003']) expect(text).toContain(w)
    // A period with no complaints: 0 of 0, never 100%.
    const none = await callOk(desk.core, 'complaint.analysis', { from: '2026-11-01', to: '2026-11-30' }, q1)
    expect([none.total, none.closed, none.byCategory, none.recurring]).toEqual([0, 0, [], []])
    const nonePdf = await callOk(desk.core, 'complaint.printAnalysis', { from: '2026-11-01', to: '2026-11-30' }, q1)
    const noneText = (await pdfText(Buffer.from(nonePdf.pdfBase64, 'base64'))).join('\n')
    expect(noneText).toContain('0/0(无投诉)')
    expect(noneText).not.toContain('100')
    const fs = await import('node:fs')
    fs.mkdirSync('test-results', { recursive: true })
    fs.writeFileSync('test-results/complaint-analysis.pdf', Buffer.from(pdf.pdfBase64, 'base64'))
  })
})
