import type { HomeServiceRow } from '../../../shared/homeService/schema'
import { homeServiceClocks, homeServiceStatus } from '../../../shared/homeService/rules'
import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'

interface Raw {
  id: string
  serial: string
  unitId: string
  code: string
  entrance: string
  room: string
  contact: string
  phone: string | null
  serviceCode: string
  serviceName: string
  quantity: number
  per: string
  priceFen: number
  wantedAt: string
  bookedAt: string
  bookedByName: string
  note: string | null
  calledBackAt: string | null
  confirmedAt: string | null
  worker: string | null
  doneAt: string | null
  followedUpAt: string | null
  satisfied: number | null
  cancelledAt: string | null
  cancelReason: string | null
}

/** A booking with its steps (facts) side by side: one LEFT JOIN per step, each at most once. */
export const HOME_SERVICE_SELECT = `SELECT h.id, h.serial, h.unit_id AS unitId, b.code, u.entrance, u.room, h.contact, h.phone,
  h.service_code AS serviceCode, h.service_name AS serviceName, h.quantity, h.per, h.price_fen AS priceFen, h.wanted_at AS wantedAt,
  h.booked_at AS bookedAt, st.name AS bookedByName, h.note,
  cb.at AS calledBackAt, cb.confirmed_at AS confirmedAt, cb.worker, dn.at AS doneAt, fu.at AS followedUpAt, fu.satisfied,
  cx.at AS cancelledAt, cx.note AS cancelReason
  FROM home_services h JOIN units u ON u.id = h.unit_id JOIN buildings b ON b.id = u.building_id JOIN staff st ON st.id = h.staff_id
  LEFT JOIN home_service_steps cb ON cb.home_service_id = h.id AND cb.step = 'callBack'
  LEFT JOIN home_service_steps dn ON dn.home_service_id = h.id AND dn.step = 'done'
  LEFT JOIN home_service_steps fu ON fu.home_service_id = h.id AND fu.step = 'followUp'
  LEFT JOIN home_service_steps cx ON cx.home_service_id = h.id AND cx.step = 'cancel'`

export async function homeServiceRows(r: Reader, tz: string, now: Date, where = '1=1', params: unknown[] = [], limit = 500): Promise<HomeServiceRow[]> {
  const rows = await r.all<Raw>(`${HOME_SERVICE_SELECT} WHERE h.deleted_at IS NULL AND ${where} ORDER BY h.booked_at DESC, h.id DESC LIMIT ${Math.trunc(limit)}`, params)
  return rows.map(({ code, entrance, room, satisfied, ...x }) => ({
    ...x,
    unitLabel: unitLabel(code, entrance, room),
    satisfied: satisfied === null ? null : !!satisfied,
    status: homeServiceStatus(x),
    ...homeServiceClocks(x, tz, now),
  }))
}

export async function homeServiceRow(r: Reader, tz: string, now: Date, id: string): Promise<HomeServiceRow | undefined> {
  return (await homeServiceRows(r, tz, now, 'h.id = ?', [id], 1))[0]
}
