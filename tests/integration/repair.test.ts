import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import type { DutyDesk } from '../helpers/duty'
import { expectRefused } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'
import { repairDesk, repairSnapshot } from '../helpers/repair'

/** 报修 · 维修单: an order from a phone call, its steps, its clocks and the refusals. */
let desk: DutyDesk
afterEach(async () => desk?.core.close())

const leak = { category: '水', content: '厨房水管漏水' }
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

describe('registering a repair', () => {
  it('saves the order with its serial, photo and duty log entry in one go; the contact comes from the resident picked', async () => {
    const s = await repairDesk()
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak, appointmentAt: '2026-12-01 14:00', photos: [{ label: '漏水处', fileName: 'a.png', dataUrl: PNG }] }, s.q1)
    expect(o.serial).toBe('WX-2026-0001')
    expect([o.unitLabel, o.contactName, o.contactPhone, o.state, o.urgent]).toEqual(['3栋2单元1502', '张伟', '13812345678', 'toForward', false])
    expect(o.appointmentAt).toBe('2026-12-01T06:00:00.000Z')
    expect(o.clocks.map((c) => [c.clock, c.state, c.leftMs])).toEqual([['forward', 'running', 180_000]])
    expect(o.photos.map((p) => [p.label, p.mime])).toEqual([['漏水处', 'image/png']])
    expect((await callOk(desk.core, 'repair.photo', { id: o.photos[0].id }, s.q1)).dataUrl).toBe(PNG)
    const pending = await callOk(desk.core, 'log.pending', {}, s.q1)
    expect(pending.map((e) => [e.kind, e.sourceKind, e.sourceId, e.state])).toEqual([['repair', 'repair', o.id, 'pending']])
    expect(pending[0].content).toContain('报修单 WX-2026-0001')
    // A typed contact instead of a resident; the list masks the phone.
    const o2 = await callOk(desk.core, 'repair.create', { unitId: s.otherUnitId, contactName: '陈先生', contactPhone: '139 1111 2222', category: '电', content: '客厅灯不亮', urgent: true }, s.q1)
    expect(o2.serial).toBe('WX-2026-0002')
    const open = await callOk(desk.core, 'repair.open', {}, s.q1)
    expect(open.rows.map((r) => [r.serial, r.contactPhone])).toEqual([
      ['WX-2026-0001', '138****5678'],
      ['WX-2026-0002', '139****2222'],
    ])
    expect(open.now).toBe(new Date(desk.clock.t).toISOString())
  })

  it.each([
    [{ appointmentAt: '2026-12-01 08:30' }, 'RULE', 'appointmentAt', '预约时间 2026-12-01 08:30 已经过去'],
    [{ appointmentAt: '2026-12-01 8点' }, 'INVALID_INPUT', 'appointmentAt', '预约时间格式应为 YYYY-MM-DD HH:mm'],
    [{ category: '园林' }, 'RULE', 'category', '报修类别「园林」不在项目设置的类别中'],
    [{ content: ' ' }, 'INVALID_INPUT', 'content', '报修内容不能为空'],
    [{ residentId: undefined, contactName: '' }, 'INVALID_INPUT', 'contactName', '联系人不能为空'],
    [{ residentId: undefined, contactName: '王', contactPhone: '12345' }, 'INVALID_INPUT', 'contactPhone', '联系电话格式不正确'],
    [{ unitId: '' }, 'INVALID_INPUT', 'unitId', '请选择报修房屋'],
    [{ unitId: 'no-such-unit' }, 'RULE', 'unitId', '报修房屋不存在'],
    [{ photos: [{ label: '合同', fileName: 'a.pdf', dataUrl: 'data:application/pdf;base64,AAAA' }] }, 'INVALID_INPUT', 'photos.0.dataUrl', '照片应为 PNG 或 JPEG 图片'],
  ])('refuses %o in Chinese naming the field; nothing saved', async (bad, code, field, words) => {
    const s = await repairDesk()
    desk = s.desk
    const before = await repairSnapshot(desk.core)
    expectRefused(await desk.core.call('repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak, ...bad }, s.q1), code, field, words)
    expect(await repairSnapshot(desk.core)).toBe(before)
  })

  it('refuses a resident of another unit, and a clerk not on duty (the log entry needs the shift); nothing saved', async () => {
    const s = await repairDesk()
    desk = s.desk
    const before = await repairSnapshot(desk.core)
    expectRefused(await desk.core.call('repair.create', { unitId: s.otherUnitId, residentId: s.ownerId, ...leak }, s.q1), 'RULE', 'residentId', '所选联系人不是 5栋101 的住户')
    const q3 = await desk.token('Q3')
    expectRefused(await desk.core.call('repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak }, q3), 'RULE', 'shift')
    expect(await repairSnapshot(desk.core)).toBe(before)
  })
})

describe('the steps of an order', () => {
  it('refuses each step out of order, or twice, in Chinese naming the field; nothing changed', async () => {
    const s = await repairDesk()
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak, urgent: true }, s.q1)
    const refused = async (m: string, input: object, code: string, field: string, words: string) => {
      const before = await repairSnapshot(desk.core)
      expectRefused(await desk.core.call(m as 'repair.arrive', { id: o.id, ...input } as never, s.q1), code, field, words)
      expect(await repairSnapshot(desk.core)).toBe(before)
    }
    await refused('repair.arrive', { who: '张师傅' }, 'RULE', 'id', '尚未转工程部,不能登记到场')
    await refused('repair.complete', { who: '张师傅', result: '已修好' }, 'RULE', 'id', '尚未转工程部,不能登记完工')
    await refused('repair.told', { housekeeper: '王管家', note: '师傅半小时后到' }, 'RULE', 'id', '尚未转工程部')
    await refused('repair.callback', { reached: true, satisfied: true }, 'RULE', 'id', '尚未完工,不能回访')
    await refused('repair.forward', { receiver: ' ' }, 'INVALID_INPUT', 'receiver', '工程部接单人不能为空')
    desk.clock.add(1)
    await callOk(desk.core, 'repair.forward', { id: o.id, receiver: '张师傅' }, s.q1)
    await refused('repair.forward', { receiver: '李师傅' }, 'CONFLICT', 'id', '已于 09:01 转工程部(张师傅),不能重复转单')
    await refused('repair.complete', { who: '张师傅', result: '已修好' }, 'RULE', 'id', '急修:请先登记工程部到场时间')
    await refused('repair.arrive', { who: '张师傅', at: '2026-12-01 09:30' }, 'RULE', 'at', '到场时间 2026-12-01 09:30 还没到')
    await refused('repair.arrive', { who: '张师傅', at: '2026-12-01 08:50' }, 'RULE', 'at', '到场时间不能早于转单时间(2026-12-01 09:01)')
    desk.clock.add(5)
    await callOk(desk.core, 'repair.arrive', { id: o.id, who: '张师傅' }, s.q1)
    await refused('repair.arrive', { who: '张师傅' }, 'CONFLICT', 'id', '已登记到场(09:06),不能重复登记')
    await refused('repair.complete', { who: '张师傅', result: '已修好', at: '2026-12-01 09:04' }, 'RULE', 'at', '完工时间不能早于到场时间')
    await refused('repair.complete', { who: '张师傅', result: ' ' }, 'INVALID_INPUT', 'result', '维修结果不能为空')
    desk.clock.add(30)
    await callOk(desk.core, 'repair.complete', { id: o.id, who: '张师傅', result: '更换三角阀', materials: '三角阀1个', charges: '材料费25元' }, s.q1)
    await refused('repair.complete', { who: '张师傅', result: '再次' }, 'CONFLICT', 'id', '不能重复登记完工')
    await refused('repair.told', { housekeeper: '王管家', note: 'x' }, 'RULE', 'id', '已完工')
    await refused('repair.callback', { reached: true }, 'INVALID_INPUT', 'satisfied', '请选择业主是否满意')
    await refused('repair.callback', { reached: false }, 'INVALID_INPUT', 'remark', '未联系上业主时,回访备注不能为空')
    await refused('repair.callback', { reached: true, satisfied: false }, 'INVALID_INPUT', 'remark', '业主不满意时,回访备注不能为空')
    // Not reached: an attempt, the order stays open; then reached closes it.
    await callOk(desk.core, 'repair.callback', { id: o.id, reached: false, remark: '电话无人接听' }, s.q1)
    expect((await callOk(desk.core, 'repair.get', { id: o.id }, s.q1)).state).toBe('completed')
    const closed = await callOk(desk.core, 'repair.callback', { id: o.id, reached: true, satisfied: true, remark: '业主表示满意' }, s.q1)
    expect(closed.state).toBe('closed')
    await refused('repair.callback', { reached: true, satisfied: true }, 'CONFLICT', 'id', '已回访结案,不能重复回访')
    await refused('repair.arrive', { who: 'x' }, 'CONFLICT', 'id', '已回访结案')
    expectRefused(await desk.core.call('repair.forward', { id: 'no-such-order', receiver: '张师傅' }, s.q1), 'NOT_FOUND', undefined, '维修单不存在')
    expectRefused(await desk.core.call('repair.get', { id: 'no-such-order' }, s.q1), 'NOT_FOUND', undefined, '维修单不存在')
    // Only the desk's roles record steps; the director reads.
    const d1 = await desk.token('D1')
    expectRefused(await desk.core.call('repair.forward', { id: o.id, receiver: 'x' }, d1), 'FORBIDDEN')
    expect((await callOk(desk.core, 'repair.get', { id: o.id }, d1)).serial).toBe(o.serial)
  })

  it('a repair forwarded in time meets its clock; one forwarded late leaves a breach fact for ever, and the log says so', async () => {
    const s = await repairDesk()
    desk = s.desk
    const a = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak }, s.q1)
    const b = await callOk(desk.core, 'repair.create', { unitId: s.otherUnitId, contactName: '陈先生', contactPhone: '13911112222', category: '门窗', content: '窗户关不上' }, s.q1)
    desk.clock.add(2)
    const fa = await callOk(desk.core, 'repair.forward', { id: a.id, receiver: '张师傅' }, s.q1)
    expect(fa.clocks[0]).toMatchObject({ clock: 'forward', state: 'met', overMs: 0 })
    expect(fa.breaches).toEqual([])
    // b is late now: red on the desk before anything is recorded.
    desk.clock.add(3)
    const open = await callOk(desk.core, 'repair.open', {}, s.q1)
    expect(open.rows[0]).toMatchObject({ serial: b.serial, late: true })
    expect(open.rows[0].clocks[0]).toMatchObject({ state: 'late', overMs: 120_000 })
    const fb = await callOk(desk.core, 'repair.forward', { id: b.id, receiver: '李师傅' }, s.q1)
    expect(fb.clocks[0]).toMatchObject({ state: 'breached', overMs: 120_000 })
    expect(fb.breaches.map((x) => [x.clock, x.dueAt, x.stoppedAt, x.overMs])).toEqual([['forward', '2026-12-01T01:03:00.000Z', '2026-12-01T01:05:00.000Z', 120_000]])
    const entry = (await callOk(desk.core, 'log.pending', {}, s.q1)).find((e) => e.sourceId === b.id)!
    const detail = await callOk(desk.core, 'log.get', { id: entry.id }, s.q1)
    expect(detail.followUps.map((f) => f.note)).toEqual(['已转工程部,接单人 李师傅(转单超时2分00秒)'])
    // A non-urgent repair may be completed without an arrival recorded; an arrival after completion is refused.
    await callOk(desk.core, 'repair.complete', { id: a.id, who: '张师傅', result: '已修好' }, s.q1)
    expectRefused(await desk.core.call('repair.arrive', { id: a.id, who: '张师傅' }, s.q1), 'RULE', 'id', '已完工,不能再登记到场')
    await expect(desk.core.db.tx((w) => w.run('DELETE FROM repair_breaches'))).rejects.toThrow('append-only')
    await expect(desk.core.db.tx((w) => w.run("UPDATE repair_steps SET at = '2026-12-01T01:00:00.000Z'"))).rejects.toThrow('append-only')
  })

  it('an urgent repair through arrival, completion and call-back: clocks from the site settings at save time; the call-back closes the log entry', async () => {
    const s = await repairDesk()
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.tenantId, category: '水', content: '水管爆裂', urgent: true }, s.q1)
    expect(o.clocks.map((c) => [c.clock, c.leftMs])).toEqual([
      ['forward', 180_000],
      ['onSite', 15 * 60_000],
      ['done', 8 * 3_600_000],
    ])
    // A stricter site: 5 minutes on site from now on; the saved order keeps its 15.
    const set = await callOk(desk.core, 'repair.settings', {}, s.admin)
    await callOk(desk.core, 'repair.saveSettings', { ...set, urgentOnSiteMinutes: 5 }, s.admin)
    const strict = await callOk(desk.core, 'repair.create', { unitId: s.otherUnitId, contactName: '陈先生', contactPhone: '13911112222', category: '电', content: '跳闸', urgent: true }, s.q1)
    expect(strict.clocks.find((c) => c.clock === 'onSite')!.leftMs).toBe(5 * 60_000)
    expect((await callOk(desk.core, 'repair.get', { id: o.id }, s.q1)).clocks.find((c) => c.clock === 'onSite')!.leftMs).toBe(15 * 60_000)

    desk.clock.add(1)
    await callOk(desk.core, 'repair.forward', { id: o.id, receiver: '张师傅' }, s.q1)
    desk.clock.add(4)
    await callOk(desk.core, 'repair.told', { id: o.id, housekeeper: '王管家', note: '师傅在处理另一急修,约20分钟到' }, s.q1)
    desk.clock.add(20)
    const arrived = await callOk(desk.core, 'repair.arrive', { id: o.id, who: '张师傅' }, s.q1)
    expect(arrived.breaches.map((b) => [b.clock, b.overMs])).toEqual([['onSite', 10 * 60_000]])
    desk.clock.set('2026-12-01 11:00')
    const done = await callOk(desk.core, 'repair.complete', { id: o.id, who: '张师傅', result: '更换水管', materials: 'PPR管2米', charges: '材料费40元', at: '2026-12-01 10:40' }, s.q1)
    expect(done.state).toBe('completed')
    expect(done.clocks.find((c) => c.clock === 'done')!.state).toBe('met')
    // Call back the same day: due at the end of the site's day.
    expect(done.clocks.find((c) => c.clock === 'callback')).toMatchObject({ state: 'running', dueAt: '2026-12-01T16:00:00.000Z' })
    desk.clock.set('2026-12-01 15:00')
    const closed = await callOk(desk.core, 'repair.callback', { id: o.id, reached: true, satisfied: true }, s.q1)
    expect(closed.clocks.map((c) => [c.clock, c.state])).toEqual([
      ['forward', 'met'],
      ['onSite', 'breached'],
      ['done', 'met'],
      ['callback', 'met'],
    ])
    expect(closed.steps.map((x) => x.step)).toEqual(['forward', 'told', 'arrive', 'complete', 'callback'])
    const entry = (await callOk(desk.core, 'log.list', { from: '2026-12-01', to: '2026-12-01' }, s.q1)).rows.find((e) => e.sourceId === o.id)!
    const log = await callOk(desk.core, 'log.get', { id: entry.id }, s.q1)
    expect(log.state).toBe('done')
    expect(log.followUps.map((f) => f.kind)).toEqual(['note', 'note', 'note', 'note', 'close'])
    expect(log.followUps[2].note).toContain('到场超时10分00秒')
    expect((await callOk(desk.core, 'repair.open', {}, s.q1)).rows.map((r) => r.serial)).toEqual([strict.serial])
    // The 维修单 (A5) and the day's register (A4 landscape) print with the steps and the breach.
    const one = await callOk(desk.core, 'repair.print', { id: o.id }, s.q1)
    expect(one.fileName).toBe('维修单-WX-2026-0001.pdf')
    const oneText = (await pdfText(Buffer.from(one.pdfBase64, 'base64'))).join('\n').replace(/\s+/g, '')
    for (const w of ['维修单', '编号:WX-2026-0001', '3栋2单元1502', '刘芳', '13987654321', '【急修】水管爆裂', '张师傅', '更换水管', 'PPR管2米', '业主满意', '到场超时10分00秒']) expect(oneText).toContain(w)
    const day = await callOk(desk.core, 'repair.printDay', { date: '2026-12-01' }, s.q1)
    expect(day.fileName).toBe('当日报修登记-2026-12-01.pdf')
    const dayText = (await pdfText(Buffer.from(day.pdfBase64, 'base64'))).join('\n').replace(/\s+/g, '')
    for (const w of ['当日报修登记', '报修2单,完工1单,超时2单', 'WX-2026-0001', 'WX-2026-0002', '到场超10分00秒', '跳闸', '139****2222']) expect(dayText).toContain(w)
    // For a look: PNGs of both (REPAIR_PNG=dir).
    const dir = process.env.REPAIR_PNG
    if (dir) {
      fs.mkdirSync(dir, { recursive: true })
      for (const [n, f] of [['order', one], ['day', day]] as const) {
        const pdf = path.join(dir, `${n}.pdf`)
        fs.writeFileSync(pdf, Buffer.from(f.pdfBase64, 'base64'))
        execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(dir, n)])
      }
    }
  })

  it('settings refuse bad values naming the field; a clerk cannot change them', async () => {
    const s = await repairDesk()
    desk = s.desk
    const set = await callOk(desk.core, 'repair.settings', {}, s.q1)
    expect(set.forwardMinutes).toBe(3)
    expectRefused(await desk.core.call('repair.saveSettings', { ...set, forwardMinutes: 0 }, s.admin), 'INVALID_INPUT', 'forwardMinutes', '转工程部时限(分钟)不能小于1')
    expectRefused(await desk.core.call('repair.saveSettings', { ...set, categories: ['水', '水'] }, s.admin), 'INVALID_INPUT', 'categories.1', '报修类别「水」重复')
    expectRefused(await desk.core.call('repair.saveSettings', set, s.q1), 'FORBIDDEN')
  })
})

describe('changing an open order', () => {
  it('changes what was taken down, each column audited with its old value; a new appointment in the past is refused, the one kept is not', async () => {
    const s = await repairDesk()
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak, appointmentAt: '2026-12-01 10:00' }, s.q1)
    desk.clock.set('2026-12-01 11:00')
    const q1 = await desk.token('Q1')
    const before = await repairSnapshot(desk.core)
    expectRefused(await desk.core.call('repair.update', { id: o.id, contactName: '张伟', category: '水', content: leak.content, appointmentAt: '2026-12-01 10:30' }, q1), 'RULE', 'appointmentAt', '已经过去')
    expectRefused(await desk.core.call('repair.update', { id: o.id, contactName: '张伟', category: '燃料', content: leak.content }, q1), 'RULE', 'category', '不在项目设置的类别中')
    expect(await repairSnapshot(desk.core)).toBe(before)
    // The past appointment left as it was stays; the text changes.
    const u = await callOk(desk.core, 'repair.update', { id: o.id, contactName: '张伟', contactPhone: '13812345678', category: '水', content: '厨房和卫生间水管漏水', appointmentAt: '2026-12-01 10:00' }, q1)
    expect([u.content, u.appointmentAt]).toEqual(['厨房和卫生间水管漏水', '2026-12-01T02:00:00.000Z'])
    const a = await desk.core.db.read.get<{ changes: string }>("SELECT changes FROM audit_events WHERE action = 'repair.update'")
    expect(JSON.parse(a!.changes)).toEqual({ content: ['厨房水管漏水', '厨房和卫生间水管漏水'] })
    // A photo over 2MB is refused at the field, nothing saved.
    const big = `data:image/jpeg;base64,${Buffer.alloc(2 * 1024 * 1024 + 10).toString('base64')}`
    const snap = await repairSnapshot(desk.core)
    expectRefused(await desk.core.call('repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak, photos: [{ label: '大图', fileName: 'b.jpg', dataUrl: big }] }, q1), 'RULE', 'photos.0.dataUrl', '照片「大图」超过2MB')
    expect(await repairSnapshot(desk.core)).toBe(snap)
  })
})

describe('engineering’s list', () => {
  it('工程主管 reads the open orders and an order (its list to work from) but cannot register or step one', async () => {
    const s = await repairDesk()
    desk = s.desk
    const o = await callOk(desk.core, 'repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak, urgent: true }, s.q1)
    await callOk(desk.core, 'repair.forward', { id: o.id, receiver: '吴工' }, s.q1)
    await callOk(desk.core, 'staff.create', { staffNo: 'E1', name: '吴强', roles: ['engineering'], pin: '1234' }, s.admin)
    const e1 = (await callOk(desk.core, 'auth.login', { staffNo: 'E1', pin: '1234' })).token
    expect((await callOk(desk.core, 'repair.open', {}, e1)).rows.map((r) => [r.serial, r.state])).toEqual([['WX-2026-0001', 'forwarded']])
    expect((await callOk(desk.core, 'repair.get', { id: o.id }, e1)).serial).toBe('WX-2026-0001')
    const before = await repairSnapshot(desk.core)
    expectRefused(await desk.core.call('repair.create', { unitId: s.unitId, residentId: s.ownerId, ...leak }, e1), 'FORBIDDEN')
    expectRefused(await desk.core.call('repair.arrive', { id: o.id, who: '吴强' }, e1), 'FORBIDDEN')
    expect(await repairSnapshot(desk.core)).toBe(before)
  })
})
