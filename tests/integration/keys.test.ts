import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk, type Core } from '../../electron/core/app'
import { expectRefused, openDutyDesk, type DutyDesk } from '../helpers/duty'
import { pdfText } from '../helpers/pdf'

let d: DutyDesk
afterEach(async () => d?.core.close())

const KEY_TABLES = ['keys', 'key_loans', 'key_returns', 'key_losses', 'audit_events']
async function snapshot(core: Core) {
  const out: Record<string, unknown[]> = {}
  for (const t of KEY_TABLES) out[t] = await core.db.read.all(`SELECT * FROM ${t} ORDER BY id`)
  return JSON.stringify(out)
}

const roof = { name: '天台门钥匙', opens: '天台', area: '3栋', hook: 'A-01', copies: 1, mayLeaveSite: false, defaultLoanHours: 2 }
const pump = { tagNo: '7', name: '水泵房钥匙', opens: '水泵房', area: '地下一层', hook: 'A-02', copies: 2, mayLeaveSite: false, defaultLoanHours: 4 }
const contractor = { borrowerKind: 'outsider' as const, name: '孙工', company: '蓝天电梯维保公司', phone: '13912345678', idNumber: '11010519491231002X', purpose: '检修天台电梯机房' }

async function deskWithKeys() {
  d = await openDutyDesk('2026-12-01 09:00')
  const admin = await d.token('admin')
  const clerk = await d.token('Q1')
  const k1 = await callOk(d.core, 'key.create', roof, admin)
  const k7 = await callOk(d.core, 'key.create', pump, admin)
  return { admin, clerk, k1, k7 }
}

describe('the key register', () => {
  it('generates the tag number when left blank, keeps typed ones unique, and refuses a duplicate naming the field', async () => {
    const { admin, k1, k7 } = await deskWithKeys()
    expect(k1.tagNo).toBe('001')
    expect(k7.tagNo).toBe('7')
    expect((await callOk(d.core, 'key.create', { ...roof, name: '配电房钥匙', opens: '配电房' }, admin)).tagNo).toBe('008')
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('key.create', { ...pump, name: '另一把' }, admin), 'CONFLICT', 'tagNo', '钥匙牌号 7 已存在')
    expectRefused(await d.core.call('key.update', { ...roof, id: k1.id, tagNo: '7' }, admin), 'CONFLICT', 'tagNo', '已存在')
    expect(await snapshot(d.core)).toBe(before)
  })

  it.each([
    [{ name: ' ' }, 'name', '钥匙名称不能为空'],
    [{ opens: '' }, 'opens', '开启部位不能为空'],
    [{ copies: 0 }, 'copies', '钥匙数量不能小于1'],
    [{ copies: 1.5 }, 'copies', '钥匙数量应为整数'],
    [{ defaultLoanHours: 0 }, 'defaultLoanHours', '默认借用时长(小时)不能小于1'],
    [{ tagNo: '天台1' }, 'tagNo', '钥匙牌号只能是数字、字母或“-”'],
  ])('refuses a key with %o in Chinese naming %s, writing nothing', async (bad, field, msg) => {
    const { admin } = await deskWithKeys()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('key.create', { ...roof, ...bad }, admin), 'INVALID_INPUT', field, msg)
    expect(await snapshot(d.core)).toBe(before)
  })

  it('only the administrator or supervisor keeps the register; a clerk is refused', async () => {
    const { clerk } = await deskWithKeys()
    expectRefused(await d.core.call('key.create', roof, clerk), 'FORBIDDEN')
  })

  it('a key out cannot be removed nor its copies cut below what is out and lost', async () => {
    const { admin, clerk, k1 } = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk)
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('key.remove', { id: k1.id, reason: '换锁' }, admin), 'RULE', 'id', '借出未还')
    expectRefused(await d.core.call('key.update', { ...roof, id: k1.id, copies: 0 }, admin), 'INVALID_INPUT', 'copies')
    expect(await snapshot(d.core)).toBe(before)
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '7' }, clerk)
    await callOk(d.core, 'keyLoan.reportLost', { tagNo: '7', reason: '遗失', reportedBy: '李娜' }, clerk)
    const k7 = (await callOk(d.core, 'key.list', {}, admin)).find((k) => k.tagNo === '7')!
    const mid = await snapshot(d.core)
    expectRefused(await d.core.call('key.update', { ...pump, id: k7.id, copies: 1 }, admin), 'RULE', 'copies', '钥匙数量不能少于已借出和已丢失的数量(2把)')
    expect(await snapshot(d.core)).toBe(mid)
  })
})

describe('lending and taking back', () => {
  it('lends to an outsider with the default return time, masks phone and ID in lists, and takes it back', async () => {
    const { clerk, k1 } = await deskWithKeys()
    const loan = await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk)
    expect(loan).toMatchObject({ tagNo: '001', borrowerName: '孙工', company: '蓝天电梯维保公司', phone: '139****5678', idNumber: '110105********002X', lentByName: '李娜', overdueMinutes: 0 })
    expect(Date.parse(loan.dueAt) - Date.parse(loan.lentAt)).toBe(2 * 3_600_000)
    const [row] = (await callOk(d.core, 'key.list', {}, clerk)).filter((k) => k.id === k1.id)
    expect(row).toMatchObject({ out: 1, available: 0, overLent: false })
    // The full ID number is stored (the paper slip the borrower signs is checked against it), lists mask it.
    expect((await d.core.db.read.get<{ id_number: string }>('SELECT id_number FROM key_loans'))!.id_number).toBe('11010519491231002X')
    d.clock.add(30)
    const back = await callOk(d.core, 'keyLoan.return', { tagNo: '001', returnedBy: '孙工', condition: '完好' }, clerk)
    expect(back).toMatchObject({ returnedBy: '孙工', receivedByName: '李娜', condition: '完好', overdueMinutes: 0 })
    expect((await callOk(d.core, 'keyLoan.out', {}, clerk)).length).toBe(0)
  })

  it('lends to a staff member from the staff list', async () => {
    const { clerk } = await deskWithKeys()
    const s = (await callOk(d.core, 'keyLoan.staffOptions', {}, clerk)).find((p) => p.name === '陈静')!
    const loan = await callOk(d.core, 'keyLoan.lend', { tagNo: '7', borrowerKind: 'staff', staffId: s.id, purpose: '巡查水泵房', dueAt: '2026-12-01 12:00' }, clerk)
    expect(loan).toMatchObject({ borrowerName: '陈静', borrowerKind: 'staff', phone: null, idNumber: null })
    expect(loan.dueAt).toBe('2026-12-01T04:00:00.000Z')
  })

  it('a key already out cannot be lent again: refused naming the tag, nothing changed', async () => {
    const { clerk } = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk)
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('keyLoan.lend', { ...contractor, name: '钱工', tagNo: '001' }, clerk), 'CONFLICT', 'tagNo', '已借出未还,不能再借')
    expect(await snapshot(d.core)).toBe(before)
  })

  it('a key with two copies lends twice, then refuses the third', async () => {
    const { clerk } = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '7' }, clerk)
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '7' }, clerk)
    expectRefused(await d.core.call('keyLoan.lend', { ...contractor, tagNo: '7' }, clerk), 'CONFLICT', 'tagNo')
    // Two out: returning by tag must say which one.
    expectRefused(await d.core.call('keyLoan.return', { tagNo: '7', returnedBy: '孙工' }, clerk), 'RULE', 'tagNo', '请在“借出中”列表选择')
  })

  it('a key not out cannot be returned (by tag, or a loan already back): refused, nothing changed', async () => {
    const { clerk } = await deskWithKeys()
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('keyLoan.return', { tagNo: '001', returnedBy: '孙工' }, clerk), 'CONFLICT', 'tagNo', '未借出,不能归还')
    expect(await snapshot(d.core)).toBe(before)
    const loan = await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk)
    await callOk(d.core, 'keyLoan.return', { loanId: loan.id, returnedBy: '孙工' }, clerk)
    const after = await snapshot(d.core)
    expectRefused(await d.core.call('keyLoan.return', { loanId: loan.id, returnedBy: '孙工' }, clerk), 'CONFLICT', 'loanId', '已归还,不能重复归还')
    expect(await snapshot(d.core)).toBe(after)
  })

  it.each([
    [{ tagNo: '' }, 'tagNo', '钥匙牌号不能为空'],
    [{ tagNo: '999' }, 'tagNo', '钥匙牌号 999 不在钥匙登记册中'],
    [{ purpose: '' }, 'purpose', '借用事由不能为空'],
    [{ name: '' }, 'name', '借用人姓名不能为空'],
    [{ company: undefined }, 'company', '单位不能为空'],
    [{ phone: '123' }, 'phone', '借用人电话格式不正确'],
    [{ idNumber: undefined }, 'idNumber', '借用人身份证号不能为空'],
    [{ idNumber: '110105194912310021' }, 'idNumber', '借用人身份证号校验位不正确'],
    [{ dueAt: '2026-12-01 08:00' }, 'dueAt', '预计归还时间应晚于借出时间'],
    [{ dueAt: '明天' }, 'dueAt', '预计归还时间格式应为'],
    [{ borrowerKind: 'staff' }, 'staffId', '请选择借用的员工'],
    [{ borrowerKind: 'staff', staffId: 'nobody' }, 'staffId', '所选借用员工不存在或已停用'],
  ])('refuses a loan with %o naming %s, nothing changed', async (bad, field, msg) => {
    const { clerk } = await deskWithKeys()
    const before = await snapshot(d.core)
    const r = await d.core.call('keyLoan.lend', { ...contractor, tagNo: '001', ...bad }, clerk)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.field).toBe(field)
      expect(r.error.message).toContain(msg)
    }
    expect(await snapshot(d.core)).toBe(before)
  })

  it('a refused return names the returner when missing, nothing changed', async () => {
    const { clerk } = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk)
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('keyLoan.return', { tagNo: '001', returnedBy: ' ' }, clerk), 'INVALID_INPUT', 'returnedBy', '归还人不能为空')
    expect(await snapshot(d.core)).toBe(before)
  })

  it('a parallel burst of lends of the one copy lends it once; a burst of returns returns it once', async () => {
    const { clerk, admin } = await deskWithKeys()
    const lends = await Promise.all(Array.from({ length: 12 }, (_, n) => d.core.call('keyLoan.lend', { ...contractor, name: `工人${n}`, tagNo: '001' }, n % 2 ? clerk : admin)))
    expect(lends.filter((r) => r.ok).length).toBe(1)
    for (const r of lends.filter((r) => !r.ok)) expectRefused(r, 'CONFLICT', 'tagNo', '已借出未还')
    expect((await d.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM key_loans'))!.n).toBe(1)
    const backs = await Promise.all(Array.from({ length: 8 }, () => d.core.call('keyLoan.return', { tagNo: '001', returnedBy: '孙工' }, clerk)))
    expect(backs.filter((r) => r.ok).length).toBe(1)
    expect((await d.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM key_returns'))!.n).toBe(1)
  })
})

describe('overdue and lost keys', () => {
  it('a key out past its expected return is overdue by the minutes, overdue first', async () => {
    const { clerk } = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '7' }, clerk) // due 13:00
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk) // due 11:00
    d.clock.set('2026-12-01 12:15')
    const out = await callOk(d.core, 'keyLoan.out', {}, clerk)
    expect(out.map((l) => [l.tagNo, l.overdueMinutes])).toEqual([['001', 75], ['7', 0]])
    // The supervisor and the director read it too.
    expect((await callOk(d.core, 'keyLoan.out', {}, await d.token('S1'))).length).toBe(2)
    expect((await callOk(d.core, 'keyLoan.out', {}, await d.token('D1'))).length).toBe(2)
    const back = await callOk(d.core, 'keyLoan.return', { tagNo: '001', returnedBy: '孙工', condition: '逾期归还' }, clerk)
    expect(back).toMatchObject({ overdueMinutes: 0, lateMinutes: 75 })
  })

  it('a lost key leaves the available count; lost from a loan ends the loan; nothing left to lose is refused', async () => {
    const { clerk } = await deskWithKeys()
    const loan = await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '7' }, clerk)
    const k = await callOk(d.core, 'keyLoan.reportLost', { tagNo: '7', loanId: loan.id, reason: '施工时遗失', reportedBy: '孙工' }, clerk)
    expect(k).toMatchObject({ copies: 2, lost: 1, out: 0, available: 1 })
    expectRefused(await d.core.call('keyLoan.return', { loanId: loan.id, returnedBy: '孙工' }, clerk), 'CONFLICT', 'loanId', '已报失')
    const k2 = await callOk(d.core, 'keyLoan.reportLost', { tagNo: '7', reason: '挂钩上找不到', reportedBy: '李娜' }, clerk)
    expect(k2).toMatchObject({ lost: 2, available: 0 })
    const before = await snapshot(d.core)
    expectRefused(await d.core.call('keyLoan.reportLost', { tagNo: '7', reason: '再丢', reportedBy: '李娜' }, clerk), 'RULE', 'tagNo', '没有可报失的钥匙')
    expectRefused(await d.core.call('keyLoan.lend', { ...contractor, tagNo: '7' }, clerk), 'RULE', 'tagNo', '已全部报失')
    expectRefused(await d.core.call('keyLoan.reportLost', { tagNo: '7', reason: ' ', reportedBy: '李娜' }, clerk), 'INVALID_INPUT', 'reason', '丢失原因不能为空')
    expect(await snapshot(d.core)).toBe(before)
  })

  it('loans, returns and losses are append-only facts: the database refuses UPDATE and DELETE', async () => {
    const { clerk } = await deskWithKeys()
    const loan = await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '7' }, clerk)
    await callOk(d.core, 'keyLoan.return', { loanId: loan.id, returnedBy: '孙工' }, clerk)
    await callOk(d.core, 'keyLoan.reportLost', { tagNo: '7', reason: '遗失', reportedBy: '李娜' }, clerk)
    for (const t of ['key_loans', 'key_returns', 'key_losses']) {
      await expect(d.core.db.tx((w) => w.run(`UPDATE ${t} SET updated_at = 'x'`))).rejects.toThrow(/append-only/)
      await expect(d.core.db.tx((w) => w.run(`DELETE FROM ${t}`))).rejects.toThrow(/append-only/)
    }
    await expect(d.core.db.tx((w) => w.run('DELETE FROM keys'))).rejects.toThrow(/soft delete/)
  })

  it('two terminals lending the last copy offline: both facts kept, the key shows as over-lent', async () => {
    const { clerk, k1 } = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, clerk)
    // The other terminal's fact, as a LAN merge would bring it (its own id and terminal).
    await d.core.db.tx((w) =>
      w.run(
        `INSERT INTO key_loans SELECT '0190a000-0000-7000-8000-000000000001', created_at, updated_at, 'T-OTHER', NULL, key_id, borrower_kind, staff_id, '钱工', company, phone, id_number, purpose, lent_at, due_at, lent_by FROM key_loans LIMIT 1`,
      ),
    )
    const row = (await callOk(d.core, 'key.list', {}, clerk)).find((k) => k.id === k1.id)!
    expect(row).toMatchObject({ out: 2, available: 0, overLent: true })
  })
})

describe('printed', () => {
  it('prints the key book of a day and of a range, and the register with its valid-at line', async () => {
    const first = await deskWithKeys()
    await callOk(d.core, 'keyLoan.lend', { ...contractor, tagNo: '001' }, first.clerk)
    d.clock.set('2026-12-02 10:00')
    const clerk = await d.token('Q1')
    const admin = await d.token('admin')
    const s = (await callOk(d.core, 'keyLoan.staffOptions', {}, clerk)).find((p) => p.name === '王芳')!
    await callOk(d.core, 'keyLoan.lend', { tagNo: '7', borrowerKind: 'staff', staffId: s.id, purpose: '巡查' }, clerk)
    await callOk(d.core, 'keyLoan.return', { tagNo: '7', returnedBy: '王芳', condition: '完好' }, clerk)
    const day = await callOk(d.core, 'keyLoan.print', { from: '2026-12-01', to: '2026-12-01' }, clerk)
    const dayText = (await pdfText(Buffer.from(day.pdfBase64, 'base64'))).join('\n')
    expect(dayText).toContain('钥匙借用登记表')
    expect(dayText).toContain('孙工')
    expect(dayText).toContain('110105********002X')
    expect(dayText).not.toContain('11010519491231002X')
    expect(dayText).toContain('逾期')
    expect(dayText).not.toContain('王芳')
    const range = await callOk(d.core, 'keyLoan.print', { from: '2026-12-01', to: '2026-12-02' }, clerk)
    const rangeText = (await pdfText(Buffer.from(range.pdfBase64, 'base64'))).join('\n')
    expect(rangeText).toContain('2026-12-01 至 2026-12-02')
    expect(rangeText).toContain('王芳')
    const reg = await callOk(d.core, 'key.printRegister', {}, admin)
    const regText = (await pdfText(Buffer.from(reg.pdfBase64, 'base64'))).join('\n')
    expect(regText).toContain('公共钥匙登记表')
    expect(regText).toContain('有效时间 2026-12-02 10:00')
    expect(regText).toContain('天台门钥匙')
    expect(regText).toContain('借出中')
    expect(regText.replace(/\s+/g, '')).toContain('孙工至12-0111:00(逾期)')
    expectRefused(await d.core.call('keyLoan.print', { from: '2026-12-02', to: '2026-12-01' }, clerk), 'INVALID_INPUT', 'to', '结束日期不能早于开始日期')
    // For a look: PNGs of both documents (KEYS_PNG=dir).
    const dir = process.env.KEYS_PNG
    if (dir) {
      fs.mkdirSync(dir, { recursive: true })
      for (const [n, f] of [['book', range], ['register', reg]] as const) {
        const pdf = path.join(dir, `${n}.pdf`)
        fs.writeFileSync(pdf, Buffer.from(f.pdfBase64, 'base64'))
        execFileSync('pdftoppm', ['-png', '-r', '70', pdf, path.join(dir, n)])
      }
    }
  })
})

