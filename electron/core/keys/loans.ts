import type { z } from 'zod'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import { overdueMinutes } from '../../../shared/keys/rules'
import type { KeyLoanRow, keyLendInput, keyLostInput, keyReturnInput, KeyRow, KeyStaffOption } from '../../../shared/keys/schema'
import { localDayRange, zonedIso } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { getSite } from '../site/service'
import { keyById, keyByTag, keyLabel } from './register'

interface LoanRecord {
  id: string
  key_id: string
  tag_no: string
  key_name: string
  hook: string | null
  borrower_kind: 'staff' | 'outsider'
  borrower_name: string
  company: string | null
  phone: string | null
  id_number: string | null
  purpose: string
  lent_at: string
  due_at: string
  lent_by_name: string
  returned_at: string | null
  returned_by_name: string | null
  received_by_name: string | null
  condition: string | null
  lost_at: string | null
  lost_reason: string | null
}

const LOAN_SELECT = `
  SELECT l.id, l.key_id, k.tag_no, k.name AS key_name, k.hook, l.borrower_kind, l.borrower_name, l.company, l.phone, l.id_number,
    l.purpose, l.lent_at, l.due_at, s.name AS lent_by_name,
    r.returned_at, r.returned_by_name, rs.name AS received_by_name, r.condition,
    x.reported_at AS lost_at, x.reason AS lost_reason
  FROM key_loans l
  JOIN keys k ON k.id = l.key_id
  JOIN staff s ON s.id = l.lent_by
  LEFT JOIN key_returns r ON r.loan_id = l.id
  LEFT JOIN staff rs ON rs.id = r.received_by
  LEFT JOIN key_losses x ON x.loan_id = l.id`

const OPEN = 'r.id IS NULL AND x.id IS NULL'

/** Lists mask the phone and the ID number (shared/mask.ts), as every list at the desk does. */
function toLoanRow(l: LoanRecord, now: Date): KeyLoanRow {
  const open = !l.returned_at && !l.lost_at
  return {
    id: l.id,
    keyId: l.key_id,
    tagNo: l.tag_no,
    keyName: l.key_name,
    hook: l.hook,
    borrowerKind: l.borrower_kind,
    borrowerName: l.borrower_name,
    company: l.company,
    phone: l.phone ? maskPhone(l.phone) : null,
    idNumber: l.id_number ? maskIdNumber(l.id_number) : null,
    purpose: l.purpose,
    lentAt: l.lent_at,
    dueAt: l.due_at,
    lentByName: l.lent_by_name,
    returnedAt: l.returned_at,
    returnedBy: l.returned_by_name,
    receivedByName: l.received_by_name,
    condition: l.condition,
    lostAt: l.lost_at,
    lostReason: l.lost_reason,
    overdueMinutes: open ? overdueMinutes(l.due_at, now) : 0,
    lateMinutes: l.returned_at ? overdueMinutes(l.due_at, new Date(l.returned_at)) : 0,
  }
}

async function loanById(r: Reader, id: string, now: Date) {
  const l = await r.get<LoanRecord>(`${LOAN_SELECT} WHERE l.id = ?`, [id])
  return l ? toLoanRow(l, now) : null
}

/** Keys out now: overdue first (longest first), then by expected return. */
export async function loansOut(ctx: Ctx): Promise<KeyLoanRow[]> {
  const rows = await ctx.db.read.all<LoanRecord>(`${LOAN_SELECT} WHERE ${OPEN} AND k.deleted_at IS NULL ORDER BY l.due_at, l.id`)
  return rows.map((l) => toLoanRow(l, ctx.now()))
}

/** The key book of local days from..to (loans lent in the range), in lending order. */
export async function loansInRange(ctx: Ctx, from: string, to: string): Promise<KeyLoanRow[]> {
  const tz = (await getSite(ctx)).timeZone
  const range = localDayRange(from, to, tz)
  const rows = await ctx.db.read.all<LoanRecord>(`${LOAN_SELECT} WHERE l.lent_at >= ? AND l.lent_at < ? ORDER BY l.lent_at, l.id`, [range.from, range.to])
  return rows.map((l) => toLoanRow(l, ctx.now()))
}

export async function staffOptions(ctx: Ctx): Promise<KeyStaffOption[]> {
  return ctx.db.read.all<KeyStaffOption>('SELECT id, staff_no AS staffNo, name FROM staff WHERE active = 1 AND deleted_at IS NULL ORDER BY staff_no')
}

async function keyOfTag(w: Writer, tagNo: string): Promise<KeyRow> {
  const k = await keyByTag(w, tagNo)
  if (!k) throw new DeskError('NOT_FOUND', `钥匙牌号 ${tagNo} 不在钥匙登记册中`, 'tagNo')
  return k
}

/**
 * Lends one copy. The checks (is a copy on the hook?) read inside the same serialised write
 * transaction as the insert, so a burst of parallel calls on this terminal lends each copy once.
 * Across terminals (LAN sync, offline), a single database cannot hold the rule: both loan facts are
 * kept on merge, the key then has more loans out than copies (KeyRow.overLent) and the supervisor
 * desk shows it as a conflict to settle, rather than silently dropping one of the records.
 */
export async function lendKey(ctx: Ctx, input: z.output<typeof keyLendInput>): Promise<KeyLoanRow> {
  const tz = (await getSite(ctx)).timeZone
  const id = await ctx.db.tx(async (w) => {
    const key = await keyOfTag(w, input.tagNo)
    if (key.copies - key.lost <= 0) throw rule(`钥匙 ${keyLabel(key)} 已全部报失,不能借出`, 'tagNo')
    if (key.available <= 0) throw conflict(`钥匙 ${keyLabel(key)} 已借出未还,不能再借`, 'tagNo')
    let name: string
    let staffId: string | null = null
    if (input.borrowerKind === 'staff') {
      const s = await w.get<{ id: string; name: string }>('SELECT id, name FROM staff WHERE id = ? AND active = 1 AND deleted_at IS NULL', [input.staffId!])
      if (!s) throw rule('所选借用员工不存在或已停用', 'staffId')
      name = s.name
      staffId = s.id
    } else name = input.name!
    const now = ctx.now()
    const dueAt = input.dueAt ? zonedIso(input.dueAt.slice(0, 10), input.dueAt.slice(11, 16), tz) : new Date(now.getTime() + key.defaultLoanHours * 3_600_000).toISOString()
    if (Number.isNaN(Date.parse(dueAt))) throw rule('预计归还时间不是有效时间', 'dueAt')
    if (Date.parse(dueAt) <= now.getTime()) throw rule('预计归还时间应晚于借出时间', 'dueAt')
    const id = newId()
    const at = iso(now)
    const outsider = input.borrowerKind === 'outsider'
    await w.run(
      `INSERT INTO key_loans (id, created_at, updated_at, terminal_id, deleted_at, key_id, borrower_kind, staff_id, borrower_name, company, phone, id_number, purpose, lent_at, due_at, lent_by)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, at, at, ctx.terminalId, key.id, input.borrowerKind, staffId, name, outsider ? input.company! : null, outsider ? input.phone! : null, outsider ? input.idNumber! : null, input.purpose, at, dueAt, ctx.staff!.id],
    )
    await audit(w, ctx, { action: 'keyLoan.lend', entity: 'key', entityId: key.id, summary: `借出钥匙 ${keyLabel(key)} 给 ${name}${outsider ? `(${input.company})` : ''}:${input.purpose}` })
    return id
  })
  return (await loanById(ctx.db.read, id, ctx.now()))!
}

/** Takes a copy back: by the loan picked in the list, or by the tag when exactly one copy is out. Checked inside the write. */
export async function returnKey(ctx: Ctx, input: z.output<typeof keyReturnInput>): Promise<KeyLoanRow> {
  if (!input.tagNo && !input.loanId) throw new DeskError('INVALID_INPUT', '钥匙牌号不能为空', 'tagNo')
  const id = await ctx.db.tx(async (w) => {
    let loanId = input.loanId
    let key: KeyRow
    if (loanId) {
      const l = await w.get<LoanRecord & { rid: string | null; xid: string | null }>(
        `SELECT l.id, l.key_id, r.id AS rid, x.id AS xid FROM key_loans l LEFT JOIN key_returns r ON r.loan_id = l.id LEFT JOIN key_losses x ON x.loan_id = l.id WHERE l.id = ?`,
        [loanId],
      )
      if (!l) throw new DeskError('NOT_FOUND', '借用记录不存在', 'loanId')
      // A key removed from the register on another terminal while a copy was out (LAN sync) can still come back.
      key = (await keyById(w, l.key_id)) ?? ((await w.get<KeyRow>('SELECT id, tag_no AS tagNo, name FROM keys WHERE id = ?', [l.key_id])) as KeyRow)
      if (input.tagNo && key.tagNo !== input.tagNo) throw rule(`该借用记录借的是 ${key.tagNo}号钥匙,不是 ${input.tagNo}号`, 'tagNo')
      if (l.rid) throw conflict(`该借用记录的钥匙已归还,不能重复归还`, 'loanId')
      if (l.xid) throw conflict(`该借用记录的钥匙已报失,不能归还(找回请重新登记)`, 'loanId')
    } else {
      key = await keyOfTag(w, input.tagNo!)
      const open = await w.all<{ id: string }>(`SELECT l.id FROM key_loans l LEFT JOIN key_returns r ON r.loan_id = l.id LEFT JOIN key_losses x ON x.loan_id = l.id WHERE l.key_id = ? AND ${OPEN}`, [key.id])
      if (open.length === 0) throw conflict(`钥匙 ${keyLabel(key)} 未借出,不能归还`, 'tagNo')
      if (open.length > 1) throw rule(`钥匙 ${keyLabel(key)} 有${open.length}把借出,请在“借出中”列表选择要归还的一条`, 'tagNo')
      loanId = open[0].id
    }
    const at = iso(ctx.now())
    const rid = newId()
    await w.run(
      `INSERT INTO key_returns (id, created_at, updated_at, terminal_id, deleted_at, loan_id, returned_by_name, returned_at, condition, received_by) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
      [rid, at, at, ctx.terminalId, loanId, input.returnedBy, at, input.condition ?? null, ctx.staff!.id],
    )
    await audit(w, ctx, { action: 'keyLoan.return', entity: 'key', entityId: key!.id, summary: `${input.returnedBy} 归还钥匙 ${keyLabel(key!)}${input.condition ? `:${input.condition}` : ''}` })
    return loanId!
  })
  return (await loanById(ctx.db.read, id, ctx.now()))!
}

/**
 * A lost copy leaves the available count for good (a found key is registered again). Either the
 * borrower lost it (the loan ends with the loss) or a copy went missing from the hook.
 */
export async function reportLost(ctx: Ctx, input: z.output<typeof keyLostInput>): Promise<KeyRow> {
  return ctx.db.tx(async (w) => {
    const key = await keyOfTag(w, input.tagNo)
    if (input.loanId) {
      const l = await w.get<{ id: string; key_id: string; rid: string | null; xid: string | null }>(
        `SELECT l.id, l.key_id, r.id AS rid, x.id AS xid FROM key_loans l LEFT JOIN key_returns r ON r.loan_id = l.id LEFT JOIN key_losses x ON x.loan_id = l.id WHERE l.id = ?`,
        [input.loanId],
      )
      if (!l || l.key_id !== key.id) throw new DeskError('NOT_FOUND', `借用记录不是 ${key.tagNo}号钥匙的`, 'loanId')
      if (l.rid || l.xid) throw conflict('该借用记录的钥匙已归还或已报失,不能再报失', 'loanId')
    } else if (key.available <= 0) {
      throw rule(`钥匙 ${keyLabel(key)} 挂钩上没有可报失的钥匙;借出后丢失的,请选择那条借用记录`, 'tagNo')
    }
    const at = iso(ctx.now())
    await w.run(
      `INSERT INTO key_losses (id, created_at, updated_at, terminal_id, deleted_at, key_id, loan_id, reason, reported_by_name, reported_at, recorded_by) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
      [newId(), at, at, ctx.terminalId, key.id, input.loanId ?? null, input.reason, input.reportedBy, at, ctx.staff!.id],
    )
    await audit(w, ctx, { action: 'keyLoan.lost', entity: 'key', entityId: key.id, summary: `钥匙 ${keyLabel(key)} 报失(报告人 ${input.reportedBy}):${input.reason}` })
    return (await keyById(w, key.id))!
  })
}
