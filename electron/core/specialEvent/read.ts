import { SPECIAL_EVENT_READERS, type SpecialEventReader, type SpecialEventRow } from '../../../shared/specialEvent/schema'
import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'

interface Raw {
  id: string
  serial: string
  title: string
  place: string
  unitId: string | null
  code: string | null
  entrance: string | null
  room: string | null
  occurredAt: string
  whatHappened: string
  toldWhom: string
  actions: string
  reportedAt: string
  reportedByName: string
}

const SELECT = `SELECT e.id, e.serial, e.title, e.place, e.unit_id AS unitId, b.code, u.entrance, u.room, e.occurred_at AS occurredAt,
  e.what_happened AS whatHappened, e.told_whom AS toldWhom, e.actions, e.created_at AS reportedAt, st.name AS reportedByName
  FROM special_events e LEFT JOIN units u ON u.id = e.unit_id LEFT JOIN buildings b ON b.id = u.building_id JOIN staff st ON st.id = e.staff_id`

/** Reports waiting for a role's reading: none of that role has read them yet. */
export const waitingForRole = (role: SpecialEventReader) => `NOT EXISTS (SELECT 1 FROM special_event_reads x WHERE x.event_id = e.id AND x.role = '${role === 'director' ? 'director' : 'supervisor'}')`

export async function specialEventRows(r: Reader, where = '1=1', params: unknown[] = [], limit = 200): Promise<SpecialEventRow[]> {
  const rows = await r.all<Raw>(`${SELECT} WHERE e.deleted_at IS NULL AND ${where} ORDER BY e.created_at DESC, e.id DESC LIMIT ${Math.trunc(limit)}`, params)
  if (!rows.length) return []
  const reads = await r.all<{ eventId: string; role: SpecialEventReader; staffName: string; at: string; remark: string | null }>(
    `SELECT x.event_id AS eventId, x.role, st.name AS staffName, x.created_at AS at, x.remark FROM special_event_reads x JOIN staff st ON st.id = x.staff_id
     WHERE x.event_id IN (${rows.map(() => '?').join(',')}) ORDER BY x.created_at, x.id`,
    rows.map((x) => x.id),
  )
  return rows.map(({ code, entrance, room, ...x }) => {
    const mine = reads.filter((q) => q.eventId === x.id).map(({ eventId: _e, ...q }) => q)
    return {
      ...x,
      unitLabel: code !== null ? unitLabel(code, entrance!, room!) : null,
      reads: mine,
      waitingFor: SPECIAL_EVENT_READERS.filter((role) => !mine.some((q) => q.role === role)),
    }
  })
}

export async function specialEventRow(r: Reader, id: string): Promise<SpecialEventRow | undefined> {
  return (await specialEventRows(r, 'e.id = ?', [id], 1))[0]
}
