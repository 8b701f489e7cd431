import { addDays, isDay } from '../time/calendar'

/**
 * How people write buildings, entrances, rooms and dates, turned into one form. Pure functions used
 * by the import, the unit form and the type-ahead, so "3栋", "3号楼" and "3#" are one building and
 * "0301" and "301" one room everywhere.
 */

/** Full-width digits, letters and punctuation (３-２-１５０２) → ASCII; the ideographic space → space. */
export function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 … 九十九 → 1 … 99 (entrances and buildings are written 二单元, 十二栋); other text unchanged. */
function chineseNumber(s: string): string {
  if (!/^[零〇一二两三四五六七八九十]+$/.test(s)) return s
  if (!s.includes('十')) return [...s].map((c) => CN_DIGIT[c]).join('')
  const [tens, ones] = s.split('十')
  if (s.split('十').length > 2) return s
  return String((tens ? (CN_DIGIT[tens] ?? NaN) : 1) * 10 + (ones ? (CN_DIGIT[ones] ?? NaN) : 0))
}

/** Words people put around the number: 第3栋, 3号楼, 3#, 2单元, 301室, 301房. */
const LEADING = /^第/
const TRAILING = /(#楼|号楼|栋楼|栋|幢|座|楼|单元|号房|室|房|号|#)$/

/**
 * One part of an address as a key: ASCII, upper case, no spaces, no 栋/单元/室 words, no leading
 * zeros ("0301" → "301", "00" → "0"). The migration 0011 backfill mirrors this for stored values.
 */
export function normPart(raw: string): string {
  let s = halfWidth(String(raw ?? '')).replace(/\s+/g, '').toUpperCase().replace(LEADING, '')
  s = s.replace(TRAILING, '')
  s = chineseNumber(s)
  return s.replace(/^0+(?=.)/, '')
}

export const normBuilding = normPart
export const normEntrance = normPart
export const normRoom = normPart

/** The unit's one key, unique among live units: "3-2-1502"; "" entrance → "3--1502". */
export function roomKey(building: string, entrance: string, room: string): string {
  return `${normBuilding(building)}-${normEntrance(entrance)}-${normRoom(room)}`
}

/** The room reversed, so a room tail ("02") is an indexed prefix. */
export const reversed = (s: string) => [...s].reverse().join('')

export interface RoomQuery {
  building?: string
  entrance?: string
  /** Normalised room (leading zeros dropped). */
  room: string
  /** The room digits as typed (a tail "02" keeps its zero). */
  typed: string
}

/**
 * Type-ahead input that looks like a room: "03-02-1502", "3 2 1502", "３-２-１５０２", "3栋2单元1502",
 * "3#2-1502", "3-1502" (building and room), "1502" or "02" (a room tail across buildings).
 * Letters alone ("zw") and Chinese names are not rooms: null.
 */
export function parseRoomQuery(q: string): RoomQuery | null {
  const s = halfWidth(q)
    .toUpperCase()
    .trim()
    .replace(/^第/, '')
    .replace(/(#楼|号楼|栋|幢|座|#)/g, '-')
    .replace(/单元/g, '-')
    .replace(/(室|房|号)$/, '')
  const parts = s.split(/[\s\-_./\\、,，—–]+/).filter(Boolean)
  if (!parts.length || parts.length > 3 || !parts.every((p) => /^[A-Z0-9]+$/.test(p))) return null
  const last = parts[parts.length - 1]
  if (!/\d/.test(last)) return null
  if (parts.length === 1) {
    if (!/^\d+$/.test(last)) return null
    return { room: normRoom(last), typed: last }
  }
  if (parts.length === 2) return { building: normBuilding(parts[0]), room: normRoom(last), typed: last }
  return { building: normBuilding(parts[0]), entrance: normEntrance(parts[1]), room: normRoom(last), typed: last }
}

const pad = (n: number) => String(n).padStart(2, '0')

function isoIfReal(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null
  const iso = `${y}-${pad(m)}-${pad(d)}`
  return isDay(iso) ? iso : null // not 2月30日
}

/**
 * A date as sites write it → "YYYY-MM-DD", or null when it cannot be read:
 * 2019-05-01, 2019/5/1, 2019.5.1, 2020年3月8日, 20190501, a time after it (Excel's "2019/5/1 0:00"),
 * and Excel date serials (43586 = 2019-05-01; days since 1899-12-30).
 */
export function parseDate(raw: string): string | null {
  const s = halfWidth(raw).trim().replace(/\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/, '').replace(/T.*$/, '')
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s)
  if (m) return isoIfReal(+m[1], +m[2], +m[3])
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  if (m) return isoIfReal(+m[1], +m[2], +m[3])
  m = /^(\d{5})(\.\d+)?$/.exec(s)
  if (m) {
    const serial = +m[1]
    if (serial > 73050) return null // beyond 2099
    const iso = addDays('1899-12-30', serial)
    return isoIfReal(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)))
  }
  return null
}
