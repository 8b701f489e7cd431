import type { z } from 'zod'
import { LEDGER_LABELS, type LedgerItem, type LedgerKind, type DepositLedger, type DepositRow, type DepositTotals, type depositListInput } from '../../../shared/permit/apiSchema'
import type { PermitRecordOf } from '../../../shared/permit/schema/record'
import type { LocalStamp } from '../../../shared/time/calendar'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { depositLedger } from '../db/schema'
import { newId } from '../ids'

/**
 * 出入证押金台账: append-only rows in fen. Issuing a pass charges its deposit and fee (paid at finance,
 * the receipt number recorded); returning it refunds the deposit still held on it — a pass re-issued
 * after an extension carries the deposit of the pass it replaces, so nothing is charged twice.
 */

/** `passId`: the permit the money is booked on (a pass; the renovation for 装修押金; the extension for its fee). */
type Entry = { passId: string; renovationId: string; kind: LedgerKind; item: LedgerItem; amountFen: number; receiptNo?: string | null; note?: string | null }

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

/** Money of `item` still held on these permits: charged − refunded − kept. */
const heldOf = (rows: readonly DepositRow[], item: LedgerItem) =>
  rows.filter((r) => r.item === item).reduce((s, r) => s + (r.kind === 'charge' ? r.amountFen : -r.amountFen), 0)

/** The deposit still held on a pass and the passes it replaced (a re-issued pass carries it). */
export async function passDepositHeld(r: Reader, passId: string): Promise<number> {
  const ids = await ancestorsOf(r, passId)
  return Math.max(0, heldOf(await ledgerRows(r, `l.pass_id IN (${ids.map(() => '?').join(',')})`, ids), 'deposit'))
}

/**
 * Settles the deposit still held on a pass given back or voided: refunded, or — with a reason
 * (`withheld`: 出入证遗失 …) — kept. Answers what was refunded and what was kept.
 */
export async function settlePass(w: Writer, ctx: Ctx, passId: string, renovationId: string, now: LocalStamp, note: string, withheld?: string | null) {
  const held = await passDepositHeld(w, passId)
  if (held > 0) await append(w, ctx, now, { passId, renovationId, kind: withheld ? 'forfeit' : 'refund', item: 'deposit', amountFen: held, note: withheld ?? note })
  return { refundedFen: withheld ? 0 : held, keptFen: withheld ? held : 0 }
}

/** Refunds the deposit still held on a returned pass (and the passes it replaced); answers the amount. */
export async function refundPass(w: Writer, ctx: Ctx, passId: string, renovationId: string, now: LocalStamp, note?: string | null): Promise<number> {
  return (await settlePass(w, ctx, passId, renovationId, now, note ?? '交回出入证,退押金')).refundedFen
}

/** 装修押金, booked on the renovation when it is approved (the amount on its form). */
export async function chargeRenovationDeposit(w: Writer, ctx: Ctx, renovationId: string, amountFen: number, now: LocalStamp) {
  if (amountFen > 0) await append(w, ctx, now, { passId: renovationId, renovationId, kind: 'charge', item: 'renovationDeposit', amountFen, note: '装修申请批准,收装修押金' })
}

export async function renovationDepositHeld(r: Reader, renovationId: string): Promise<number> {
  return heldOf(await ledgerRows(r, 'l.pass_id = ?', [renovationId]), 'renovationDeposit')
}

/** The 装修押金 settled: `refundFen` back to the owner, `keptFen` kept with its reason (扣款, or the void's). */
export async function settleRenovationDeposit(w: Writer, ctx: Ctx, renovationId: string, now: LocalStamp, s: { refundFen: number; keptFen: number; note: string; keptReason?: string | null }) {
  if (s.refundFen > 0) await append(w, ctx, now, { passId: renovationId, renovationId, kind: 'refund', item: 'renovationDeposit', amountFen: s.refundFen, note: s.note })
  if (s.keptFen > 0) await append(w, ctx, now, { passId: renovationId, renovationId, kind: 'forfeit', item: 'renovationDeposit', amountFen: s.keptFen, note: s.keptReason ?? s.note })
}

/** 延期费用, booked on the extension when it is approved. */
export async function chargeExtensionFee(w: Writer, ctx: Ctx, extensionId: string, renovationId: string, amountFen: number, now: LocalStamp) {
  if (amountFen > 0) await append(w, ctx, now, { passId: extensionId, renovationId, kind: 'charge', item: 'extensionFee', amountFen, note: '装修延期批准,收延期费用' })
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
  const sum = (kind: LedgerKind, item: LedgerItem) => rows.filter((r) => r.kind === kind && r.item === item).reduce((s, r) => s + r.amountFen, 0)
  const depositChargedFen = sum('charge', 'deposit')
  const depositRefundedFen = sum('refund', 'deposit')
  const depositForfeitedFen = sum('forfeit', 'deposit')
  const renovationDepositChargedFen = sum('charge', 'renovationDeposit')
  const renovationDepositRefundedFen = sum('refund', 'renovationDeposit')
  const renovationDepositForfeitedFen = sum('forfeit', 'renovationDeposit')
  return {
    depositChargedFen,
    feeChargedFen: sum('charge', 'fee') - sum('refund', 'fee'),
    depositRefundedFen,
    depositForfeitedFen,
    depositHeldFen: depositChargedFen - depositRefundedFen - depositForfeitedFen,
    renovationDepositChargedFen,
    renovationDepositRefundedFen,
    renovationDepositForfeitedFen,
    renovationDepositHeldFen: renovationDepositChargedFen - renovationDepositRefundedFen - renovationDepositForfeitedFen,
    extensionFeeChargedFen: sum('charge', 'extensionFee') - sum('refund', 'extensionFee'),
  }
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
