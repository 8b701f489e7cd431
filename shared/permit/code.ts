import { kindOfPrefix, type PermitKind } from './kinds'
import type { PermitRecord } from './schema/record'

/**
 * Serial numbers, check codes and QR payloads. Pure: shared/ imports no node:*, so the HMAC is injected
 * (the core passes `(s, t) => createHmac('sha256', s).update(t, 'utf8').digest('hex')`); the per-site
 * secret stays in the core.
 */

// ───────────────────────────── serials ─────────────────────────────

/** "DH-2026-0001": prefix, year, number padded to 4 digits (a 10000th keeps all its digits). */
export function formatSerial(prefix: string, year: number, n: number): string {
  if (!/^[A-Z]{2}$/.test(prefix)) throw new Error(`编号前缀应为两个大写字母: ${JSON.stringify(prefix)}`)
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`编号年份不正确: ${year}`)
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new Error(`编号序号应为1–999999的整数: ${n}`)
  return `${prefix}-${year}-${String(n).padStart(4, '0')}`
}

export interface SerialParts {
  prefix: string
  year: number
  n: number
  kind: PermitKind
}

/** Reads a serial as typed by hand: case-insensitive, spaces, full-width characters and missing dashes tolerated. */
export function parseSerial(raw: string): SerialParts | null {
  const s = toAscii(raw).toUpperCase().replace(/[\s]+/g, '')
  const m = /^([A-Z]{2})-?(\d{4})-?(\d{1,6})$/.exec(s)
  if (!m) return null
  const kind = kindOfPrefix(m[1])
  const n = Number(m[3])
  if (!kind || n < 1) return null
  return { prefix: m[1], year: Number(m[2]), n, kind }
}

/** The canonical form of a typed serial, or null. */
export function normalizeSerial(raw: string): string | null {
  const p = parseSerial(raw)
  return p ? formatSerial(p.prefix, p.year, p.n) : null
}

/** Full-width ASCII (Chinese IME) → ASCII; ideographic space → space; dashes of all widths → '-'. */
function toAscii(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim()
}

// ───────────────────────────── check codes ─────────────────────────────

/** HMAC-SHA256 of `text` (UTF-8) under `secret`, as hex. Injected: shared/ has no crypto of its own. */
export type HmacFn = (secret: string, text: string) => string

/** Crockford base32: no I, L, O, U, so a code read aloud or typed is not misread. */
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const CHECK_CODE_LENGTH = 10

function hexToBase32(hex: string, length: number): string {
  let bits = ''
  for (const h of hex) bits += parseInt(h, 16).toString(2).padStart(4, '0')
  let out = ''
  for (let i = 0; i < length; i++) out += B32[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]
  return out
}

/**
 * The key fields of a document as printed, in a fixed order: serial, kind, unit, holder (name and ID
 * number where the document names a person), and the validity first issued — a renovation extended
 * later keeps its original end (`extendedFrom`), so the permit on the door still verifies.
 */
export function checkCodeFields(record: PermitRecord): string[] {
  const holder = holderOf(record)
  return [
    record.serial ?? '',
    record.kind,
    record.unitLabel,
    holder.name,
    holder.idNumber ?? '',
    record.validFrom,
    record.kind === 'renovation' && record.extendedFrom ? record.extendedFrom : record.validUntil,
  ]
}

/** The person a document is for: the worker, the welder, the carrier; else the applicant. */
export function holderOf(record: PermitRecord): { name: string; idNumber?: string } {
  switch (record.kind) {
    case 'workerPass':
      return { name: record.fields.workerName, idNumber: record.fields.workerIdNumber }
    case 'hotWork':
      return { name: record.fields.welderName, idNumber: record.fields.welderIdNumber }
    case 'releaseSlip':
      return { name: record.fields.carrierName, idNumber: record.fields.carrierIdNumber }
    case 'renovation':
      return { name: record.fields.leadName, idNumber: record.fields.leadIdNumber }
    default:
      return { name: record.applicant.name, idNumber: record.applicant.idNumber }
  }
}

/** 10 Crockford base32 characters (50 bits) of HMAC-SHA256(secret, JSON of the key fields). */
export function checkCode(hmac: HmacFn, secret: string, keyFields: readonly string[]): string {
  if (!secret) throw new Error('校验密钥不能为空')
  const hex = hmac(secret, JSON.stringify(keyFields))
  if (!/^[0-9a-fA-F]{13,}$/.test(hex)) throw new Error('HMAC 函数应返回十六进制摘要')
  return hexToBase32(hex, CHECK_CODE_LENGTH)
}

/** Typed codes: case-insensitive, spaces and dashes ignored, O→0 and I/L→1 as Crockford reads them. */
export function normalizeCode(raw: string): string {
  return toAscii(raw).toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
}

export function verifyCode(hmac: HmacFn, secret: string, keyFields: readonly string[], code: string): boolean {
  const expected = checkCode(hmac, secret, keyFields)
  const got = normalizeCode(code)
  if (got.length !== expected.length) return false
  let diff = 0
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ got.charCodeAt(i)
  return diff === 0
}

// ───────────────────────────── QR ─────────────────────────────

/** Marks our QR codes (物业前台 → WYQT) so the scanner can tell them from a URL or a parcel code. */
export const QR_PREFIX = 'WYQT'

/** "WYQT:DH-2026-0001:ABCD2345EF" — printable ASCII only. */
export function qrPayload(serial: string, code: string): string {
  const s = normalizeSerial(serial)
  if (!s) throw new Error(`编号不正确: ${JSON.stringify(serial)}`)
  const c = normalizeCode(code)
  if (!new RegExp(`^[${B32}]{${CHECK_CODE_LENGTH}}$`).test(c)) throw new Error(`校验码不正确: ${JSON.stringify(code)}`)
  return `${QR_PREFIX}:${s}:${c}`
}

/**
 * What was scanned or typed: our QR payload → serial and code; a bare serial typed by hand → serial,
 * code null (nothing to check it against). Anything else → null.
 */
export function parseQrPayload(text: string): { serial: string; code: string | null } | null {
  const s = toAscii(text)
  const m = new RegExp(`^${QR_PREFIX}\\s*:\\s*([^:]+?)\\s*:\\s*([^:]+)$`, 'i').exec(s)
  if (m) {
    const serial = normalizeSerial(m[1])
    const code = normalizeCode(m[2])
    if (!serial || code.length !== CHECK_CODE_LENGTH || ![...code].every((c) => B32.includes(c))) return null
    return { serial, code }
  }
  const serial = normalizeSerial(s)
  return serial ? { serial, code: null } : null
}
