import { maskPhone } from '../../../shared/mask'
import { isOverdue, waitingDays } from '../../../shared/parcel/rules'
import type { NoticeChannel, ParcelKind, ParcelRow } from '../../../shared/parcel/schema'
import { localDate } from '../../../shared/time/zone'
import type { Reader } from '../db/connection'
import { labelOf, UNIT_COLS, UNIT_JOIN } from '../visitor/unitOf'

export interface ParcelRecord {
  id: string
  serial: string
  batch_id: string
  unit_id: string
  bcode: string
  uentrance: string
  uroom: string
  addressee: string
  addressee_phone: string
  carrier: string
  tracking_no: string
  kind: ParcelKind
  shelf: string
  note: string | null
  received_at: string
  received_by: string
  picked_at: string | null
  picker_name: string | null
  picker_role: 'addressee' | 'delegate' | null
  handed_by: string | null
  signed: number | null
}

export const PARCEL_SELECT = `
  SELECT p.id, p.serial, p.batch_id, p.unit_id, ${UNIT_COLS}, p.addressee, p.addressee_phone, p.carrier, p.tracking_no, p.kind, p.shelf, p.note,
    p.received_at, rs.name AS received_by, k.at AS picked_at, k.picker_name, k.picker_role, ks.name AS handed_by, k.signature IS NOT NULL AS signed
  FROM parcels p ${UNIT_JOIN('p')}
  JOIN staff rs ON rs.id = p.received_by
  LEFT JOIN parcel_pickups k ON k.parcel_id = p.id
  LEFT JOIN staff ks ON ks.id = k.staff_id`

export interface RowContext {
  now: Date
  timeZone: string
  overdueDays: number
}

/** Rows with their notices and named collectors; phones masked as in every list. */
export async function toParcelRows(r: Reader, records: ParcelRecord[], c: RowContext): Promise<ParcelRow[]> {
  if (!records.length) return []
  const ids = records.map((p) => p.id)
  const marks = ids.map(() => '?').join(',')
  const notices = await r.all<{ parcel_id: string; channel: NoticeChannel; note: string | null; by_name: string; at: string }>(
    `SELECT n.parcel_id, n.channel, n.note, s.name AS by_name, n.at FROM parcel_notices n JOIN staff s ON s.id = n.staff_id WHERE n.parcel_id IN (${marks}) ORDER BY n.at, n.id`,
    ids,
  )
  const delegates = await r.all<{ parcel_id: string; name: string; phone: string; named_how: string; at: string }>(
    `SELECT parcel_id, name, phone, named_how, at FROM parcel_delegates WHERE parcel_id IN (${marks}) ORDER BY at, id`,
    ids,
  )
  const today = localDate(c.now, c.timeZone)
  return records.map((p) => {
    const days = p.picked_at ? 0 : waitingDays(localDate(p.received_at, c.timeZone), today)
    return {
      id: p.id,
      serial: p.serial,
      unitId: p.unit_id,
      unitLabel: labelOf(p),
      addressee: p.addressee,
      addresseePhone: maskPhone(p.addressee_phone),
      carrier: p.carrier,
      trackingNo: p.tracking_no,
      kind: p.kind,
      shelf: p.shelf,
      note: p.note,
      receivedAt: p.received_at,
      receivedByName: p.received_by,
      notices: notices.filter((n) => n.parcel_id === p.id).map((n) => ({ channel: n.channel, note: n.note, byName: n.by_name, at: n.at })),
      delegates: delegates.filter((d) => d.parcel_id === p.id).map((d) => ({ name: d.name, phone: maskPhone(d.phone), namedHow: d.named_how, at: d.at })),
      pickedUpAt: p.picked_at,
      pickerName: p.picker_name,
      pickerRole: p.picker_role,
      handedOverByName: p.handed_by,
      hasSignature: !!p.signed,
      waitingDays: days,
      overdue: !p.picked_at && isOverdue(days, c.overdueDays),
    }
  })
}
