import type { z } from 'zod'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import { localDate, localDateTime } from '../../../shared/time/zone'
import { slipCode, slipPayload } from '../../../shared/visitor/slip'
import { VISITOR_SLIP_PREFIX, type VisitRow, type visitorSignInInput, type visitorSignOutInput, type visitorUpdateInput } from '../../../shared/visitor/schema'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry, linkedFollowUp } from '../duty/linkedEntry'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { hmac } from '../permit/site'
import { getSiteRow } from '../site/service'
import { visitorSettings } from './settings'
import { labelOf, liveUnitLabel, UNIT_COLS, UNIT_JOIN } from './unitOf'

export interface VisitRecord {
  id: string
  serial: string
  unit_id: string
  bcode: string
  uentrance: string
  uroom: string
  host_name: string | null
  visitor_name: string
  phone: string
  id_number: string | null
  purpose: string
  car_plate: string | null
  people: number
  expected_id: string | null
  slip_day: string
  in_at: string
  in_by: string
  out_at: string | null
  out_by: string | null
  out_note: string | null
}

export const VISIT_SELECT = `
  SELECT v.id, v.serial, v.unit_id, ${UNIT_COLS}, v.host_name, v.visitor_name, v.phone, v.id_number, v.purpose, v.car_plate, v.people,
    v.expected_id, v.slip_day, i.at AS in_at, si.name AS in_by, o.at AS out_at, so.name AS out_by, o.note AS out_note
  FROM visits v ${UNIT_JOIN('v')}
  JOIN visit_events i ON i.visit_id = v.id AND i.kind = 'in'
  JOIN staff si ON si.id = i.staff_id
  LEFT JOIN visit_events o ON o.visit_id = v.id AND o.kind = 'out'
  LEFT JOIN staff so ON so.id = o.staff_id`

/** The slip's key fields and QR text, under the site's secret (which never leaves the core). */
export function slipOf(secret: string, v: Pick<VisitRecord, 'serial' | 'visitor_name' | 'slip_day'> & { unitLabel: string }) {
  return slipPayload(v.serial, slipCode(hmac, secret, { serial: v.serial, unitLabel: v.unitLabel, visitorName: v.visitor_name, day: v.slip_day }))
}

/** Lists mask the phone and the ID number (shared/mask.ts), as every list at the desk does. */
export function toVisitRow(v: VisitRecord, secret: string, today?: string): VisitRow {
  const unitLabel = labelOf(v)
  return {
    id: v.id,
    serial: v.serial,
    unitId: v.unit_id,
    unitLabel,
    hostName: v.host_name,
    visitorName: v.visitor_name,
    phone: maskPhone(v.phone),
    idNumber: v.id_number ? maskIdNumber(v.id_number) : null,
    purpose: v.purpose,
    carPlate: v.car_plate,
    people: v.people,
    expectedId: v.expected_id,
    signedInAt: v.in_at,
    signedInBy: v.in_by,
    signedOutAt: v.out_at,
    signedOutBy: v.out_by,
    signOutNote: v.out_note,
    slipPayload: slipOf(secret, { ...v, unitLabel }),
    stayedOver: !!today && !v.out_at && v.slip_day < today,
  }
}

async function secretOf(r: Reader): Promise<{ secret: string; timeZone: string }> {
  const s = await getSiteRow(r)
  if (!s) throw new DeskError('NOT_FOUND', '项目尚未初始化')
  return { secret: s.secret, timeZone: s.timeZone }
}

export async function visitRecord(r: Reader, id: string) {
  return r.get<VisitRecord>(`${VISIT_SELECT} WHERE v.id = ? AND v.deleted_at IS NULL`, [id])
}

export async function visitById(r: Reader, id: string): Promise<VisitRow> {
  const v = await visitRecord(r, id)
  if (!v) throw new DeskError('NOT_FOUND', '来访记录不存在', 'id')
  return toVisitRow(v, (await secretOf(r)).secret)
}

/**
 * Who is still in: signed in, not signed out — any day: someone signed in on an earlier day (of the
 * site's calendar, not the PC's) is still listed, marked stayedOver.
 */
export async function visitorsInside(ctx: Ctx): Promise<VisitRow[]> {
  const r = ctx.db.read
  const { secret, timeZone } = await secretOf(r)
  const today = localDate(ctx.now(), timeZone)
  const rows = await r.all<VisitRecord>(`${VISIT_SELECT} WHERE v.deleted_at IS NULL AND o.id IS NULL ORDER BY i.at, v.id`)
  return rows.map((v) => toVisitRow(v, secret, today))
}

/** 业户访问记录 of a local day: every visit signed in that day, in order. */
export async function visitsOfDay(r: Reader, day: string): Promise<VisitRow[]> {
  const { secret } = await secretOf(r)
  const rows = await r.all<VisitRecord>(`${VISIT_SELECT} WHERE v.deleted_at IS NULL AND v.slip_day = ? ORDER BY i.at, v.id`, [day])
  return rows.map((v) => toVisitRow(v, secret))
}

/**
 * Signs a visitor in: the visit (editable row), its sign-in fact, its slip serial (FK-2026-0001, from
 * the series counter in the same transaction) and its duty-log entry — 'pending' while the visitor is
 * in, so someone still inside at the end of the shift is a handover item — all saved together.
 * An expected visitor of today signs in once; their row is then taken (visitId).
 */
export async function signIn(ctx: Ctx, input: z.output<typeof visitorSignInInput>): Promise<VisitRow> {
  const { timeZone } = await secretOf(ctx.db.read)
  const settings = await visitorSettings(ctx.db.read)
  const id = await ctx.db.tx(async (w) => {
    const unitLabel = await liveUnitLabel(w, input.unitId, 'unitId')
    const now = ctx.now()
    const at = iso(now)
    const today = localDate(now, timeZone)
    const expected = input.expectedId ? await takeExpected(w, input.expectedId, today) : null
    const phone = input.phone ?? expected?.phone ?? undefined
    const idNumber = input.idNumber ?? expected?.id_number ?? undefined
    if (!phone) throw new DeskError('INVALID_INPUT', '访客电话不能为空', 'phone')
    if (settings.idNumberRequired && !idNumber) throw new DeskError('INVALID_INPUT', '访客身份证号不能为空(本项目要求登记)', 'idNumber')
    // Several terminals (issue H): each issues from its own series, marked in the serial (takeSeriesSerial).
    const serial = await takeSeriesSerial(w, 'visitorSlip', VISITOR_SLIP_PREFIX, Number(today.slice(0, 4)), at)
    const id = newId()
    await w.run(
      `INSERT INTO visits (id, created_at, updated_at, terminal_id, deleted_at, serial, unit_id, host_name, visitor_name, phone, id_number, purpose, car_plate, people, expected_id, slip_day)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, at, at, ctx.terminalId, serial, input.unitId, input.hostName ?? null, input.visitorName, phone, idNumber ?? null, input.purpose, input.carPlate ?? null, input.people, input.expectedId ?? null, today],
    )
    await w.run(`INSERT INTO visit_events (id, created_at, updated_at, terminal_id, deleted_at, visit_id, kind, at, staff_id, note) VALUES (?, ?, ?, ?, NULL, ?, 'in', ?, ?, NULL)`, [
      newId(),
      at,
      at,
      ctx.terminalId,
      id,
      at,
      ctx.staff!.id,
    ])
    const who = `${input.visitorName}${input.people > 1 ? `等${input.people}人` : ''}`
    await addLinkedEntry(w, ctx, 'visitor', id, {
      kind: 'visit',
      unitId: input.unitId,
      person: input.visitorName,
      content: `访客 ${who} 来访 ${unitLabel}${input.hostName ? `(${input.hostName})` : ''}:${input.purpose}${input.carPlate ? `,车牌 ${input.carPlate}` : ''}(${serial}${input.expectedId ? ',业主预约' : ''})`,
      status: 'pending',
    })
    await audit(w, ctx, { action: 'visitor.signIn', entity: 'visit', entityId: id, summary: `访客 ${who} 签到,来访 ${unitLabel}(${serial})` })
    return id
  })
  return visitById(ctx.db.read, id)
}

/** The expected visitor of today, not cancelled, not yet signed in — else a refusal naming the field. */
async function takeExpected(w: Writer, expectedId: string, today: string) {
  const e = await w.get<{ expected_date: string; deleted_at: string | null; used: string | null; phone: string | null; id_number: string | null }>(
    'SELECT e.expected_date, e.deleted_at, e.phone, e.id_number, v.id AS used FROM visitor_expected e LEFT JOIN visits v ON v.expected_id = e.id WHERE e.id = ?',
    [expectedId],
  )
  if (!e) throw new DeskError('NOT_FOUND', '预约记录不存在', 'expectedId')
  if (e.deleted_at) throw rule('该预约已取消,请按普通访客登记', 'expectedId')
  if (e.used) throw conflict('该预约访客已签到,不能重复签到', 'expectedId')
  if (e.expected_date !== today) throw rule(`该预约是 ${e.expected_date} 的,不是今天的`, 'expectedId')
  return e
}

/** Signs a visitor out once: a second sign-out is refused (checked in the write, and by a unique index). */
export async function signOut(ctx: Ctx, input: z.output<typeof visitorSignOutInput>): Promise<VisitRow> {
  const { timeZone } = await secretOf(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const v = await visitRecord(w, input.id)
    if (!v) throw new DeskError('NOT_FOUND', '来访记录不存在', 'id')
    if (v.out_at) throw conflict(`访客 ${v.visitor_name} 已于 ${localDateTime(v.out_at, timeZone)} 签离,不能重复签离`, 'id')
    const at = iso(ctx.now())
    await w.run(`INSERT INTO visit_events (id, created_at, updated_at, terminal_id, deleted_at, visit_id, kind, at, staff_id, note) VALUES (?, ?, ?, ?, NULL, ?, 'out', ?, ?, ?)`, [
      newId(),
      at,
      at,
      ctx.terminalId,
      v.id,
      at,
      ctx.staff!.id,
      input.note ?? null,
    ])
    await linkedFollowUp(w, ctx, 'visitor', v.id, 'close', `访客已于 ${localDateTime(at, timeZone).slice(11)} 签离${input.note ? `:${input.note}` : ''}`)
    await audit(w, ctx, { action: 'visitor.signOut', entity: 'visit', entityId: v.id, summary: `访客 ${v.visitor_name} 签离(${v.serial})` })
  })
  return visitById(ctx.db.read, input.id)
}

/** Puts right the host, purpose, plate or head count of a visitor still in (the slip's signed fields stay). */
export async function updateVisit(ctx: Ctx, input: z.output<typeof visitorUpdateInput>): Promise<VisitRow> {
  await ctx.db.tx(async (w) => {
    const v = await visitRecord(w, input.id)
    if (!v) throw new DeskError('NOT_FOUND', '来访记录不存在', 'id')
    if (v.out_at) throw conflict(`访客 ${v.visitor_name} 已签离,记录不能再修改`, 'id')
    const next = { host_name: input.hostName ?? null, purpose: input.purpose, car_plate: input.carPlate ?? null, people: input.people }
    const changes = Object.fromEntries(Object.entries(next).filter(([k, val]) => v[k as keyof typeof next] !== val).map(([k, val]) => [k, [v[k as keyof typeof next], val]]))
    if (!Object.keys(changes).length) return
    const at = iso(ctx.now())
    await w.run('UPDATE visits SET host_name = ?, purpose = ?, car_plate = ?, people = ?, updated_at = ?, terminal_id = ? WHERE id = ?', [next.host_name, next.purpose, next.car_plate, next.people, at, ctx.terminalId, v.id])
    await linkedFollowUp(w, ctx, 'visitor', v.id, 'note', `更正来访登记:${Object.entries(changes).map(([k, [a, b]]) => `${FIELD_LABELS[k]} ${a ?? '—'} → ${b ?? '—'}`).join(',')}`)
    await audit(w, ctx, { action: 'visitor.update', entity: 'visit', entityId: v.id, summary: `修改访客 ${v.visitor_name} 的来访登记(${v.serial})`, changes })
  })
  return visitById(ctx.db.read, input.id)
}

const FIELD_LABELS: Record<string, string> = { host_name: '被访人', purpose: '来访事由', car_plate: '车牌', people: '人数' }
