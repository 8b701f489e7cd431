import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { dayWithEntries, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

/** 李娜's day with `extra` more calls, handed over to 王芳 with one radio short (explained). */
async function printedHandover(extra: number): Promise<string[]> {
  return (await signedHandover(extra)).pages
}

async function signedHandover(extra: number) {
  desk = await openDutyDesk('2026-11-20 09:00')
  const { q1 } = await dayWithEntries(desk)
  for (let i = 0; i < extra; i++) {
    desk.clock.add(10)
    await callOk(desk.core, 'log.add', { kind: 'call', person: `业主${i}`, content: `第${i}条:业主来电询问物业费缴纳、停车位续租等事项,已答复登记`, action: '已解答' }, q1)
  }
  desk.clock.set('2026-12-01 15:15')
  let v = await callOk(desk.core, 'handover.start', {}, q1)
  v = await callOk(desk.core, 'handover.incoming', { id: v.id, staffNo: 'Q2', pin: PIN }, q1)
  for (const p of v.pending) v = await callOk(desk.core, 'handover.ack', { id: v.id, entryId: p.entry.id }, q1)
  for (const c of v.checklist) v = await callOk(desk.core, 'handover.check', { id: v.id, itemCode: c.code, ok: true }, q1)
  for (const c of v.counts) {
    v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'outgoing', count: c.expected }, q1)
    v = await callOk(desk.core, 'handover.count', { id: v.id, itemCode: c.code, side: 'incoming', count: c.code === 'radio' ? c.expected - 1 : c.expected }, q1)
  }
  v = await callOk(desk.core, 'handover.explain', { id: v.id, itemCode: 'radio', explanation: '一台对讲机送修,维修单号 WX-1024' }, q1)
  await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
  const pdf = await callOk(desk.core, 'print.handover', { id: v.id }, q1)
  return { id: v.id, q1, pages: await pdfText(Buffer.from(pdf.pdfBase64, 'base64')) }
}

describe('交接班记录表 on paper', () => {
  it('a normal shift fits one page, with room to sign by hand and the 客服主管审阅 box', async () => {
    const pages = await printedHandover(0)
    expect(pages).toHaveLength(1)
    for (const w of ['交接班 · 含前台物品保管', '交班人:李娜(Q1)', '接班人:王芳(Q2)', '手写签名', '客服主管审阅', '审阅意见', '客服主管签名', '有差异', '已确认']) expect(pages[0]).toContain(w)
  })

  it('a longer shift never leaves the signatures alone on the last page: the last section goes with them', async () => {
    const pages = await printedHandover(9)
    expect(pages.length).toBe(2)
    const last = pages.at(-1)!
    expect(last).toContain('四、清点交接物品')
    expect(last).toContain('五、签名')
    expect(pages[0]).not.toContain('五、签名')
  })

  it('a record changed behind the app prints with a red warning, never as valid; the print is audited as such', async () => {
    const { id, q1, pages } = await signedHandover(0)
    expect(pages.join('')).not.toContain('校验不符')
    expect(pages.join('')).toContain('记录校验码')
    await desk.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER handover_counts_signed_no_update')
      await w.run(`UPDATE handover_counts SET incoming_count = 40000 WHERE handover_id = ? AND item_code = 'cash'`, [id])
    })
    const pdf = await callOk(desk.core, 'print.handover', { id }, q1)
    const text = (await pdfText(Buffer.from(pdf.pdfBase64, 'base64'))).join('')
    expect(text).toContain('交接记录校验不符')
    expect(text).toContain('本打印件不能作为有效记录')
    expect(text).not.toContain('记录校验码')
    // The day's log names the shift whose handover no longer verifies.
    const day = await callOk(desk.core, 'print.dayLog', { date: '2026-12-01' }, q1)
    expect((await pdfText(Buffer.from(day.pdfBase64, 'base64'))).join('')).toMatch(/早班\(李娜\)的交接校验不符/)
    const audit = await desk.core.db.read.all<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'print' ORDER BY seq DESC LIMIT 2")
    expect(audit.map((a) => a.summary).join()).toContain('校验不符')
  })

  it('the service center phone (项目设置) heads the handover record and the day log (the roster: tests/unit/rosterPdf)', async () => {
    const { id, q1 } = await signedHandover(0)
    const admin = await desk.token('admin')
    const site = await callOk(desk.core, 'site.get', {}, admin)
    await callOk(desk.core, 'site.update', { name: site.name, office: site.office, permit: { serviceCenterPhone: '0755-86001234' } }, admin)
    const handover = await callOk(desk.core, 'print.handover', { id }, q1)
    expect((await pdfText(Buffer.from(handover.pdfBase64, 'base64')))[0]).toContain('服务中心电话:0755-86001234')
    const day = await callOk(desk.core, 'print.dayLog', { date: '2026-12-01' }, q1)
    expect((await pdfText(Buffer.from(day.pdfBase64, 'base64')))[0]).toContain('服务中心电话:0755-86001234')
  })
})
