import type { z } from 'zod'
import {
  DEFAULT_PRICE_LIST,
  HOME_SERVICE_PRICES_KEY,
  priceListSetting,
  type homeServiceBookInput,
  type homeServiceCallBackInput,
  type homeServiceCancelInput,
  type homeServiceDoneInput,
  type homeServiceFollowUpInput,
  type HomeServiceRow,
  type PriceItem,
  type priceListInput,
} from '../../../shared/homeService/schema'
import { callBackDueAt, followUpDueAt } from '../../../shared/homeService/rules'
import { spanLabel } from '../../../shared/reception/clock'
import { localDateTime } from '../../../shared/time/zone'
import { fenToYuanText } from '../../../shared/validate/money'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry, linkedFollowUp } from '../duty/linkedEntry'
import { notFound, rule } from '../errors'
import { newId } from '../ids'
import { unitOf } from '../permit/applicant'
import { siteZone, stampToIso } from '../reception/siteZone'
import { readDeskSetting, writeDeskSetting } from '../site/deskSettings'
import { homeServiceRow } from './read'

/**
 * 家居服务: a booking (editable row) and its steps — call-back with the confirmed time, finish,
 * same-day follow-up, cancellation — each a fact recorded once. The 2-hour call-back clock and the
 * same-day follow-up clock are computed from these stored instants (shared/homeService/rules.ts);
 * a step that stops a clock late stores when it was due and by how much (a breach, for ever).
 * The booking stands in the duty log as one linked entry (kind 'call'), closed at follow-up or cancel.
 *
 * Several terminals (issue H): serials JF-YYYY-NNNN from the terminal's own series (takeSeriesSerial);
 * a step is unique per booking on one database; two terminals recording the same step offline would
 * both keep their fact after a merge, and the earliest is the one read (the unique index then gives
 * way to the merge's conflict record, as for cards).
 */

export const readPrices = (r: Reader) => readDeskSetting(r, HOME_SERVICE_PRICES_KEY, priceListSetting, DEFAULT_PRICE_LIST)

export async function savePrices(ctx: Ctx, i: z.output<typeof priceListInput>): Promise<PriceItem[]> {
  return ctx.db.tx(async (w) => {
    const old = await readPrices(w)
    // Codes are kept for the rows that had one (bookings keep their own copy of name and price anyway).
    let next = Math.max(0, ...old.map((x) => Number(x.code.slice(3)))) + 1
    const items: PriceItem[] = i.items.map((x) => ({
      code: x.code && old.some((o) => o.code === x.code) ? x.code : `JF-${String(next++).padStart(2, '0')}`,
      name: x.name,
      priceFen: x.price,
      per: x.per,
    }))
    await writeDeskSetting(w, ctx, HOME_SERVICE_PRICES_KEY, items, `家居服务价目表:${items.map((x) => `${x.name} ${fenToYuanText(x.priceFen)} 元/${x.per}`).join(';') || '(空)'}`)
    return readPrices(w)
  })
}

const nowOf = (ctx: Ctx) => ctx.now()

/** A local stamp typed by the clerk → instant; blank → now. Never later than now. */
function stepInstant(stamp: string | undefined, tz: string, ctx: Ctx, field: string, label: string): string {
  if (!stamp) return nowOf(ctx).toISOString()
  const at = stampToIso(stamp, tz)
  // Stamps are to the minute: "now" is the current minute.
  if (Date.parse(at) > nowOf(ctx).getTime()) throw rule(`${label}不能晚于现在`, field)
  return at
}

/** Minute precision of typed stamps: an instant compared with one typed is floored to its minute. */
const minuteOf = (at: string) => Math.floor(Date.parse(at) / 60_000) * 60_000

async function rowFor(w: Writer, ctx: Ctx, tz: string, id: string): Promise<HomeServiceRow> {
  const h = await homeServiceRow(w, tz, nowOf(ctx), id)
  if (!h) throw notFound('家居服务')
  if (h.cancelledAt) throw rule(`家居服务 ${h.serial} 已取消`, 'id')
  return h
}

async function addStep(
  w: Writer,
  ctx: Ctx,
  id: string,
  step: 'callBack' | 'done' | 'followUp' | 'cancel',
  at: string,
  v: { confirmedAt?: string | null; worker?: string | null; satisfied?: boolean | null; note?: string | null; dueAt?: string | null } = {},
): Promise<number> {
  const overMs = v.dueAt ? Math.max(0, Date.parse(at) - Date.parse(v.dueAt)) : null
  const m = newRowMeta(ctx, newId())
  await w.run(
    `INSERT INTO home_service_steps (id, created_at, updated_at, terminal_id, deleted_at, home_service_id, step, at, confirmed_at, worker, satisfied, note, due_at, over_ms, staff_id)
     VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?)`,
    [m.id, m.createdAt, m.updatedAt, m.terminalId, id, step, at, v.confirmedAt ?? null, v.worker ?? null, v.satisfied === undefined || v.satisfied === null ? null : v.satisfied ? 1 : 0, v.note ?? null, v.dueAt ?? null, overMs, ctx.staff!.id],
  )
  return overMs ?? 0
}

const lateText = (overMs: number) => (overMs > 0 ? `,超时 ${spanLabel(overMs)}` : '')

export async function book(ctx: Ctx, i: z.output<typeof homeServiceBookInput>): Promise<HomeServiceRow> {
  return ctx.db.tx(async (w) => {
    const tz = await siteZone(w)
    const unit = await unitOf(w, i.unitId)
    const item = (await readPrices(w)).find((x) => x.code === i.serviceCode)
    if (!item) throw rule('所选服务项目不在项目的价目表中', 'serviceCode')
    const wantedAt = stampToIso(i.wantedAt, tz)
    if (Date.parse(wantedAt) < minuteOf(nowOf(ctx).toISOString())) throw rule(`希望服务时间 ${i.wantedAt} 已经过去,请填写以后的时间`, 'wantedAt')
    const m = newRowMeta(ctx, newId())
    const serial = await takeSeriesSerial(w, 'homeService', 'JF', Number(localDateTime(m.createdAt, tz).slice(0, 4)), m.createdAt)
    const priceFen = item.priceFen * i.quantity
    await w.run(
      `INSERT INTO home_services (id, created_at, updated_at, terminal_id, deleted_at, serial, unit_id, contact, phone, service_code, service_name, per, quantity, price_fen, wanted_at, booked_at, call_back_due_at, note, staff_id)
       VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [m.id, m.createdAt, m.updatedAt, m.terminalId, serial, unit.id, i.contact, i.phone ?? null, item.code, item.name, item.per, i.quantity, priceFen, wantedAt, m.createdAt, callBackDueAt(m.createdAt), i.note ?? null, ctx.staff!.id],
    )
    const what = `${item.name} ${i.quantity}${item.per},${fenToYuanText(priceFen)} 元,希望 ${i.wantedAt}`
    await addLinkedEntry(w, ctx, 'homeService', m.id, {
      kind: 'call',
      unitId: unit.id,
      person: i.contact,
      content: `家居服务 ${serial}:${what}${i.note ? `;${i.note}` : ''}`,
      action: `2小时内(${localDateTime(callBackDueAt(m.createdAt), tz).slice(11)} 前)回电确认上门时间`,
      status: 'pending',
    })
    await audit(w, ctx, { action: 'homeService.book', entity: 'home_service', entityId: m.id, summary: `家居服务预约 ${serial}:${unit.label} ${i.contact},${what}` })
    return (await homeServiceRow(w, tz, nowOf(ctx), m.id))!
  })
}

export async function callBack(ctx: Ctx, i: z.output<typeof homeServiceCallBackInput>): Promise<HomeServiceRow> {
  return ctx.db.tx(async (w) => {
    const tz = await siteZone(w)
    const h = await rowFor(w, ctx, tz, i.id)
    if (h.calledBackAt) throw rule(`家居服务 ${h.serial} 已回电确认(${localDateTime(h.calledBackAt, tz)})`, 'id')
    const at = stepInstant(i.at, tz, ctx, 'at', '回电时间')
    if (Date.parse(at) < minuteOf(h.bookedAt)) throw rule(`回电时间早于预约登记时间 ${localDateTime(h.bookedAt, tz)}`, 'at')
    const confirmedAt = stampToIso(i.confirmedAt, tz)
    if (Date.parse(confirmedAt) < minuteOf(at)) throw rule('确认上门时间不能早于回电时间', 'confirmedAt')
    const over = await addStep(w, ctx, h.id, 'callBack', at, { confirmedAt, worker: i.worker, note: i.note, dueAt: h.callBack.dueAt })
    const text = `${localDateTime(at, tz).slice(11)} 回电业主,确认 ${i.confirmedAt} 上门${i.worker ? `(${i.worker})` : ''}${lateText(over)}`
    await linkedFollowUp(w, ctx, 'homeService', h.id, 'note', text)
    await audit(w, ctx, { action: 'homeService.callBack', entity: 'home_service', entityId: h.id, summary: `家居服务 ${h.serial} ${text}` })
    return (await homeServiceRow(w, tz, nowOf(ctx), h.id))!
  })
}

export async function done(ctx: Ctx, i: z.output<typeof homeServiceDoneInput>): Promise<HomeServiceRow> {
  return ctx.db.tx(async (w) => {
    const tz = await siteZone(w)
    const h = await rowFor(w, ctx, tz, i.id)
    if (!h.calledBackAt) throw rule(`家居服务 ${h.serial} 尚未回电确认上门时间,不能登记完工`, 'id')
    if (h.doneAt) throw rule(`家居服务 ${h.serial} 已登记完工`, 'id')
    const at = stepInstant(i.at, tz, ctx, 'at', '完工时间')
    if (Date.parse(at) < minuteOf(h.calledBackAt)) throw rule('完工时间不能早于回电确认时间', 'at')
    await addStep(w, ctx, h.id, 'done', at, { note: i.note })
    const text = `${localDateTime(at, tz)} 完工${i.note ? `:${i.note}` : ''},当天回访`
    await linkedFollowUp(w, ctx, 'homeService', h.id, 'note', text)
    await audit(w, ctx, { action: 'homeService.done', entity: 'home_service', entityId: h.id, summary: `家居服务 ${h.serial} ${text}` })
    return (await homeServiceRow(w, tz, nowOf(ctx), h.id))!
  })
}

export async function followUp(ctx: Ctx, i: z.output<typeof homeServiceFollowUpInput>): Promise<HomeServiceRow> {
  return ctx.db.tx(async (w) => {
    const tz = await siteZone(w)
    const h = await rowFor(w, ctx, tz, i.id)
    if (!h.doneAt) throw rule(`家居服务 ${h.serial} 尚未完工,完工后再回访`, 'id')
    if (h.followedUpAt) throw rule(`家居服务 ${h.serial} 已回访`, 'id')
    const at = stepInstant(i.at, tz, ctx, 'at', '回访时间')
    if (Date.parse(at) < minuteOf(h.doneAt)) throw rule('回访时间不能早于完工时间', 'at')
    const over = await addStep(w, ctx, h.id, 'followUp', at, { satisfied: i.satisfied, note: i.note, dueAt: followUpDueAt(h.doneAt, tz) })
    const text = `回访:${i.satisfied ? '满意' : '不满意'}${i.note ? `,${i.note}` : ''}${over > 0 ? `(未能当天回访,超时 ${spanLabel(over)})` : ''}`
    await linkedFollowUp(w, ctx, 'homeService', h.id, 'close', text)
    await audit(w, ctx, { action: 'homeService.followUp', entity: 'home_service', entityId: h.id, summary: `家居服务 ${h.serial} ${text}` })
    return (await homeServiceRow(w, tz, nowOf(ctx), h.id))!
  })
}

export async function cancel(ctx: Ctx, i: z.output<typeof homeServiceCancelInput>): Promise<HomeServiceRow> {
  return ctx.db.tx(async (w) => {
    const tz = await siteZone(w)
    const h = await rowFor(w, ctx, tz, i.id)
    if (h.doneAt) throw rule(`家居服务 ${h.serial} 已完工,不能取消`, 'id')
    await addStep(w, ctx, h.id, 'cancel', nowOf(ctx).toISOString(), { note: i.reason })
    await linkedFollowUp(w, ctx, 'homeService', h.id, 'close', `取消:${i.reason}`)
    await audit(w, ctx, { action: 'homeService.cancel', entity: 'home_service', entityId: h.id, summary: `取消家居服务 ${h.serial}:${i.reason}` })
    return (await homeServiceRow(w, tz, nowOf(ctx), h.id))!
  })
}
