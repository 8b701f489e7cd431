import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText } from '../helpers/pdf'
import { dutySnapshot, expectRefused, handoverReady, openDutyDesk, PIN, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

// A tiny but real PNG (1×1), as signature_pad's toDataURL() gives.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

describe('handover — drawn signatures (a site setting)', () => {
  it('when the site asks for them, signing without both is refused and nothing is signed; with them, they are sealed', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const admin = await desk.token('admin')
    const site = await callOk(desk.core, 'site.get', {}, admin)
    await callOk(desk.core, 'site.update', { name: site.name, office: site.office, timeZone: site.timeZone as 'Asia/Shanghai', drawnSignature: true }, admin)
    const { view: v, q1 } = await handoverReady(desk)
    expect((await callOk(desk.core, 'handover.get', { id: v.id }, q1)).drawnSignatureRequired).toBe(true)
    const before = await dutySnapshot(desk.core)
    expectRefused(await desk.core.call('handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1), 'RULE', 'outgoingSignature', '手写签名')
    expectRefused(await desk.core.call('handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN, outgoingSignature: PNG }, q1), 'RULE', 'incomingSignature')
    expectRefused(await desk.core.call('handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN, outgoingSignature: 'data:text/html;base64,PGI+', incomingSignature: PNG }, q1), 'INVALID_INPUT', 'outgoingSignature')
    expect(await dutySnapshot(desk.core)).toBe(before)
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN, outgoingSignature: PNG, incomingSignature: PNG }, q1)
    expect(signed.handover.signatures).toEqual({ outgoing: PNG, incoming: PNG })
    expect(signed.handover.integrity).toEqual({ ok: true, reason: null })
    // The record prints with the drawn signatures beside the names.
    const pdf = await callOk(desk.core, 'print.handover', { id: v.id }, q1)
    const raw = Buffer.from(pdf.pdfBase64, 'base64')
    expect((await pdfText(raw)).join('')).toMatch(/交班人[\s\S]*李娜\(Q1\)/)
    expect(raw.toString('latin1')).toContain('/Subtype /Image')
    // A signature swapped behind the app's back breaks the seal.
    await desk.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER handover_signatures_no_update')
      await w.run("UPDATE handover_signatures SET data_url = 'data:image/png;base64,AAAA' WHERE side = 'incoming'")
    })
    const report = await callOk(desk.core, 'handover.verify', {}, q1)
    expect(report.ok).toBe(false)
    expect(report.broken[0].reason).toContain('手写签名')
  })

  it('sites without the setting sign with PINs alone', async () => {
    desk = await openDutyDesk('2026-11-20 09:00')
    const { view: v, q1 } = await handoverReady(desk)
    const signed = await callOk(desk.core, 'handover.sign', { id: v.id, outgoingPin: PIN, incomingPin: PIN }, q1)
    expect(signed.handover).toMatchObject({ status: 'signed', signatures: { outgoing: null, incoming: null }, integrity: { ok: true } })
  })
})
