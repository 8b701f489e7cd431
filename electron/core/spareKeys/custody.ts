import type { z } from 'zod'
import { takeSeriesSerial } from '../db/serials'
import { maskIdNumber } from '../../../shared/mask'
import { mayCollect, type Verdict } from '../../../shared/spareKeys/rules'
import type { SpareKeyDeposit, spareKeyDepositInput, spareKeyHandOverInput, spareKeyReturnInput } from '../../../shared/spareKeys/schema'
import { localDate } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { unitOf } from '../permit/applicant'
import { getSite } from '../site/service'
import { collectorRefs, depositById, listDeposits, ownerRefs } from './read'

/**
 * Deposits and their movements. Every check reads inside the serialised write transaction of the
 * fact it guards, so two clicks or two windows cannot release the same bag twice on this terminal.
 * Across terminals (LAN sync, offline) one database cannot hold that rule: both release facts are
 * kept on merge and the deposit simply shows out (its latest move is a release) until it comes back.
 */

/**
 * The next 寄存回执 number of a year: JC-2026-0001, 0002 … taken from the counter in the same
 * transaction as the deposit, so numbers are gapless and never reused (the counter only goes up).
 * With LAN sync (issue H) each terminal issues from its own series, marked in the number
 * (JC-2026-B0001; takeSeriesSerial), so two terminals never hand out the same number offline.
 */
async function takeReceiptNo(w: Writer, year: number, at: string): Promise<string> {
  return takeSeriesSerial(w, 'spareKeyReceipt', 'JC', year, at)
}

const label = (d: Pick<SpareKeyDeposit, 'receiptNo' | 'unitLabel' | 'description'>) => `${d.unitLabel} ${d.description}(${d.receiptNo})`

/** A bag number marks one bag on the hooks: two open deposits cannot carry the same one. */
async function bagFree(w: Writer, bagNo: string, except?: string) {
  const clash = (await listDeposits(w)).find((d) => d.bagNo === bagNo && d.id !== except)
  if (clash) throw conflict(`封袋编号 ${bagNo} 已用于 ${clash.unitLabel} 的寄存钥匙(${clash.receiptNo}),请核对封袋`, 'bagNo')
}

export async function deposit(ctx: Ctx, i: z.output<typeof spareKeyDepositInput>): Promise<SpareKeyDeposit> {
  const tz = (await getSite(ctx)).timeZone
  const id = await ctx.db.tx(async (w) => {
    const unit = await unitOf(w, i.unitId)
    const owner = await w.get<{ id: string; name: string; unitId: string; kind: string }>(
      'SELECT id, name, unit_id AS unitId, kind FROM residents WHERE id = ? AND deleted_at IS NULL',
      [i.ownerResidentId],
    )
    if (!owner || owner.unitId !== unit.id || owner.kind !== 'owner') throw rule(`所选业主不是 ${unit.label} 登记的业主(寄存须由业主本人办理)`, 'ownerResidentId')
    await bagFree(w, i.bagNo)
    const m = newRowMeta(ctx, newId())
    const receiptNo = await takeReceiptNo(w, Number(localDate(ctx.now(), tz).slice(0, 4)), m.createdAt)
    await w.run(
      `INSERT INTO spare_key_deposits (id, created_at, updated_at, terminal_id, deleted_at, receipt_no, unit_id, owner_resident_id, owner_name, description, key_count, bag_no, deposited_at, staff_id, note)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [m.id, m.createdAt, m.updatedAt, m.terminalId, receiptNo, unit.id, owner.id, owner.name, i.description, i.keyCount, i.bagNo, m.createdAt, ctx.staff!.id, i.note ?? null],
    )
    await audit(w, ctx, {
      action: 'spareKey.deposit',
      entity: 'spareKey',
      entityId: m.id,
      summary: `${unit.label} 业主 ${owner.name} 寄存钥匙:${i.description} ${i.keyCount}把,封袋 ${i.bagNo}(回执 ${receiptNo})`,
    })
    return m.id
  })
  return (await depositById(ctx.db.read, id))!
}

async function openDeposit(w: Writer, id: string): Promise<SpareKeyDeposit> {
  const d = await depositById(w, id)
  if (!d) throw new DeskError('NOT_FOUND', '寄存记录不存在', 'depositId')
  if (d.state === 'closed') throw conflict(`${label(d)} 已结束寄存(业主已取回),不能再办理`, 'depositId')
  return d
}

type HandOver = 'release' | 'close'

async function insertMove(
  w: Writer,
  ctx: Ctx,
  m: { depositId: string; move: 'release' | 'return' | 'refused' | 'close'; releaseId?: string | null; personRole?: string | null; residentId?: string | null; collectorId?: string | null; personName: string; idNumber?: string | null; entry?: string | null; keyCount?: number | null; bagNo?: string | null; reason?: string | null },
): Promise<string> {
  const meta = newRowMeta(ctx, newId())
  await w.run(
    `INSERT INTO spare_key_moves (id, created_at, updated_at, terminal_id, deleted_at, deposit_id, move, at, release_id, person_role, resident_id, collector_id, person_name, id_number, entry, key_count, bag_no, reason, staff_id)
     VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      meta.id, meta.createdAt, meta.updatedAt, meta.terminalId, m.depositId, m.move, meta.createdAt, m.releaseId ?? null, m.personRole ?? null, m.residentId ?? null,
      m.collectorId ?? null, m.personName, m.idNumber ?? null, m.entry ?? null, m.keyCount ?? null, m.bagNo ?? null, m.reason ?? null, ctx.staff!.id,
    ],
  )
  return meta.id
}

/**
 * Release (the bag goes out, to come back) or close (the owner takes the keys back for good): only to a
 * registered owner of the unit or a listed collector whose authorisation holds today, by the ID number
 * typed or read. A refused person is recorded — who asked, the ID shown, why — in a transaction of its
 * own after the checking one wrote nothing, and only then answered as refused: the refusal stays on
 * record although the release does not happen.
 */
async function handOver(ctx: Ctx, kind: HandOver, i: z.output<typeof spareKeyHandOverInput>): Promise<SpareKeyDeposit> {
  const tz = (await getSite(ctx)).timeZone
  const outcome = await ctx.db.tx(async (w) => {
    const d = await openDeposit(w, i.depositId)
    if (kind === 'release' && d.state === 'out') throw conflict(`${label(d)} 已由 ${d.outTo} 领出未还,不能重复领取`, 'depositId')
    if (kind === 'close' && d.state === 'out') throw conflict(`${label(d)} 已由 ${d.outTo} 领出未还,须先归还再结束寄存`, 'depositId')
    const verdict: Verdict = mayCollect(i.idNumber, await ownerRefs(w, d.unitId), await collectorRefs(w, d.unitId, tz), localDate(ctx.now(), tz))
    if (!verdict.ok) return { d, verdict }
    const who = verdict.role === 'owner' ? `业主 ${verdict.name}` : `授权领取人 ${verdict.name}`
    await insertMove(w, ctx, {
      depositId: d.id,
      move: kind,
      personRole: verdict.role,
      residentId: verdict.role === 'owner' ? verdict.residentId : null,
      collectorId: verdict.role === 'collector' ? verdict.collectorId : null,
      personName: verdict.name,
      idNumber: i.idNumber,
      entry: i.entry,
      keyCount: d.keyCount,
      bagNo: d.bagNo,
      reason: i.note ?? null,
    })
    await audit(w, ctx, {
      action: kind === 'release' ? 'spareKey.release' : 'spareKey.close',
      entity: 'spareKey',
      entityId: d.id,
      summary: `${kind === 'release' ? '寄存钥匙领出' : '业主取回钥匙,结束寄存'}:${label(d)} ${d.keyCount}把,交 ${who}(身份证 ${maskIdNumber(i.idNumber)},${i.entry === 'reader' ? '读卡器读入' : '手输'})`,
    })
    return { d, verdict }
  })
  if (outcome.verdict.ok) return (await depositById(ctx.db.read, outcome.d.id))!
  const { d, verdict } = outcome
  const asker = i.askerName ?? verdict.name ?? '未留姓名'
  await ctx.db.tx(async (w) => {
    await insertMove(w, ctx, { depositId: d.id, move: 'refused', personRole: 'unlisted', personName: asker, idNumber: i.idNumber, entry: i.entry, reason: verdict.reason })
    await audit(w, ctx, {
      action: 'spareKey.refused',
      entity: 'spareKey',
      entityId: d.id,
      summary: `拒绝${kind === 'release' ? '领取' : '取回'}寄存钥匙 ${label(d)}:${asker}(身份证 ${maskIdNumber(i.idNumber)}),${verdict.reason}`,
    })
  })
  throw rule(`不能交付:${verdict.reason}。已记录本次拒绝。`, 'idNumber')
}

export const release = (ctx: Ctx, i: z.output<typeof spareKeyHandOverInput>) => handOver(ctx, 'release', i)
export const closeDeposit = (ctx: Ctx, i: z.output<typeof spareKeyHandOverInput>) => handOver(ctx, 'close', i)

/** The bag comes back: every key counted, resealed perhaps in a new bag. A deposit not out cannot be returned. */
export async function returnKeys(ctx: Ctx, i: z.output<typeof spareKeyReturnInput>): Promise<SpareKeyDeposit> {
  const id = await ctx.db.tx(async (w) => {
    const d = await openDeposit(w, i.depositId)
    if (d.state !== 'out') throw conflict(`${label(d)} 在库,未领出,不能归还`, 'depositId')
    if (i.keyCount !== d.keyCount) throw rule(`归还钥匙数量 ${i.keyCount} 把与寄存数量 ${d.keyCount} 把不符;业主留下部分钥匙的,请先全数归还再结束寄存、重新寄存`, 'keyCount')
    if (i.bagNo && i.bagNo !== d.bagNo) await bagFree(w, i.bagNo, d.id)
    const rel = await w.get<{ id: string }>("SELECT id FROM spare_key_moves WHERE deposit_id = ? AND move = 'release' ORDER BY at DESC, id DESC LIMIT 1", [d.id])
    await insertMove(w, ctx, { depositId: d.id, move: 'return', releaseId: rel?.id ?? null, personName: i.returnedBy, keyCount: i.keyCount, bagNo: i.bagNo ?? null, reason: i.note ?? null })
    await audit(w, ctx, {
      action: 'spareKey.return',
      entity: 'spareKey',
      entityId: d.id,
      summary: `${i.returnedBy} 归还寄存钥匙 ${label(d)} ${i.keyCount}把${i.bagNo && i.bagNo !== d.bagNo ? `,重新封袋 ${i.bagNo}` : ''}${i.note ? `:${i.note}` : ''}`,
    })
    return d.id
  })
  return (await depositById(ctx.db.read, id))!
}

export async function mustDeposit(ctx: Ctx, id: string): Promise<SpareKeyDeposit> {
  const d = await depositById(ctx.db.read, id)
  if (!d) throw notFound('寄存记录')
  return d
}
