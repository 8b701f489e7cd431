import { maskPhone } from '../../../shared/mask'
import { rankByCommonness } from '../../../shared/registry/commonNames'
import { halfWidth, parseRoomQuery, reversed, type RoomQuery } from '../../../shared/registry/normalize'
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

/*
 * Every query kind finds ids with an indexed range (EXPLAIN QUERY PLAN is checked in
 * tests/integration/registry-search.test.ts), then reads the few rows it shows by id. Nothing scans
 * the residents: the 20,000-resident bench holds every kind under 5 ms at p95.
 */

async function unitsById(r: Reader, ids: string[]): Promise<UnitHit[]> {
  if (!ids.length) return []
  const rows = await r.all<UnitHit>(
    `SELECT u.id, b.code AS buildingCode, u.entrance, u.room,
       (SELECT group_concat(name, '、') FROM (SELECT name FROM residents x WHERE x.unit_id = u.id AND x.deleted_at IS NULL LIMIT 3)) AS residents
       FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id IN (${ids.map(() => '?').join(',')})`,
    ids,
  )
  const byId = new Map(rows.map((x) => [x.id, x]))
  return ids.map((id) => byId.get(id)!).filter(Boolean)
}

async function residentsById(r: Reader, ids: string[]): Promise<ResidentHit[]> {
  if (!ids.length) return []
  const rows = await r.all<ResidentHit>(
    `SELECT r.id, r.unit_id AS unitId, r.name, r.kind, r.phone, b.code AS buildingCode, u.entrance, u.room
       FROM residents r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id WHERE r.id IN (${ids.map(() => '?').join(',')})`,
    ids,
  )
  const byId = new Map(rows.map((x) => [x.id, x]))
  return ids.map((id) => byId.get(id)!).filter(Boolean)
}

const ids = async (r: Reader, sql: string, params: unknown[]) => (await r.all<{ id: string }>(sql, params)).map((x) => x.id)
const without = (xs: string[], seen: Set<string>) => xs.filter((x) => !seen.has(x) && (seen.add(x), true))

/** Rooms, ranked: the exact room first, then the rest of what the input can mean. */
async function roomIds(r: Reader, q: RoomQuery, limit: number): Promise<{ exact: string[]; more: string[] }> {
  const live = 'deleted_at IS NULL'
  const seen = new Set<string>()
  if (q.building !== undefined && q.entrance !== undefined) {
    const key = `${q.building}-${q.entrance}-${q.room}`
    const exact = without(await ids(r, `SELECT id FROM units WHERE room_key = ? AND ${live}`, [key]), seen)
    // Typing on ("3-2-15" while the room is 1502): keys that start with what was typed.
    const more = without(await ids(r, `SELECT id FROM units WHERE room_key > ? AND room_key < ? AND ${live} ORDER BY room_key LIMIT ?`, [key, upper(key), limit]), seen)
    return { exact, more }
  }
  if (q.building !== undefined) {
    const b = `${q.building}-`
    // "3-1502": room 1502 of building 3, any entrance.
    const exact = without(await ids(r, `SELECT id FROM units WHERE room_rev = ? AND room_key >= ? AND room_key < ? AND ${live} ORDER BY room_key LIMIT ?`, [reversed(q.room), b, upper(b), limit]), seen)
    // "3-2" may be building 3, entrance 2 (typing on), or a room of building 3 starting with 2.
    const entranceKey = `${q.building}-${q.room}-`
    const more = without(await ids(r, `SELECT id FROM units WHERE room_key >= ? AND room_key < ? AND ${live} ORDER BY room_key LIMIT ?`, [entranceKey, upper(entranceKey), limit]), seen)
    if (more.length < limit) {
      more.push(
        ...without(
          await ids(r, `SELECT id FROM units WHERE room_key >= ? AND room_key < ? AND room_key LIKE ? AND ${live} ORDER BY room_key LIMIT ?`, [b, upper(b), `${b}%-${q.room}%`, limit]),
          seen,
        ),
      )
    }
    return { exact, more }
  }
  // A room alone ("1502", "0301", "02"): that room in every building, then rooms ending with it.
  const exact = without(await ids(r, `SELECT id FROM units WHERE room_rev = ? AND ${live} ORDER BY room_key LIMIT ?`, [reversed(q.room), limit]), seen)
  const tail = reversed(q.typed)
  const more = without(
    await ids(r, `SELECT id FROM units WHERE room_rev >= ? AND room_rev < ? AND ${live} ORDER BY length(room_rev), room_key LIMIT ?`, [tail, upper(tail), limit + exact.length]),
    seen,
  )
  return { exact, more }
}

/** Phone digits: the last four (indexed tail), more digits from the start or from the end. */
async function phoneIds(r: Reader, digits: string, limit: number): Promise<string[]> {
  const live = 'deleted_at IS NULL'
  if (digits.length < 4 || digits.length > 12) return []
  if (digits.length === 4) return ids(r, `SELECT id FROM residents WHERE phone_tail = ? AND ${live} LIMIT ?`, [digits, limit])
  const seen = new Set<string>()
  const start = without(await ids(r, `SELECT id FROM residents WHERE phone >= ? AND phone < ? AND ${live} ORDER BY phone LIMIT ?`, [digits, upper(digits), limit]), seen)
  const end = without(await ids(r, `SELECT id FROM residents WHERE phone_tail = ? AND phone LIKE ? AND ${live} LIMIT ?`, [digits.slice(-4), `%${digits}`, limit]), seen)
  return [...start, ...end]
}

/** Pinyin initials: exact initials first, common names first among them (张伟 for "zw"), then longer ones. */
async function initialsIds(r: Reader, letters: string, limit: number): Promise<string[]> {
  const live = 'deleted_at IS NULL'
  const same = await r.all<{ id: string; name: string }>(`SELECT id, name FROM residents WHERE initials = ? AND ${live} LIMIT 5000`, [letters])
  const exact = rankByCommonness(same).slice(0, limit).map((p) => p.id)
  if (exact.length >= limit) return exact
  const longer = await ids(r, `SELECT id FROM residents WHERE initials > ? AND initials < ? AND ${live} ORDER BY initials LIMIT ?`, [letters, upper(letters), limit - exact.length])
  return [...exact, ...longer]
}

/** A name: the start of it (张, 张伟 — the exact name sorts first), then the middle of it (伟, 晓丽). */
async function nameIds(r: Reader, q: string, limit: number): Promise<string[]> {
  const seen = new Set<string>()
  const start = without(await ids(r, `SELECT id FROM residents WHERE name >= ? AND name < ? AND deleted_at IS NULL ORDER BY name LIMIT ?`, [q, upper(q), limit]), seen)
  if (start.length >= limit) return start
  const middle = await ids(
    r,
    `SELECT r.id FROM resident_name_parts p JOIN residents r ON r.id = p.resident_id
      WHERE p.part >= ? AND p.part < ? AND r.deleted_at IS NULL ORDER BY p.part LIMIT ?`,
    [q, upper(q), limit],
  )
  return [...start, ...without(middle, seen)].slice(0, limit)
}

/**
 * The shell's type-ahead: rooms in every written form ("03-02-1502", "3 2 1502", "３-２-１５０２",
 * "3栋2单元1502", "3-1502", a tail "1502" or "02"), names (start or middle), pinyin initials, phone
 * digits. The exact room comes first; a few places are kept for phone matches of the same digits.
 */
export async function search(r: Reader, rawQ: string, limit: number): Promise<SearchHit[]> {
  const q = halfWidth(rawQ).trim()
  if (!q) return []
  const room = parseRoomQuery(q)
  if (room) {
    const rooms = await roomIds(r, room, limit)
    const phones = room.building === undefined ? await phoneIds(r, room.typed, limit) : []
    // Shown in this order: the exact rooms, phones ending in the same digits (a few places kept for
    // them), then the other rooms the input can mean.
    const exact = rooms.exact.slice(0, limit - Math.min(phones.length, Math.floor(limit / 3)))
    const people = phones.slice(0, limit - exact.length)
    const more = rooms.more.slice(0, limit - exact.length - people.length)
    const [units, persons] = await Promise.all([unitsById(r, [...exact, ...more]), residentsById(r, people)])
    return [...units.slice(0, exact.length).map(unitHit), ...persons.map(residentHit), ...units.slice(exact.length).map(unitHit)]
  }
  let residentIds: string[]
  if (/^\d+$/.test(q)) residentIds = await phoneIds(r, q, limit)
  else if (/^[a-zA-Z]+$/.test(q)) residentIds = await initialsIds(r, q.toLowerCase(), limit)
  else residentIds = await nameIds(r, q.replace(/\s+/g, ''), limit)
  return (await residentsById(r, residentIds)).map(residentHit).slice(0, limit)
}

const unitHit = (u: UnitHit): SearchHit => ({
  kind: 'unit',
  id: u.id,
  unitId: u.id,
  title: unitLabel(u.buildingCode, u.entrance, u.room),
  subtitle: u.residents ?? '暂无住户',
})

const residentHit = (x: ResidentHit): SearchHit => ({
  kind: 'resident',
  id: x.id,
  unitId: x.unitId,
  title: `${x.name}(${RESIDENT_KIND_LABELS[x.kind]})`,
  subtitle: `${unitLabel(x.buildingCode, x.entrance, x.room)} · ${maskPhone(x.phone)}`,
})
