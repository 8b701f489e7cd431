import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import type { DutyDesk } from '../helpers/duty'
import { expectRefused } from '../helpers/duty'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { receptionDesk, tablesSnapshot } from '../helpers/visitorDesk'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

const TABLES = ['visits', 'visit_events', 'visitor_expected', 'log_entries', 'log_follow_ups', 'permit_serials', 'audit_events']
const visitor = { visitorName: '王五', phone: '13987654321', idNumber: '11010519491231002X', purpose: '探望父母', carPlate: '粤b·12345', people: 2, hostName: '张伟' }

async function day() {
  const r = await receptionDesk()
  desk = r.desk
  return r
}

describe('visitors: sign in, who is in, the slip at the gate, sign out', () => {
  it('signs a visitor in with a slip serial and a pending log entry; the gate reads the slip as valid today; sign-out closes the entry', async () => {
    const { q1, unitId } = await day()
    desk.clock.set('2026-12-01 09:10')
    const v = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId }, q1)
    expect(v.serial).toBe('FK-2026-0001')
    expect(v.unitLabel).toBe('3栋2单元1502')
    expect(v.carPlate).toBe('粤B12345')
    expect(v.phone).toBe('139****4321')
    expect(v.idNumber).toBe('110105********002X')
    expect(v.slipPayload).toMatch(/^WYQT:FK-2026-0001:[0-9A-Z]{10}$/)
    expect((await callOk(desk.core, 'visitor.inside', {}, q1)).map((x) => [x.id, x.stayedOver])).toEqual([[v.id, false]])
    const pending = await callOk(desk.core, 'log.pending', {}, q1)
    expect(pending.map((e) => [e.sourceKind, e.sourceId, e.kind, e.state])).toEqual([['visitor', v.id, 'visit', 'pending']])
    expect(pending[0].content).toContain('王五等2人')

    const ok = await callOk(desk.core, 'permit.verify', { text: v.slipPayload }, q1)
    expect([ok.outcome, ok.label, ok.codeChecked]).toEqual(['valid', '有效', true])
    expect(ok.visitor).toMatchObject({ serial: 'FK-2026-0001', visitorName: '王五', unitLabel: '3栋2单元1502', people: 2, signedOutAt: null, validDay: '2026-12-01' })
    expect(ok.detail).toContain('09:10 签到,今日有效')
    // Typed by hand: shown, but the code was not checked.
    const typed = await callOk(desk.core, 'permit.verify', { text: 'fk 2026 1' }, q1)
    expect([typed.outcome, typed.codeChecked]).toEqual(['valid', false])

    desk.clock.set('2026-12-01 11:40')
    const out = await callOk(desk.core, 'visitor.signOut', { id: v.id }, q1)
    expect(out.signedOutBy).toBe('李娜')
    expect(await callOk(desk.core, 'visitor.inside', {}, q1)).toEqual([])
    expect(await callOk(desk.core, 'log.pending', {}, q1)).toEqual([])
    const entry = await callOk(desk.core, 'log.get', { id: pending[0].id }, q1)
    expect(entry.followUps.map((f) => [f.kind, f.note])).toEqual([['close', '访客已于 11:40 签离']])
    const gone = await callOk(desk.core, 'permit.verify', { text: v.slipPayload }, q1)
    expect([gone.outcome, gone.label]).toEqual(['used', '已签离'])
    expect(gone.visitor?.signedOutAt).toBe('2026-12-01 11:40')
  })

  it('a visitor signed in by one clerk is signed out by a colleague on the next shift; it all holds after a restart', async () => {
    const { q1, unitId } = await day()
    desk.clock.set('2026-12-01 09:10')
    const v = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId }, q1)
    await desk.reopen()
    desk.clock.set('2026-12-01 11:55')
    const q2 = await desk.token('Q2')
    await callOk(desk.core, 'duty.start', {}, q2)
    expect((await callOk(desk.core, 'visitor.inside', {}, q2)).map((x) => x.serial)).toEqual(['FK-2026-0001'])
    expect((await callOk(desk.core, 'permit.verify', { text: v.slipPayload }, q2)).outcome).toBe('valid')
    desk.clock.set('2026-12-01 16:20')
    await callOk(desk.core, 'visitor.signOut', { id: v.id, note: '从北门离开' }, q2)
    const row = await desk.core.db.read.get<{ id: string }>("SELECT id FROM log_entries WHERE source_kind = 'visitor' AND source_id = ?", [v.id])
    const e = await callOk(desk.core, 'log.get', { id: row!.id }, q2)
    expect([e.state, e.recordedByName]).toEqual(['done', '李娜'])
    expect(e.followUps.map((f) => [f.kind, f.staffName, f.note])).toEqual([['close', '王芳', '访客已于 16:20 签离:从北门离开']])
    expect((await callOk(desk.core, 'visitor.day', { date: '2026-12-01' }, q2)).map((x) => [x.signedInBy, x.signedOutBy, x.signOutNote])).toEqual([['李娜', '王芳', '从北门离开']])
  })

  it('refuses signing out twice, naming the record, and changes nothing', async () => {
    const { q1, unitId } = await day()
    const v = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId }, q1)
    desk.clock.set('2026-12-01 10:05')
    await callOk(desk.core, 'visitor.signOut', { id: v.id }, q1)
    const before = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('visitor.signOut', { id: v.id }, q1), 'CONFLICT', 'id', '访客 王五 已于 2026-12-01 10:05 签离,不能重复签离')
    // Two sign-outs at once: the write queue takes one, refuses the other.
    const v2 = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId, visitorName: '赵六' }, q1)
    const both = await Promise.all([desk.core.call('visitor.signOut', { id: v2.id }, q1), desk.core.call('visitor.signOut', { id: v2.id }, q1)])
    expect(both.filter((r) => r.ok).length).toBe(1)
    expect(await desk.core.db.read.get<{ n: number }>("SELECT count(*) AS n FROM visit_events WHERE visit_id = ? AND kind = 'out'", [v2.id])).toEqual({ n: 1 })
    expect(JSON.parse(before).visits.length).toBe(1)
  })

  it('a slip of yesterday is expired at the gate; a forged, malformed or unknown slip shows nothing of any visit', async () => {
    const { q1, unitId } = await day()
    const v = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId }, q1)
    const before = await tablesSnapshot(desk.core, ['visits', 'visit_events', 'log_entries', 'log_follow_ups'])
    const code = v.slipPayload.split(':')[2]
    const flipped = code.slice(0, 9) + (code[9] === '0' ? '1' : '0')
    for (const text of [`WYQT:FK-2026-0001:${flipped}`, 'WYQT:FK-2026-0001:ABC', 'WYQT:FK-2026-0001:']) {
      const r = await callOk(desk.core, 'permit.verify', { text }, q1)
      expect([r.outcome, r.label, r.visitor, r.permit]).toEqual(['forged', '伪造', undefined, null])
      expect(r.detail).not.toContain('王五')
    }
    const unknown = await callOk(desk.core, 'permit.verify', { text: `WYQT:FK-2026-0099:${code}` }, q1)
    expect([unknown.outcome, unknown.visitor]).toEqual(['unknown', undefined])
    // The slip's day is one of its signed fields: the next day the genuine slip is expired.
    desk.clock.set('2026-12-02 08:00')
    const guard = await desk.token('Q2')
    const late = await callOk(desk.core, 'permit.verify', { text: v.slipPayload }, guard)
    expect([late.outcome, late.label]).toEqual(['expired', '已过期'])
    expect(late.detail).toContain('仅限 2026-12-01 当天有效')
    // Someone who stayed overnight is still listed as in.
    expect((await callOk(desk.core, 'visitor.inside', {}, guard)).map((x) => [x.serial, x.stayedOver])).toEqual([['FK-2026-0001', true]])
    expect(await tablesSnapshot(desk.core, ['visits', 'visit_events', 'log_entries', 'log_follow_ups'])).toBe(before)
    // A permit QR still goes to the permit reader.
    expect((await callOk(desk.core, 'permit.verify', { text: 'FX-2026-0001' }, guard)).outcome).toBe('unknown')
  })

  it('a typo is put right while the visitor is in (the slip still verifies); after sign-out the record is closed to edits', async () => {
    const { q1, unitId } = await day()
    const v = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId }, q1)
    const fixed = await callOk(desk.core, 'visitor.update', { id: v.id, hostName: '张伟', purpose: '探望父母', carPlate: '粤B12346', people: 3 }, q1)
    expect([fixed.carPlate, fixed.people, fixed.slipPayload]).toEqual(['粤B12346', 3, v.slipPayload])
    expect((await callOk(desk.core, 'permit.verify', { text: v.slipPayload }, q1)).outcome).toBe('valid')
    const [entry] = await callOk(desk.core, 'log.pending', {}, q1)
    expect((await callOk(desk.core, 'log.get', { id: entry.id }, q1)).followUps.map((f) => f.note)).toEqual(['更正来访登记:车牌 粤B12345 → 粤B12346,人数 2 → 3'])
    expectRefused(await desk.core.call('visitor.update', { id: v.id, purpose: '探望父母', carPlate: '粤B123', people: 3 }, q1), 'INVALID_INPUT', 'carPlate', '车牌号格式不正确')
    await callOk(desk.core, 'visitor.signOut', { id: v.id }, q1)
    const before = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('visitor.update', { id: v.id, purpose: '改', people: 1 }, q1), 'CONFLICT', 'id', '已签离,记录不能再修改')
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(before)
  })

  it.each([
    [{ carPlate: '粤B1234' }, 'carPlate', '车牌号格式不正确'],
    [{ carPlate: 'AB12345' }, 'carPlate', '车牌号格式不正确'],
    [{ visitorName: ' ' }, 'visitorName', '访客姓名不能为空'],
    [{ people: 0 }, 'people', '来访人数不能小于1'],
    [{ phone: '12345' }, 'phone', '访客电话格式不正确'],
    [{ phone: undefined }, 'phone', '访客电话不能为空'],
    [{ idNumber: '110105194912310021' }, 'idNumber', '访客身份证号'],
    [{ purpose: '' }, 'purpose', '来访事由不能为空'],
  ])('refuses a sign-in with %o naming %s, and writes nothing', async (bad, field, words) => {
    const { q1, unitId } = await day()
    const before = await tablesSnapshot(desk.core, TABLES)
    const r = await desk.core.call('visitor.signIn', { ...visitor, unitId, ...bad }, q1)
    expect(r.ok).toBe(false)
    if (!r.ok) expect([r.error.field, r.error.message.includes(words)]).toEqual([field, true])
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(before)
  })

  it('the ID number is required when the site says so; a clerk without an open shift is refused; a green plate is taken', async () => {
    const { q1, admin, unitId } = await day()
    await callOk(desk.core, 'visitor.saveSettings', { idNumberRequired: true, printSlip: false }, admin)
    expectRefused(await desk.core.call('visitor.saveSettings', { idNumberRequired: true, printSlip: false }, q1), 'FORBIDDEN')
    const q2 = await desk.token('Q2')
    const before = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('visitor.signIn', { ...visitor, unitId, idNumber: undefined }, q1), 'INVALID_INPUT', 'idNumber', '访客身份证号不能为空')
    expectRefused(await desk.core.call('visitor.signIn', { ...visitor, unitId }, q2), 'RULE', 'shift', '请先开始值班')
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(before)
    const green = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId, carPlate: '粤BD12345' }, q1)
    expect(green.carPlate).toBe('粤BD12345')
  })

  it('an owner calls ahead: the expected visitor signs in once with the details the owner gave; a past day or a cancelled one is refused', async () => {
    const { q1, unitId } = await day()
    expectRefused(await desk.core.call('visitor.expect', { unitId, visitorName: '孙七', purpose: '送货', people: 1, expectedDate: '2026-11-30', calledBy: '张伟' }, q1), 'RULE', 'expectedDate', '不能早于今天')
    const e = await callOk(desk.core, 'visitor.expect', { unitId, visitorName: '孙七', phone: '13711112222', idNumber: '11010519491231002X', purpose: '送货', people: 1, expectedDate: '2026-12-01', calledBy: '张伟' }, q1)
    const tomorrow = await callOk(desk.core, 'visitor.expect', { unitId, visitorName: '周八', purpose: '做客', people: 3, expectedDate: '2026-12-02', calledBy: '张伟' }, q1)
    // No date: today of the site's calendar.
    const list = await callOk(desk.core, 'visitor.expected', {}, q1)
    expect(list.map((x) => [x.visitorName, x.phone, x.idNumber, x.visitId])).toEqual([['孙七', '137****2222', '110105********002X', null]])
    const v = await callOk(desk.core, 'visitor.signIn', { unitId, visitorName: '孙七', purpose: '送货', people: 1, expectedId: e.id }, q1)
    expect([v.phone, v.idNumber, v.expectedId]).toEqual(['137****2222', '110105********002X', e.id])
    expect((await callOk(desk.core, 'visitor.expected', { date: '2026-12-01' }, q1))[0].visitId).toBe(v.id)
    const before = await tablesSnapshot(desk.core, TABLES)
    expectRefused(await desk.core.call('visitor.signIn', { unitId, visitorName: '孙七', purpose: '送货', people: 1, expectedId: e.id }, q1), 'CONFLICT', 'expectedId', '已签到')
    expectRefused(await desk.core.call('visitor.signIn', { ...visitor, unitId, expectedId: tomorrow.id }, q1), 'RULE', 'expectedId', '不是今天的')
    expectRefused(await desk.core.call('visitor.cancelExpected', { id: e.id, reason: '改期' }, q1), 'CONFLICT', 'id', '已签到')
    expect(await tablesSnapshot(desk.core, TABLES)).toBe(before)
    await callOk(desk.core, 'visitor.cancelExpected', { id: tomorrow.id, reason: '业主来电取消' }, q1)
    expect(await callOk(desk.core, 'visitor.expected', { date: '2026-12-02' }, q1)).toEqual([])
  })

  it('prints the 80 mm slip with its QR and the day’s 业户访问记录, phones and ID numbers masked', async () => {
    const { q1, unitId } = await day()
    desk.clock.set('2026-12-01 09:10')
    const v = await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId }, q1)
    await callOk(desk.core, 'visitor.signIn', { ...visitor, unitId, visitorName: '欧阳明月', people: 1, carPlate: undefined, purpose: '快递员送大件家具上楼安装' }, q1)
    desk.clock.set('2026-12-01 10:00')
    await callOk(desk.core, 'visitor.signOut', { id: v.id }, q1)
    const slip = await callOk(desk.core, 'visitor.printSlip', { id: v.id }, q1)
    const again = await callOk(desk.core, 'visitor.printSlip', { id: v.id }, q1)
    const book = await callOk(desk.core, 'visitor.printDay', { date: '2026-12-01' }, q1)
    const [slipText] = await pdfText(Buffer.from(slip.pdfBase64, 'base64'))
    expect(slipText).toContain('FK-2026-0001')
    expect(slipText).toContain('仅限 2026-12-01 当天有效')
    expect(slipText).toContain('3栋2单元1502')
    expect(slipText).toContain('110105********002X')
    expect(slipText).not.toContain('11010519491231002X')
    expect(slipText).not.toContain('补打')
    expect((await pdfText(Buffer.from(again.pdfBase64, 'base64')))[0]).toContain('补打')
    const bookText = (await pdfText(Buffer.from(book.pdfBase64, 'base64'))).join('\n')
    expect(bookText).toContain('业户访问记录')
    expect(bookText).toContain('共 2 批来访,1 批未签离')
    expect(bookText).toContain('未签离')
    expect(bookText).not.toContain('13987654321')
    // For the eyes: PNGs under test-results/visitor/ (pdftoppm where installed).
    const dir = path.resolve('test-results', 'visitor')
    fs.mkdirSync(dir, { recursive: true })
    for (const [name, f] of [['slip', slip], ['book', book]] as const) {
      fs.writeFileSync(path.join(dir, `${name}.pdf`), Buffer.from(f.pdfBase64, 'base64'))
      pdfToPng(path.join(dir, `${name}.pdf`), path.join(dir, name), 110, false)
    }
  })
})
