import type { z } from 'zod'
import { checkPickup, type PickupCandidate } from '../../../shared/parcel/rules'
import { PARCEL_KIND_LABELS, PARCEL_PREFIX, type parcelDelegateInput, type parcelNotifyInput, type parcelPickUpInput, type parcelReceiveInput, type ParcelRow, NOTICE_CHANNEL_LABELS } from '../../../shared/parcel/schema'
import { localDate, localDateTime, localDayRange } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry, linkedFollowUp } from '../duty/linkedEntry'
import { requireOpenShift } from '../duty/logEntry'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { getSite } from '../site/service'
import { liveUnitLabel, labelOf } from '../visitor/unitOf'
import { PARCEL_SELECT, toParcelRows, type ParcelRecord } from './rows'
import { parcelSettings } from './settings'

async function rowContext(ctx: Ctx) {
  return { now: ctx.now(), timeZone: (await getSite(ctx)).timeZone, overdueDays: (await parcelSettings(ctx.db.read)).overdueDays }
}

export async function parcelById(ctx: Ctx, id: string): Promise<ParcelRow> {
  const p = await ctx.db.read.get<ParcelRecord>(`${PARCEL_SELECT} WHERE p.id = ? AND p.deleted_at IS NULL`, [id])
  if (!p) throw new DeskError('NOT_FOUND', '邮件记录不存在', 'id')
  return (await toParcelRows(ctx.db.read, [p], await rowContext(ctx)))[0]
}

/** Waiting at the desk: the longest waiting first. */
export async function parcelsWaiting(ctx: Ctx): Promise<ParcelRow[]> {
  const rows = await ctx.db.read.all<ParcelRecord>(`${PARCEL_SELECT} WHERE p.deleted_at IS NULL AND k.id IS NULL ORDER BY p.received_at, p.id`)
  return toParcelRows(ctx.db.read, rows, await rowContext(ctx))
}

export async function parcelsInRange(ctx: Ctx, from: string, to: string): Promise<ParcelRow[]> {
  const c = await rowContext(ctx)
  const range = localDayRange(from, to, c.timeZone)
  const rows = await ctx.db.read.all<ParcelRecord>(`${PARCEL_SELECT} WHERE p.deleted_at IS NULL AND p.received_at >= ? AND p.received_at < ? ORDER BY p.received_at, p.id`, [range.from, range.to])
  return toParcelRows(ctx.db.read, rows, c)
}

/**
 * One duty-log entry per batch, not per parcel: a desk can take in a hundred parcels a day, and every
 * open log entry is an item the incoming clerk must acknowledge one by one at handover. So the parcels
 * a clerk receives in one shift share one linked entry ("本班代收邮件"), each parcel received or picked
 * up is a follow-up line of it (every parcel still appears in the log), and the entry closes by itself
 * when the batch's last parcel is picked up; parcels arriving after that open a new batch.
 * Several terminals (issue H): a batch belongs to one clerk's shift at one terminal, so two terminals
 * never write to the same batch.
 */
async function openBatch(w: Writer, ctx: Ctx): Promise<string> {
  const shift = await requireOpenShift(w, ctx)
  const open = await w.get<{ id: string }>(
    `SELECT b.id FROM parcel_batches b WHERE b.shift_id = ? AND EXISTS (
       SELECT 1 FROM parcels p LEFT JOIN parcel_pickups k ON k.parcel_id = p.id WHERE p.batch_id = b.id AND k.id IS NULL AND p.deleted_at IS NULL)
     ORDER BY b.created_at DESC, b.id DESC LIMIT 1`,
    [shift.id],
  )
  if (open) return open.id
  const id = newId()
  const at = iso(ctx.now())
  await w.run('INSERT INTO parcel_batches (id, created_at, updated_at, terminal_id, deleted_at, shift_id, opened_by) VALUES (?, ?, ?, ?, NULL, ?, ?)', [id, at, at, ctx.terminalId, shift.id, ctx.staff!.id])
  await addLinkedEntry(w, ctx, 'parcel', id, { kind: 'other', content: '邮件收递:本班代收的邮件(逐件见跟进,全部领取后自动办结)', status: 'pending' })
  return id
}

/** A parcel received: serial YJ-2026-0001 (series counter in this transaction), its batch's log line. */
export async function receiveParcel(ctx: Ctx, input: z.output<typeof parcelReceiveInput>): Promise<ParcelRow> {
  const id = await ctx.db.tx(async (w) => {
    const unitLabel = await liveUnitLabel(w, input.unitId, 'unitId')
    // The same waybill twice while the first is still on the shelf: a scan repeated by mistake. Checked
    // in this write, so it holds on one database; two terminals offline could each take it in (issue H):
    // both parcels are kept on merge and the waiting list shows the number twice for the desk to settle
    // (one is handed out, the other's pickup records the same person) — no fact is dropped.
    const dup = await w.get<{ serial: string; shelf: string }>(
      'SELECT p.serial, p.shelf FROM parcels p LEFT JOIN parcel_pickups k ON k.parcel_id = p.id WHERE p.tracking_no = ? AND p.deleted_at IS NULL AND k.id IS NULL',
      [input.trackingNo],
    )
    if (dup) throw conflict(`运单号 ${input.trackingNo} 已登记(${dup.serial},存放 ${dup.shelf}),尚未领取`, 'trackingNo')
    const batchId = await openBatch(w, ctx)
    const at = iso(ctx.now())
    // Several terminals (issue H): each issues from its own series, marked in the serial (takeSeriesSerial).
    const serial = await takeSeriesSerial(w, 'parcel', PARCEL_PREFIX, Number(localDate(ctx.now(), (await getSite(ctx)).timeZone).slice(0, 4)), at)
    const id = newId()
    await w.run(
      `INSERT INTO parcels (id, created_at, updated_at, terminal_id, deleted_at, serial, batch_id, unit_id, addressee, addressee_phone, carrier, tracking_no, kind, shelf, note, received_at, received_by)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, at, at, ctx.terminalId, serial, batchId, input.unitId, input.addressee, input.addresseePhone, input.carrier, input.trackingNo, input.kind, input.shelf, input.note ?? null, at, ctx.staff!.id],
    )
    await linkedFollowUp(w, ctx, 'parcel', batchId, 'note', `收件 ${serial}:${input.carrier} ${input.trackingNo}(${PARCEL_KIND_LABELS[input.kind]})→ ${unitLabel} ${input.addressee},存放 ${input.shelf}`)
    await audit(w, ctx, { action: 'parcel.receive', entity: 'parcel', entityId: id, summary: `收件 ${serial}:${input.carrier} ${input.trackingNo} → ${unitLabel} ${input.addressee}` })
    return id
  })
  return parcelById(ctx, id)
}

async function waitingParcel(w: Reader, id: string, tz: string) {
  const p = await w.get<ParcelRecord>(`${PARCEL_SELECT} WHERE p.id = ? AND p.deleted_at IS NULL`, [id])
  if (!p) throw new DeskError('NOT_FOUND', '邮件记录不存在', 'id')
  if (p.picked_at) throw conflict(`邮件 ${p.serial} 已于 ${localDateTime(p.picked_at, tz)} 由 ${p.picker_name} 领取,不能重复领取`, 'id')
  return p
}

export async function notifyParcel(ctx: Ctx, input: z.output<typeof parcelNotifyInput>): Promise<ParcelRow> {
  const tz = (await getSite(ctx)).timeZone
  await ctx.db.tx(async (w) => {
    const p = await waitingParcel(w, input.id, tz)
    const at = iso(ctx.now())
    await w.run('INSERT INTO parcel_notices (id, created_at, updated_at, terminal_id, deleted_at, parcel_id, channel, note, staff_id, at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)', [
      newId(),
      at,
      at,
      ctx.terminalId,
      p.id,
      input.channel,
      input.note ?? null,
      ctx.staff!.id,
      at,
    ])
    await audit(w, ctx, { action: 'parcel.notify', entity: 'parcel', entityId: p.id, summary: `${NOTICE_CHANNEL_LABELS[input.channel]}通知 ${p.addressee} 领取邮件 ${p.serial}${input.note ? `:${input.note}` : ''}` })
  })
  return parcelById(ctx, input.id)
}

export async function addDelegate(ctx: Ctx, input: z.output<typeof parcelDelegateInput>): Promise<ParcelRow> {
  const tz = (await getSite(ctx)).timeZone
  await ctx.db.tx(async (w) => {
    const p = await waitingParcel(w, input.id, tz)
    const at = iso(ctx.now())
    await w.run('INSERT INTO parcel_delegates (id, created_at, updated_at, terminal_id, deleted_at, parcel_id, name, phone, named_how, staff_id, at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)', [
      newId(),
      at,
      at,
      ctx.terminalId,
      p.id,
      input.name,
      input.phone,
      input.namedHow,
      ctx.staff!.id,
      at,
    ])
    await audit(w, ctx, { action: 'parcel.addDelegate', entity: 'parcel', entityId: p.id, summary: `${p.addressee} 指定 ${input.name} 代领邮件 ${p.serial}(${input.namedHow})` })
  })
  return parcelById(ctx, input.id)
}

/**
 * Handed out once, to the addressee or someone the addressee named: the name and the last 4 digits of
 * that person's recorded phone must match (shared/parcel/rules.ts). Anyone else is refused and nothing
 * is written. When the batch's last parcel goes, its log entry closes.
 */
export async function pickUpParcel(ctx: Ctx, input: z.output<typeof parcelPickUpInput>): Promise<ParcelRow> {
  const tz = (await getSite(ctx)).timeZone
  await ctx.db.tx(async (w) => {
    const p = await waitingParcel(w, input.id, tz)
    const delegates = await w.all<{ id: string; name: string; phone: string }>('SELECT id, name, phone FROM parcel_delegates WHERE parcel_id = ? ORDER BY at, id', [p.id])
    const candidates: PickupCandidate[] = [{ role: 'addressee', name: p.addressee, phone: p.addressee_phone }, ...delegates.map((d) => ({ role: 'delegate' as const, name: d.name, phone: d.phone, delegateId: d.id }))]
    const check = checkPickup(candidates, input.pickerName, input.phoneTail)
    if (!check.ok) throw rule(check.message, check.field)
    const at = iso(ctx.now())
    await w.run(
      'INSERT INTO parcel_pickups (id, created_at, updated_at, terminal_id, deleted_at, parcel_id, picker_name, picker_role, delegate_id, signature, staff_id, at) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)',
      [newId(), at, at, ctx.terminalId, p.id, check.who.name, check.who.role, check.who.delegateId ?? null, input.signature ?? null, ctx.staff!.id, at],
    )
    const who = `${check.who.name}${check.who.role === 'delegate' ? `(代 ${p.addressee} 领取)` : ''}`
    await linkedFollowUp(w, ctx, 'parcel', p.batch_id, 'note', `取件 ${p.serial}:${labelOf(p)} ${who}`)
    const left = await w.get<{ n: number }>(
      'SELECT count(*) AS n FROM parcels x LEFT JOIN parcel_pickups k ON k.parcel_id = x.id WHERE x.batch_id = ? AND x.deleted_at IS NULL AND k.id IS NULL',
      [p.batch_id],
    )
    if (!left?.n) await linkedFollowUp(w, ctx, 'parcel', p.batch_id, 'close', '本批邮件已全部领取')
    await audit(w, ctx, { action: 'parcel.pickUp', entity: 'parcel', entityId: p.id, summary: `邮件 ${p.serial} 由 ${who} 领取${input.signature ? '(手写签名)' : ''}` })
  })
  return parcelById(ctx, input.id)
}
