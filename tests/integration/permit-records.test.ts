import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { approvedRenovation, expectRefused, lead, openPermitDesk, worker, type PermitDesk } from '../helpers/permit'

let d: PermitDesk
const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='
afterEach(async () => d?.core.close())

/** An approved renovation with two printed worker passes. */
async function withPasses() {
  d = await openPermitDesk()
  const ren = await approvedRenovation(d)
  const q1 = await d.token('Q1')
  const passes = await callOk(d.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王建国', 1, { photo: PHOTO }), worker('李龑', 2)] }, q1)
  await callOk(d.core, 'permit.printPasses', { ids: passes.map((p) => p.id) }, q1)
  return { ren, passes, q1 }
}

const write = (sql: string, params: unknown[] = []) => d.core.db.tx((w) => w.run(sql, params))

describe('permit records', () => {
  it('the database refuses deleting a permit, editing a pass’s dates or serial, and any change to reviews, prints, ledger, files', async () => {
    const { ren, passes } = await withPasses()
    const id = passes[0].id
    await expect(write('DELETE FROM permits WHERE id = ?', [id])).rejects.toThrow(/never deleted/)
    await expect(write("UPDATE permits SET valid_until = '2026-12-31' WHERE id = ?", [id])).rejects.toThrow(/never edited/)
    await expect(write("UPDATE permits SET valid_from = '2026-03-01' WHERE id = ?", [ren.id])).rejects.toThrow(/never edited/)
    await expect(write("UPDATE permits SET valid_until = '2026-05-01' WHERE id = ?", [ren.id])).rejects.toThrow(/never edited/)
    await expect(write("UPDATE permits SET serial = 'CR-2026-0099' WHERE id = ?", [id])).rejects.toThrow(/keeps its serial/)
    await expect(write("UPDATE permit_serials SET last = 1 WHERE kind = 'workerPass'")).rejects.toThrow(/only go up/)
    await expect(write('DELETE FROM permit_serials')).rejects.toThrow(/never deleted/)
    for (const t of ['permit_reviews', 'permit_prints', 'deposit_ledger', 'permit_files']) {
      expect((await d.core.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n).toBeGreaterThan(0)
      await expect(write(`UPDATE ${t} SET updated_at = 'x'`)).rejects.toThrow(/append-only/)
      await expect(write(`DELETE FROM ${t}`)).rejects.toThrow(/append-only/)
    }
    const voided = await callOk(d.core, 'permit.void', { id, reason: '证件遗失' }, await d.token('Q1'))
    expect(voided.effectiveState).toBe('voided')
    await expect(write("UPDATE permits SET state = 'issued' WHERE id = ?", [id])).rejects.toThrow(/voided permit is final/)
  })

  it('a record changed behind the app’s back verifies as tampered (its seal is broken) and will not print', async () => {
    const { passes, q1 } = await withPasses()
    const qr = passes[1].verifyPayload!
    await d.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER permits_validity_fixed')
      await w.run("UPDATE permits SET valid_until = '2026-12-31' WHERE id = ?", [passes[1].id])
    })
    const r = await callOk(d.core, 'permit.verify', { text: qr }, q1)
    expect(r).toMatchObject({ outcome: 'tampered', permit: null })
    expect(r.detail).toContain('有效期')
    expectRefused(await d.core.call('permit.print', { id: passes[1].id }, q1), 'RULE', 'id', '可能被改动')
  })

  it('voiding a renovation voids its live passes with it; they verify as voided', async () => {
    const { ren, passes, q1 } = await withPasses()
    const v = await callOk(d.core, 'permit.void', { id: ren.id, reason: '业主取消装修' }, q1)
    expect(v.children.map((c) => c.state)).toEqual(['voided', 'voided'])
    for (const p of passes) {
      const r = await callOk(d.core, 'permit.verify', { text: p.verifyPayload! }, q1)
      expect(r.outcome).toBe('voided')
      expect(r.detail).toContain('所属装修许可证 ZX-2026-0001 已作废:业主取消装修')
    }
    const audit = await d.core.db.read.get<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'permit.void'")
    expect(audit!.summary).toBe('作废装修许可证 ZX-2026-0001:业主取消装修(随之作废:CR-2026-0001、CR-2026-0002),退押金 2000.00 元')
  })

  it('the serial lookup and the review queue use their indexes', async () => {
    d = await openPermitDesk()
    const plan = async (sql: string) => (await d.core.db.read.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)).map((r) => r.detail).join(' | ')
    expect(await plan("SELECT * FROM permits WHERE serial = 'DH-2026-0001'")).toContain('permits_serial_uq')
    expect(await plan("SELECT * FROM permits WHERE state = 'inReview'")).toMatch(/permits_state|permits_kind_state/)
    expect(await plan("SELECT * FROM permits WHERE renovation_id = 'x'")).toContain('permits_renovation')
  })
})
