import type { HomeServiceKpiRow } from '../../../shared/homeService/schema'
import { callBackDueAt, calledBackInTime } from '../../../shared/homeService/rules'
import { unitLabel } from '../../../shared/registry/schema'
import { localDayRange } from '../../../shared/time/zone'
import type { Reader } from '../db/connection'
import { SHIFT_OF_SOURCE } from '../reception/siteZone'

/**
 * Pure data for a KPI page (家居服务2小时回访率): the bookings taken in a period of local dates
 * (inclusive, site time zone), each with when it was booked, when it was called back, when that was
 * due and whether it was within the 2 hours. Cancelled bookings are listed and marked, so the page
 * decides whether they count. Reads only; no clock of the PC is involved.
 */
export async function homeServiceKpiRows(r: Reader, from: string, to: string, tz: string): Promise<HomeServiceKpiRow[]> {
  const range = localDayRange(from, to, tz)
  const rows = await r.all<{ id: string; serial: string; serviceName: string; code: string; entrance: string; room: string; bookedAt: string; calledBackAt: string | null; cancelledAt: string | null; shift: string | null }>(
    `SELECT x.id, x.serial, x.service_name AS serviceName, b.code, u.entrance, u.room, x.booked_at AS bookedAt,
       cb.at AS calledBackAt, cx.at AS cancelledAt, ${SHIFT_OF_SOURCE} AS shift
     FROM home_services x JOIN units u ON u.id = x.unit_id JOIN buildings b ON b.id = u.building_id
     LEFT JOIN home_service_steps cb ON cb.home_service_id = x.id AND cb.step = 'callBack'
     LEFT JOIN home_service_steps cx ON cx.home_service_id = x.id AND cx.step = 'cancel'
     WHERE x.deleted_at IS NULL AND x.booked_at >= ? AND x.booked_at < ? ORDER BY x.booked_at, x.id`,
    ['homeService', range.from, range.to],
  )
  return rows.map((x) => ({
    id: x.id,
    label: `${x.serial} ${unitLabel(x.code, x.entrance, x.room)} ${x.serviceName}`,
    shift: x.shift ?? '',
    bookedAt: x.bookedAt,
    calledBackAt: x.calledBackAt,
    dueAt: callBackDueAt(x.bookedAt),
    withinTwoHours: calledBackInTime(x.bookedAt, x.calledBackAt),
    cancelled: !!x.cancelledAt,
  }))
}
