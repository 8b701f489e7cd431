import type { z } from 'zod'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import { localDate } from '../../../shared/time/zone'
import type { ExpectedVisitorRow, visitorCancelExpectedInput, visitorExpectInput } from '../../../shared/visitor/schema'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { getSite } from '../site/service'
import { labelOf, liveUnitLabel, UNIT_COLS, UNIT_JOIN } from './unitOf'

interface ExpectedRecord {
  id: string
  unit_id: string
  bcode: string
  uentrance: string
  uroom: string
  host_name: string | null
  visitor_name: string
  phone: string | null
  id_number: string | null
  purpose: string
  car_plate: string | null
  people: number
  expected_date: string
  called_by: string
  note: string | null
  recorded_by: string
  visit_id: string | null
}

const SELECT = `
  SELECT e.id, e.unit_id, ${UNIT_COLS}, e.host_name, e.visitor_name, e.phone, e.id_number, e.purpose, e.car_plate, e.people, e.expected_date,
    e.called_by, e.note, s.name AS recorded_by, v.id AS visit_id
  FROM visitor_expected e ${UNIT_JOIN('e')}
  JOIN staff s ON s.id = e.recorded_by
  LEFT JOIN visits v ON v.expected_id = e.id`

/** Phone and ID number masked as in every list; signing the visitor in takes the whole ones in the core. */
function toRow(e: ExpectedRecord): ExpectedVisitorRow {
  return {
    id: e.id,
    unitId: e.unit_id,
    unitLabel: labelOf(e),
    hostName: e.host_name,
    visitorName: e.visitor_name,
    phone: e.phone ? maskPhone(e.phone) : null,
    idNumber: e.id_number ? maskIdNumber(e.id_number) : null,
    purpose: e.purpose,
    carPlate: e.car_plate,
    people: e.people,
    expectedDate: e.expected_date,
    calledBy: e.called_by,
    note: e.note,
    recordedBy: e.recorded_by,
    visitId: e.visit_id,
  }
}

export async function expectedOfDay(r: Reader, day: string): Promise<ExpectedVisitorRow[]> {
  return (await r.all<ExpectedRecord>(`${SELECT} WHERE e.deleted_at IS NULL AND e.expected_date = ? ORDER BY e.created_at, e.id`, [day])).map(toRow)
}

/** An owner's call: a visitor expected on a day (today or later, never a past day). */
export async function expectVisitor(ctx: Ctx, input: z.output<typeof visitorExpectInput>): Promise<ExpectedVisitorRow> {
  const tz = (await getSite(ctx)).timeZone
  const id = await ctx.db.tx(async (w) => {
    const unitLabel = await liveUnitLabel(w, input.unitId, 'unitId')
    if (input.expectedDate < localDate(ctx.now(), tz)) throw rule('预计来访日期不能早于今天', 'expectedDate')
    const id = newId()
    const at = iso(ctx.now())
    await w.run(
      `INSERT INTO visitor_expected (id, created_at, updated_at, terminal_id, deleted_at, unit_id, host_name, visitor_name, phone, id_number, purpose, car_plate, people, expected_date, called_by, note, recorded_by, cancel_reason)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
      [id, at, at, ctx.terminalId, input.unitId, input.hostName ?? null, input.visitorName, input.phone ?? null, input.idNumber ?? null, input.purpose, input.carPlate ?? null, input.people, input.expectedDate, input.calledBy, input.note ?? null, ctx.staff!.id],
    )
    await audit(w, ctx, { action: 'visitor.expect', entity: 'visitorExpected', entityId: id, summary: `${input.calledBy} 来电预约访客 ${input.visitorName}(${input.expectedDate},${unitLabel})` })
    return id
  })
  const row = await ctx.db.read.get<ExpectedRecord>(`${SELECT} WHERE e.id = ?`, [id])
  return toRow(row!)
}

export async function cancelExpected(ctx: Ctx, input: z.output<typeof visitorCancelExpectedInput>): Promise<null> {
  await ctx.db.tx(async (w) => {
    const e = await w.get<{ visitor_name: string; deleted_at: string | null; visit_id: string | null }>(
      'SELECT e.visitor_name, e.deleted_at, v.id AS visit_id FROM visitor_expected e LEFT JOIN visits v ON v.expected_id = e.id WHERE e.id = ?',
      [input.id],
    )
    if (!e || e.deleted_at) throw new DeskError('NOT_FOUND', '预约记录不存在或已取消', 'id')
    if (e.visit_id) throw conflict('该预约访客已签到,不能取消', 'id')
    const at = iso(ctx.now())
    await w.run('UPDATE visitor_expected SET deleted_at = ?, updated_at = ?, terminal_id = ?, cancel_reason = ? WHERE id = ?', [at, at, ctx.terminalId, input.reason, input.id])
    await audit(w, ctx, { action: 'visitor.cancelExpected', entity: 'visitorExpected', entityId: input.id, summary: `取消预约访客 ${e.visitor_name}:${input.reason}` })
  })
  return null
}
