import type { z } from 'zod'
import { addMinutesIso } from '../../../shared/reception/clock'
import type { RepairDetail, repairCreateInput, repairUpdateInput } from '../../../shared/repair/schema'
import { localDate, localDateTime, zonedIso } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { iso, newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { repairFiles } from '../db/schema'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry } from '../duty/linkedEntry'
import { notFound, rule } from '../errors'
import { newId } from '../ids'
import { getSite } from '../site/service'
import { orderDetail, orderRecord } from './read'
import { repairSettings } from './settings'

const bytesOf = (dataUrl: string) => Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64').length
const MAX_PHOTO_BYTES = 2 * 1024 * 1024

/** An appointment typed as the site's wall clock, refused when it is already past. */
function appointmentIso(stamp: string | undefined, tz: string, now: Date): string | null {
  if (!stamp) return null
  const at = zonedIso(stamp.slice(0, 10), stamp.slice(11, 16), tz)
  if (Number.isNaN(Date.parse(at))) throw rule('预约时间不是有效时间', 'appointmentAt')
  // The minute being typed counts as now: "10:05" typed at 10:05:40 is not in the past.
  if (Date.parse(at) + 60_000 <= now.getTime()) throw rule(`预约时间 ${stamp} 已经过去,请填写现在以后的时间(或留空:尽快上门)`, 'appointmentAt')
  return at
}

async function checkCategory(w: Writer, category: string) {
  const s = await repairSettings(w)
  if (!s.categories.includes(category)) throw rule(`报修类别「${category}」不在项目设置的类别中(${s.categories.join('、')})`, 'category')
  return s
}

export const orderLine = (o: { serial: string; urgent: boolean | number; unitLabel: string; category: string; content: string; contactName: string }) =>
  `报修单 ${o.serial}${o.urgent ? '【急修】' : ''}${o.unitLabel} ${o.category}:${o.content}(联系人 ${o.contactName})`

/**
 * Saves a repair from a phone call: the order with its serial and its clocks' due instants (from the
 * site's settings now), its photos, and its entry in the clerk's duty log — one transaction.
 */
export async function createRepair(ctx: Ctx, input: z.output<typeof repairCreateInput>): Promise<RepairDetail> {
  const tz = (await getSite(ctx)).timeZone
  ;(input.photos ?? []).forEach((p, i) => {
    if (bytesOf(p.dataUrl) > MAX_PHOTO_BYTES) throw rule(`照片「${p.label}」超过2MB`, `photos.${i}.dataUrl`)
  })
  const id = await ctx.db.tx(async (w) => {
    const now = ctx.now()
    const appointmentAt = appointmentIso(input.appointmentAt, tz, now)
    const s = await checkCategory(w, input.category)
    const unit = await w.get<{ id: string; label: string }>(
      `SELECT u.id, b.code || '栋' || CASE WHEN u.entrance <> '' THEN u.entrance || '单元' ELSE '' END || u.room AS label
         FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ? AND u.deleted_at IS NULL`,
      [input.unitId],
    )
    if (!unit) throw rule('报修房屋不存在,请重新选择', 'unitId')
    let name = input.contactName
    let phone = input.contactPhone
    if (input.residentId) {
      const r = await w.get<{ name: string; phone: string; unitId: string }>('SELECT name, phone, unit_id AS unitId FROM residents WHERE id = ? AND deleted_at IS NULL', [input.residentId])
      if (!r || r.unitId !== unit.id) throw rule(`所选联系人不是 ${unit.label} 的住户`, 'residentId')
      name = name ?? r.name
      phone = phone ?? r.phone
    }
    const at = iso(now)
    // The site's year; taken in this transaction with the order. Several terminals (issue H): each issues
    // from its own series, marked in the serial (db/serials.ts), so two never take the same number.
    const serial = await takeSeriesSerial(w, 'repair', 'WX', Number(localDate(now, tz).slice(0, 4)), at)
    const id = newId()
    await w.run(
      `INSERT INTO repair_orders (id, created_at, updated_at, terminal_id, deleted_at, serial, unit_id, resident_id, contact_name, contact_phone, category, content, urgent,
         appointment_at, received_at, forward_due_at, on_site_due_at, done_due_at, staff_id) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id, at, at, ctx.terminalId, serial, unit.id, input.residentId ?? null, name!, phone!, input.category, input.content, input.urgent ? 1 : 0,
        appointmentAt, at, addMinutesIso(at, s.forwardMinutes), input.urgent ? addMinutesIso(at, s.urgentOnSiteMinutes) : null,
        input.urgent ? addMinutesIso(at, s.urgentDoneHours * 60) : null, ctx.staff!.id,
      ],
    )
    for (const p of input.photos ?? []) {
      await w.orm.insert(repairFiles).values({ ...newRowMeta(ctx, newId()), orderId: id, label: p.label, fileName: p.fileName, mime: p.dataUrl.slice(5, p.dataUrl.indexOf(';')), sizeBytes: bytesOf(p.dataUrl), dataUrl: p.dataUrl })
    }
    const line = orderLine({ serial, urgent: input.urgent, unitLabel: unit.label, category: input.category, content: input.content, contactName: name! })
    await addLinkedEntry(w, ctx, 'repair', id, {
      kind: 'repair',
      unitId: unit.id,
      person: name!,
      content: appointmentAt ? `${line},预约 ${localDateTime(appointmentAt, tz)}` : line,
      passedTo: '工程部',
      status: 'pending',
    })
    await audit(w, ctx, { action: 'repair.create', entity: 'repair', entityId: id, summary: `登记${line}` })
    return id
  })
  return (await orderDetail(ctx.db.read, id, ctx.now()))!
}

/** Changes what was taken down on an open order; each changed column is audited with its old value. */
export async function updateRepair(ctx: Ctx, input: z.output<typeof repairUpdateInput>): Promise<RepairDetail> {
  const tz = (await getSite(ctx)).timeZone
  await ctx.db.tx(async (w) => {
    const o = await orderRecord(w, input.id)
    if (!o) throw notFound('维修单')
    if (o.closedAt) throw rule(`维修单 ${o.serial} 已回访结案,不能再修改`, 'id')
    await checkCategory(w, input.category)
    // An appointment left as it was stays, even once past; a new one must be ahead.
    const kept = o.appointmentAt && input.appointmentAt === localDateTime(o.appointmentAt, tz)
    const appointmentAt = kept ? o.appointmentAt : appointmentIso(input.appointmentAt, tz, ctx.now())
    const next = { contact_name: input.contactName, contact_phone: input.contactPhone ?? o.contactPhone, category: input.category, content: input.content, appointment_at: appointmentAt }
    const before = { contact_name: o.contactName, contact_phone: o.contactPhone, category: o.category, content: o.content, appointment_at: o.appointmentAt }
    const changes: Record<string, [unknown, unknown]> = {}
    for (const k of Object.keys(next) as Array<keyof typeof next>) if (next[k] !== before[k]) changes[k] = [before[k], next[k]]
    if (!Object.keys(changes).length) return
    const sets = Object.keys(changes).map((k) => `${k} = ?`)
    await w.run(`UPDATE repair_orders SET ${sets.join(', ')}, updated_at = ?, terminal_id = ? WHERE id = ?`, [...Object.keys(changes).map((k) => next[k as keyof typeof next]), iso(ctx.now()), ctx.terminalId, o.id])
    await audit(w, ctx, { action: 'repair.update', entity: 'repair', entityId: o.id, summary: `修改维修单 ${o.serial}`, changes })
  })
  return (await orderDetail(ctx.db.read, input.id, ctx.now()))!
}
