/**
 * Permit figures: a permit PDF with the embedded font and QR (through the API: load, check code,
 * layout, render, log the print), 100 worker passes as one PDF, and verify-by-serial.
 */
import { callOk, openCore } from '../../electron/core/app'
import { printPasses } from '../../electron/core/permit/print'
import { Sessions } from '../../electron/core/auth/sessions'
import { idCheckChar } from '../../shared/validate/idNumber'
import { MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const idNo = (n: number) => {
  const first = `440305198803${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`
  return first + idCheckChar(first)
}

export async function benchPermit(report: (k: string, v: string) => void) {
  const core = await openCore({ dataDir: tempDir('desk-bench-permit-'), terminalId: 'T-BENCH', migrationsDir: MIGRATIONS })
  const admin = await setUpSite(core)
  for (const [staffNo, name, role] of [['Q1', '李娜', 'clerk'], ['E1', '吴强', 'engineering'], ['D1', '孙志远', 'director']] as const)
    await callOk(core, 'staff.create', { staffNo, name, roles: [role], pin: '1234' }, admin)
  const tok = async (no: string) => (await callOk(core, 'auth.login', { staffNo: no, pin: '1234' })).token
  const q1 = await tok('Q1')
  const b = await callOk(core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)
  const owner = await callOk(core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678', idNumber: '11010519491231002X' }, admin)
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  const ren = await callOk(
    core,
    'permit.apply',
    {
      kind: 'renovation',
      unitId: unit.id,
      applicant: { role: 'owner', residentId: owner.id, name: '刘龑', phone: '13812345678' },
      fields: { contractorName: '美家装饰工程有限公司', leadName: '张喆', leadPhone: '13912345678', leadIdNumber: idNo(999), works: '厨卫防水,全屋水电改造', startDate: today, depositFen: 200000 },
    },
    q1,
  )
  await callOk(core, 'permit.review', { id: ren.id, decision: 'approve', opinion: '符合规定' }, await tok('E1'))
  await callOk(core, 'permit.review', { id: ren.id, decision: 'approve' }, await tok('D1'))
  const times: number[] = []
  for (let i = 0; i < 33; i++) {
    const t = performance.now()
    await callOk(core, 'permit.print', { id: ren.id }, q1)
    if (i >= 3) times.push(performance.now() - t)
  }
  report('renovation permit PDF via permit.print (A4, font + QR, print logged): p50 / p95', `${pct(times, 50).toFixed(0)} ms / ${pct(times, 95).toFixed(0)} ms`)

  const ids: string[] = []
  for (let batch = 0; batch < 3; batch++) {
    const n = batch < 2 ? 40 : 20
    const workers = Array.from({ length: n }, (_, i) => ({ workerName: `工人${batch * 40 + i + 1}`, workerIdNumber: idNo(batch * 40 + i + 1), trade: '木工', photoCollected: true, idCopyCollected: true as const }))
    const passes = await callOk(core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: { role: 'owner', residentId: owner.id, name: '刘龑', phone: '13812345678' }, receiptNo: `SJ-${batch}`, workers }, q1)
    ids.push(...passes.map((p) => p.id))
  }
  const me = (await callOk(core, 'auth.me', {}, q1)).staff
  const ctx = { db: core.db, terminalId: 'T-BENCH', now: () => new Date(), staff: me, token: q1, sessions: new Sessions(() => new Date()), backupDir: '' }
  const t100 = performance.now()
  const pdf = await printPasses(ctx, ids)
  report(`${ids.length} worker passes as one PDF (8 per A4, 13 pages)`, `${((performance.now() - t100) / 1000).toFixed(2)} s, ${(Buffer.from(pdf.pdfBase64, 'base64').length / 1024).toFixed(0)} KB`)

  const serials = (await core.db.read.all<{ serial: string }>('SELECT serial FROM permits')).map((r) => r.serial)
  const v: number[] = []
  for (let i = 0; i < 300; i++) {
    const t = performance.now()
    await callOk(core, 'permit.verify', { text: serials[i % serials.length] }, q1)
    v.push(performance.now() - t)
  }
  report('verify by serial (permit.verify over the API): p50 / p95', `${pct(v, 50).toFixed(2)} ms / ${pct(v, 95).toFixed(2)} ms`)
  await core.close()
}
