import { kindOfPrefix, type PermitKind } from './kinds'

/**
 * Serial numbers (DH-2026-0001) as printed and as typed by hand. A leaf module: the field schemas
 * normalise a typed serial with it, and they must not reach the check codes (code.ts), which read a
 * whole PermitRecord.
 */

// ───────────────────────────── serials ─────────────────────────────

/**
 * The letters that mark a terminal's own series (DH-2026-B0001): with LAN sync each terminal issues
 * from its own series, so two terminals cut off from each other never print the same number. The first
 * terminal has no letter (it keeps the series already printed); I and O are left out (read as 1 and 0).
 */
export const SERIES_MARKS = 'BCDEFGHJKLMNPQRSTUVWXYZ'

/** "DH-2026-0001" (or "DH-2026-B0001" from a terminal with a mark): number padded to 4 digits (a 10000th keeps all its digits). */
export function formatSerial(prefix: string, year: number, n: number, mark = ''): string {
  if (!/^[A-Z]{2}$/.test(prefix)) throw new Error(`编号前缀应为两个大写字母: ${JSON.stringify(prefix)}`)
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`编号年份不正确: ${year}`)
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new Error(`编号序号应为1–999999的整数: ${n}`)
  if (mark && !(mark.length === 1 && SERIES_MARKS.includes(mark))) throw new Error(`终端序列字母不正确: ${JSON.stringify(mark)}`)
  return `${prefix}-${year}-${mark}${String(n).padStart(4, '0')}`
}

export interface SerialParts {
  prefix: string
  year: number
  n: number
  /** The issuing terminal's series letter ('' for the first terminal). */
  mark: string
  kind: PermitKind
}

/** Reads a serial as typed by hand: case-insensitive, spaces, full-width characters and missing dashes tolerated. */
export function parseSerial(raw: string): SerialParts | null {
  const s = toAscii(raw).toUpperCase().replace(/[\s]+/g, '')
  const m = /^([A-Z]{2})-?(\d{4})-?([A-Z]?)(\d{1,6})$/.exec(s)
  if (!m) return null
  const kind = kindOfPrefix(m[1])
  const n = Number(m[4])
  if (!kind || n < 1 || (m[3] && !SERIES_MARKS.includes(m[3]))) return null
  return { prefix: m[1], year: Number(m[2]), n, mark: m[3], kind }
}

/** The canonical form of a typed serial, or null. */
export function normalizeSerial(raw: string): string | null {
  const p = parseSerial(raw)
  return p ? formatSerial(p.prefix, p.year, p.n, p.mark) : null
}

/** Full-width ASCII (Chinese IME) → ASCII; ideographic space → space; dashes of all widths → '-'. */
export function toAscii(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim()
}
