import { createHash, createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { apply, approve, approvedRenovation, approvedSlip, behindTheApp, expectRefused, lead, openPermitDesk, permitSnapshot, worker, type PermitDesk } from '../helpers/permit'

/**
 * Issue E: a permit changed behind the app (raw SQL on the file) no longer matches its keyed history;
 * the gate says so, and nothing is done with it — no use, print, void — until someone looks.
 */

let d: PermitDesk
afterEach(async () => d?.core.close())

async function printedSlip() {
  const v = await approvedSlip(d)
  await callOk(d.core, 'permit.print', { id: v.id }, await d.token('Q1'))
  return v
}

describe('permit seals (keyed, chained history)', () => {
  it('a release slip used, then set back to issued by raw SQL, verifies as tampered and is not used twice', async () => {
    d = await openPermitDesk()
    const v = await printedSlip()
    const g1 = await d.token('G1')
    d.clock.set('2026-03-02 15:30')
    await callOk(d.core, 'permit.use', { text: v.verifyPayload! }, g1)
    const sealed = await callOk(d.core, 'permit.get', { id: v.id }, g1)
    expect(sealed.seal).toMatchObject({ ok: true, sealed: true, problems: [] })
    expect(sealed.seal.count).toBeGreaterThanOrEqual(4) // submit, approve, print, use

    await behindTheApp(d, `UPDATE permits SET state = 'issued', used_at = NULL, used_by = NULL WHERE id = ?`, [v.id])
    const r = await callOk(d.core, 'permit.verify', { text: v.verifyPayload! }, g1)
    expect(r).toMatchObject({ outcome: 'tampered', label: '记录被改动,不能作为有效凭证', permit: null })
    expect(r.detail).toContain('状态')
    expect(r.detail).toContain('使用时间')
    const before = await permitSnapshot(d.core)
    expectRefused(await d.core.call('permit.use', { text: v.verifyPayload! }, g1), 'RULE', 'text', '记录被改动')
    expectRefused(await d.core.call('permit.use', { text: 'FX-2026-0001' }, g1), 'RULE', 'text', '记录被改动')
    const q1 = await d.token('Q1')
    expectRefused(await d.core.call('permit.print', { id: v.id }, q1), 'RULE', 'id', '封存')
    expectRefused(await d.core.call('permit.void', { id: v.id, reason: '核查' }, q1), 'RULE', 'id', '不能作废')
    expect(await permitSnapshot(d.core)).toBe(before)
    const view = await callOk(d.core, 'permit.get', { id: v.id }, q1)
    expect(view.seal.ok).toBe(false)
    expect(view.printable).toMatchObject({ ok: false, reason: expect.stringContaining('不能打印') })
    const report = await callOk(d.core, 'permit.checkSeals', {}, await d.token('S1'))
    expect(report).toMatchObject({ ok: false, checked: 1, broken: [{ id: v.id, serial: 'FX-2026-0001', kindName: '物品放行条' }] })
    expect(report.broken[0].reason).toContain('状态')
    expectRefused(await d.core.call('permit.checkSeals', {}, g1), 'FORBIDDEN')
  })

  it('a printed slip whose carrier is edited (and the audit left alone) verifies as tampered, naming 搬运人', async () => {
    d = await openPermitDesk()
    const v = await printedSlip()
    await behindTheApp(d, `UPDATE permits SET fields = json_set(fields, '$.carrierName', '张三'), holder_name = '张三' WHERE id = ?`, [v.id])
    const r = await callOk(d.core, 'permit.verify', { text: v.verifyPayload! }, await d.token('G1'))
    expect(r.outcome).toBe('tampered')
    expect(r.detail).toContain('搬运人')
    expect(JSON.stringify(r)).not.toContain('张三')
    expectRefused(await d.core.call('permit.print', { id: v.id }, await d.token('Q1')), 'RULE', 'id', '搬运人')
  })

  it('a seal forged without the site secret, or a seal deleted, breaks the chain', async () => {
    d = await openPermitDesk()
    const a = await printedSlip()
    const b = await approvedSlip(d)
    // The attacker re-seals the edited slip: right digest, right link, but an HMAC under a guessed key.
    await behindTheApp(d, `UPDATE permits SET fields = json_set(fields, '$.carrierName', '张三') WHERE id = ?`, [a.id])
    const last = (await d.core.db.read.get<{ seq: number; mac: string; terminal_id: string }>('SELECT seq, mac, terminal_id FROM permit_seals ORDER BY seq DESC LIMIT 1'))!
    const snap = await d.core.db.read.get<{ snapshot: string }>('SELECT snapshot FROM permit_seals WHERE permit_id = ? ORDER BY id DESC LIMIT 1', [a.id])
    const edited = JSON.parse(snap!.snapshot) as { permit: { fields: string } }
    edited.permit.fields = JSON.stringify({ ...JSON.parse(edited.permit.fields), carrierName: '张三' })
    const text = JSON.stringify(edited)
    const sha = createHash('sha256').update(text).digest('hex')
    const fakeMac = createHmac('sha256', 'guessed').update(sha).digest('hex')
    await behindTheApp(
      d,
      `INSERT INTO permit_seals (id, created_at, updated_at, terminal_id, permit_id, seq, event, at, snapshot, digest, prev_mac, mac)
       VALUES ('ffffffff-ffff-7fff-bfff-ffffffffffff', '2026-03-02T02:00:00.000Z', '2026-03-02T02:00:00.000Z', ?, ?, ?, 'print', '2026-03-02 10:00', ?, ?, ?, ?)`,
      [last.terminal_id, a.id, last.seq + 1, text, sha, last.mac, fakeMac],
    )
    const r = await callOk(d.core, 'permit.verify', { text: a.verifyPayload! }, await d.token('G1'))
    expect(r.outcome).toBe('tampered')
    expect(r.detail).toContain('封存记录被改动')
    // The other slip is untouched and still fine.
    expect((await callOk(d.core, 'permit.get', { id: b.id }, await d.token('Q1'))).seal.ok).toBe(true)

    // Deleting a seal in the middle of the chain (triggers dropped) shows on its neighbours.
    const bSeal = (await d.core.db.read.get<{ id: string }>('SELECT id FROM permit_seals WHERE permit_id = ? ORDER BY seq LIMIT 1', [b.id]))!
    await d.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER permit_seals_no_delete')
      await w.run('DELETE FROM permit_seals WHERE id = ?', [bSeal.id])
    })
    const report = await callOk(d.core, 'permit.checkSeals', {}, await d.token('S1'))
    expect(report.ok).toBe(false)
    expect(report.broken.map((x) => x.reason).join(';')).toMatch(/有记录被删除|可能被删除/)
  })

  it('untouched permits pass the check; the seal history is append-only', async () => {
    d = await openPermitDesk()
    await printedSlip()
    await approvedSlip(d)
    const report = await callOk(d.core, 'permit.checkSeals', {}, await d.token('A1'))
    expect(report).toMatchObject({ ok: true, checked: 2, broken: [] })
    expect(report.seals).toBeGreaterThanOrEqual(5)
    await expect(d.core.db.tx((w) => w.run(`UPDATE permit_seals SET event = 'x'`))).rejects.toThrow(/append-only/)
    await expect(d.core.db.tx((w) => w.run(`DELETE FROM permit_seals`))).rejects.toThrow(/append-only/)
  })
})

describe('nothing hangs on a tampered renovation', () => {
  it('no pass, no extension applied or approved once its end date or deposit was edited behind the app', async () => {
    d = await openPermitDesk()
    const ren = await approvedRenovation(d)
    const ext = await apply(d, { kind: 'extension', unitId: d.unitId, applicant: lead(d), fields: { renovationSerial: ren.record.serial!, newEndDate: '2026-07-31', reason: '主材到货延迟' } })
    await approve(d, ext.id, 1)
    // The deposit on the form halved behind the app (the ledger row left alone).
    await behindTheApp(d, `UPDATE permits SET fields = json_set(fields, '$.depositFen', 100000) WHERE id = ?`, [ren.id])
    const before = await permitSnapshot(d.core)
    const q1 = await d.token('Q1')
    expectRefused(
      await d.core.call('workerPass.issueBatch', { renovationId: ren.id, applicant: lead(d), receiptNo: 'SJ1', workers: [worker('王木匠', 51)] }, q1),
      'RULE',
      'renovationId',
      '押金',
    )
    expectRefused(
      await d.core.call('permit.apply', { kind: 'extension', unitId: d.unitId, applicant: lead(d), fields: { renovationSerial: ren.record.serial!, newEndDate: '2026-08-31', reason: '再延期' } }, q1),
      'RULE',
      'fields.renovationSerial',
      '记录与封存不符',
    )
    expectRefused(await d.core.call('permit.review', { id: ext.id, decision: 'approve' }, await d.token('D1')), 'RULE', 'id', '不能延期')
    expectRefused(await d.core.call('permit.inspect', { id: ren.id, inspector: '王堃' }, q1), 'RULE', 'id', '不能验收退押金')
    expect(await permitSnapshot(d.core)).toBe(before)
  })
})

describe('permits made before seals existed (a database from issue C)', () => {
  it('read as not yet sealed, and are sealed as they stand by the first write after the upgrade', async () => {
    d = await openPermitDesk()
    const a = await approvedSlip(d)
    // As after migration 0009 on an older file: permits, no seals.
    await d.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER permit_seals_no_delete')
      await w.run('DELETE FROM permit_seals')
    })
    const q1 = await d.token('Q1')
    expect((await callOk(d.core, 'permit.get', { id: a.id }, q1)).seal).toMatchObject({ ok: true, sealed: false })
    expect(await callOk(d.core, 'permit.verify', { text: a.verifyPayload! }, q1)).toMatchObject({ outcome: 'notIssued' })
    await approvedSlip(d)
    expect((await callOk(d.core, 'permit.get', { id: a.id }, q1)).seal).toMatchObject({ ok: true, sealed: true, count: 1 })
    expect(await callOk(d.core, 'permit.checkSeals', {}, await d.token('S1'))).toMatchObject({ ok: true, checked: 2 })
  })
})

describe('who may mark a slip used', () => {
  it('the desk may; an engineering or safety supervisor may verify but not take the slip', async () => {
    d = await openPermitDesk()
    const v = await approvedSlip(d)
    await callOk(d.core, 'permit.print', { id: v.id }, await d.token('Q1'))
    for (const who of ['E1', 'F1', 'D1'] as const) {
      const t = await d.token(who)
      expect((await callOk(d.core, 'permit.verify', { text: v.verifyPayload! }, t)).outcome).toBe('valid')
      expectRefused(await d.core.call('permit.use', { text: v.verifyPayload! }, t), 'FORBIDDEN')
    }
    expect((await callOk(d.core, 'permit.use', { text: v.verifyPayload! }, await d.token('G1'))).permit?.state).toBe('used')
  })
})
