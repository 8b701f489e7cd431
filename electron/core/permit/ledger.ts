import type { z } from 'zod'
import { LEDGER_LABELS, type DepositLedger, type DepositRow, type DepositTotals, type depositListInput } from '../../../shared/permit/apiSchema'
import type { PermitRecordOf } from '../../../shared/permit/schema/record'
import type { LocalStamp } from '../../../shared/permit/time'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { depositLedger } from '../db/schema'
import { newId } from '../ids'

/**
 * 出入证押金台账: append-only rows in fen. Issuing a pass charges its deposit and fee (paid at finance,
 * the receipt number recorded); returning it refunds the deposit still held on it — a pass re-issued
 * after an extension carries the deposit of the pass it replaces, so nothing is charged twice.
 */

type Entry = { passId: string; renovationId: string; kind: 'charge' | 'refund'; item: 'deposit' | 'fee'; amountFen: number; receiptNo?: string | null; note?: string | null }

async function append(w: Writer, ctx: Ctx, now: LocalStamp, e: Entry) {
  await w.orm.insert(depositLedger).values({
    ...newRowMeta(ctx, newId()),
    passId: e.passId,
    renovationId: e.renovationId,
    kind: e.kind,
    item: e.item,
    amountFen: e.amountFen,
    receiptNo: e.receiptNo ?? null,
    staffId: ctx.staff!.id,
    at: now,
    note: e.note ?? null,
  })
}

export async function chargePass(w: Writer, ctx: Ctx, passId: string, renovationId: string, pass: PermitRecordOf<'workerPass'>, now: LocalStamp) {
  const f = pass.fields
  const base = { passId, renovationId, kind: 'charge' as const, receiptNo: f.receiptNo }
  if (f.depositFen) await append(w, ctx, now, { ...base, item: 'deposit', amountFen: f.depositFen })
  if (f.feeFen) await append(w, ctx, now, { ...base, item: 'fee', amountFen: f.feeFen })
}

/** The pass and every pass it replaces (oldest last). */
export async function ancestorsOf(r: Reader, passId: string): Promise<string[]> {
  const rows = await r.all<{ id: string }>(
    `WITH RECURSIVE up(id, rid) AS (SELECT id, replaces_id FROM permits WHERE id = ?
       UNION ALL SELECT p.id, p.replaces_id FROM permits p JOIN up ON p.id = up.rid)
     SELECT id FROM up`,
    [passId],
  )
  return rows.map((x) => x.id)
}

/** The whole chain of re-issues a pass belongs to. */
export async function chainOf(r: Reader, passId: string): Promise<string[]> {
  const down = await r.all<{ id: string }>(
    `WITH RECURSIVE down(id) AS (SELECT ? UNION ALL SELECT p.id FROM permits p JOIN down ON p.replaces_id = down.id) SELECT id FROM down`,
    [passId],
  )
  return [...new Set([...(await ancestorsOf(r, passId)), ...down.map((x) => x.id)])]
}

/** Refunds the deposit still held on a returned pass (and the passes it replaced); answers the amount. */
export async function refundPass(w: Writer, ctx: Ctx, passId: string, renovationId: string, now: LocalStamp, note?: string | null): Promise<number> {
  const ids = await ancestorsOf(w, passId)
  const held = (await ledgerRows(w, `l.pass_id IN (${ids.map(() => '?').join(',')})`, ids)).reduce(
    (s, r) => s + (r.item === 'deposit' ? (r.kind === 'charge' ? r.amountFen : -r.amountFen) : 0),
    0,
  )
  if (held > 0) await append(w, ctx, now, { passId, renovationId, kind: 'refund', item: 'deposit', amountFen: held, note: note ?? '交回出入证,退押金' })
  return Math.max(0, held)
}

export async function ledgerRows(r: Reader, where: string, params: unknown[]): Promise<DepositRow[]> {
  const rows = await r.all<Omit<DepositRow, 'label'>>(
    `SELECT l.id, l.at, l.kind, l.item, l.amount_fen AS amountFen, l.pass_id AS passId, p.serial AS passSerial, p.holder_name AS workerName,
            l.renovation_id AS renovationId, rv.serial AS renovationSerial, l.receipt_no AS receiptNo, s.name AS staffName, l.note
       FROM deposit_ledger l JOIN permits p ON p.id = l.pass_id JOIN permits rv ON rv.id = l.renovation_id JOIN staff s ON s.id = l.staff_id
      WHERE l.deleted_at IS NULL AND ${where} ORDER BY l.created_at, l.id`,
    params,
  )
  return rows.map((r) => ({ ...r, label: LEDGER_LABELS[`${r.kind}:${r.item}`] }))
}

export function totalsOf(rows: readonly DepositRow[]): DepositTotals {
  const sum = (kind: string, item: string) => rows.filter((r) => r.kind === kind && r.item === item).reduce((s, r) => s + r.amountFen, 0)
  const depositChargedFen = sum('charge', 'deposit')
  const depositRefundedFen = sum('refund', 'deposit')
  return { depositChargedFen, feeChargedFen: sum('charge', 'fee') - sum('refund', 'fee'), depositRefundedFen, depositHeldFen: depositChargedFen - depositRefundedFen }
}

export async function listDeposits(ctx: Ctx, input: z.output<typeof depositListInput>): Promise<DepositLedger> {
  const r = ctx.db.read
  let rows: DepositRow[]
  if (input?.passId) {
    const ids = await chainOf(r, input.passId)
    rows = await ledgerRows(r, `l.pass_id IN (${ids.map(() => '?').join(',')})`, ids)
  } else if (input?.renovationId) rows = await ledgerRows(r, 'l.renovation_id = ?', [input.renovationId])
  else rows = await ledgerRows(r, '1 = 1', [])
  return { rows, totals: totalsOf(rows) }
}
