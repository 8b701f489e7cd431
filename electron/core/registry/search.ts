import { maskPhone } from '../../../shared/mask'
import type { ResidentKind, SearchHit } from '../../../shared/registry/schema'
import { RESIDENT_KIND_LABELS, unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'

/** Upper bound for an indexed prefix scan: col >= q AND col < q + U+FFFF. */
const upper = (q: string) => q + '\uffff'

interface UnitHit {
  id: string
  buildingCode: string
  entrance: string
  room: string
  residents: string | null
}
interface ResidentHit {
  id: string
  unitId: string
  name: string
  kind: ResidentKind
  phone: string
  buildingCode: string
  entrance: string
  room: string
}

const UNIT_HIT = `SELECT u.id, b.code AS buildingCode, u.entrance, u.room,
  (SELECT group_concat(name, '、') FROM (SELECT name FROM residents r WHERE r.unit_id = u.id AND r.deleted_at IS NULL LIMIT 3)) AS residents
  FROM units u JOIN buildings b ON b.id = u.building_id`
const RESIDENT_HIT = `SELECT r.id, r.unit_id AS unitId, r.name, r.kind, r.phone, b.code AS buildingCode, u.entrance, u.room
  FROM residents r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id`

/**
 * Room-like input: "3-2-1502", "3栋2单元1502", "3#2-1502" → "3-2-1502"; "3-1502" → building and room.
 * Returns null when the input is not room-like.
 */
export function parseRoom(q: string): { key?: string; building?: string; room?: string } | null {
  const s = q
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/(号楼|栋|幢|座|#)/g, '-')
    .replace(/单元/g, '-')
    .replace(/室$/, '')
    .replace(/-+/g, '-')
    .replace(/-$/, '')
  let m = /^([A-Z0-9]+)-([A-Z0-9]+)-([A-Z0-9]+)$/.exec(s)
  if (m) return { key: `${m[1]}-${m[2]}-${m[3]}` }
  m = /^([A-Z0-9]+)-([A-Z0-9]+)$/.exec(s)
  if (m) return { building: m[1], room: m[2] }
  return null
}

/**
 * The shell's type-ahead: room numbers, names (Chinese prefix or substring), pinyin initials, the
 * last 4 digits of a phone. Short queries are common (2-character names, 4-digit tails) and
 * trigram FTS matches nothing under 3 characters, so every path is an indexed prefix or a small scan.
 */
export async function search(r: Reader, rawQ: string, limit: number): Promise<SearchHit[]> {
  const q = rawQ.trim()
  if (!q) return []
  const unitHits: UnitHit[] = []
  const residentHits: ResidentHit[] = []
  const live = 'u.deleted_at IS NULL'
  const room = parseRoom(q)
  if (room?.key) {
    unitHits.push(...(await r.all<UnitHit>(`${UNIT_HIT} WHERE u.room_key >= ? AND u.room_key < ? AND ${live} ORDER BY u.room_key LIMIT ?`, [room.key, upper(room.key), limit])))
  } else if (room?.building) {
    unitHits.push(
      ...(await r.all<UnitHit>(`${UNIT_HIT} WHERE u.room = ? AND b.code = ? AND ${live} ORDER BY u.room_key LIMIT ?`, [room.room, room.building, limit])),
    )
    if (!unitHits.length) {
      const prefix = `${room.building}-${room.room}-`
      unitHits.push(...(await r.all<UnitHit>(`${UNIT_HIT} WHERE u.room_key >= ? AND u.room_key < ? AND ${live} ORDER BY u.room_key LIMIT ?`, [prefix, upper(prefix), limit])))
    }
  } else if (/^\d+$/.test(q)) {
    if (q.length <= 5) {
      unitHits.push(...(await r.all<UnitHit>(`${UNIT_HIT} WHERE u.room >= ? AND u.room < ? AND ${live} ORDER BY length(u.room), u.room_key LIMIT ?`, [q, upper(q), limit])))
    }
    if (q.length === 4) {
      residentHits.push(...(await r.all<ResidentHit>(`${RESIDENT_HIT} WHERE r.phone_tail = ? AND r.deleted_at IS NULL LIMIT ?`, [q, limit])))
    } else if (q.length >= 5) {
      residentHits.push(...(await r.all<ResidentHit>(`${RESIDENT_HIT} WHERE r.phone LIKE ? AND r.deleted_at IS NULL LIMIT ?`, [`%${q}%`, limit])))
    }
  } else if (/^[a-zA-Z]+$/.test(q)) {
    const lq = q.toLowerCase()
    residentHits.push(
      ...(await r.all<ResidentHit>(`${RESIDENT_HIT} WHERE r.initials >= ? AND r.initials < ? AND r.deleted_at IS NULL ORDER BY length(r.initials), r.initials LIMIT ?`, [lq, upper(lq), limit])),
    )
  } else {
    residentHits.push(...(await r.all<ResidentHit>(`${RESIDENT_HIT} WHERE r.name >= ? AND r.name < ? AND r.deleted_at IS NULL ORDER BY length(r.name), r.name LIMIT ?`, [q, upper(q), limit])))
    if (residentHits.length < limit) {
      const more = await r.all<ResidentHit>(
        `${RESIDENT_HIT} WHERE r.name LIKE ? AND NOT (r.name >= ? AND r.name < ?) AND r.deleted_at IS NULL LIMIT ?`,
        [`%${q.replace(/[%_]/g, '')}%`, q, upper(q), limit - residentHits.length],
      )
      residentHits.push(...more)
    }
  }
  const hits: SearchHit[] = [
    ...unitHits.map((u) => ({
      kind: 'unit' as const,
      id: u.id,
      unitId: u.id,
      title: unitLabel(u.buildingCode, u.entrance, u.room),
      subtitle: u.residents ?? '暂无住户',
    })),
    ...residentHits.map((x) => ({
      kind: 'resident' as const,
      id: x.id,
      unitId: x.unitId,
      title: `${x.name}(${RESIDENT_KIND_LABELS[x.kind]})`,
      subtitle: `${unitLabel(x.buildingCode, x.entrance, x.room)} · ${maskPhone(x.phone)}`,
    })),
  ]
  return hits.slice(0, limit)
}
