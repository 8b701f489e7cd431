import { normalizeSerial, toAscii } from './serial'
import type { PermitRecord } from './schema/record'

/**
 * Check codes and QR payloads (serial numbers are in serial.ts). Pure: shared/ imports no node:*, so the HMAC is injected
 * (the core passes `(s, t) => createHmac('sha256', s).update(t, 'utf8').digest('hex')`); the per-site
 * secret stays in the core.
 */

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

/**
 * The code printed on paper generation `generation` (0: the first print, n: 补打第n次). Each re-print
 * has its own code, so the QR of an earlier paper can be told apart — and a generation number edited
 * into an old QR no longer matches. Generation 0 keeps the code of the key fields alone (papers printed
 * before generations existed still verify).
 */
export function printCode(hmac: HmacFn, secret: string, keyFields: readonly string[], generation: number): string {
  if (!Number.isInteger(generation) || generation < 0) throw new Error(`打印次序不正确: ${generation}`)
  return checkCode(hmac, secret, generation === 0 ? keyFields : [...keyFields, `补打${generation}`])
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

/** Highest paper generation a QR may name (a document re-printed more often is not a real case). */
export const MAX_GENERATION = 999

/**
 * "WYQT:DH-2026-0001:ABCD2345EF" (first print) or "WYQT:DH-2026-0001:ABCD2345EF:2" (补打第2次) —
 * printable ASCII only.
 */
export function qrPayload(serial: string, code: string, generation = 0): string {
  const s = normalizeSerial(serial)
  if (!s) throw new Error(`编号不正确: ${JSON.stringify(serial)}`)
  const c = normalizeCode(code)
  if (!new RegExp(`^[${B32}]{${CHECK_CODE_LENGTH}}$`).test(c)) throw new Error(`校验码不正确: ${JSON.stringify(code)}`)
  if (!Number.isInteger(generation) || generation < 0 || generation > MAX_GENERATION) throw new Error(`打印次序不正确: ${generation}`)
  return generation ? `${QR_PREFIX}:${s}:${c}:${generation}` : `${QR_PREFIX}:${s}:${c}`
}

export interface ScannedText {
  serial: string
  /** Null: a serial typed by hand, nothing to check. */
  code: string | null
  /** The paper generation the QR names (0 without one); null when typed by hand. */
  generation: number | null
}

/**
 * What was scanned or typed: our QR payload → serial, code and paper generation; a bare serial typed
 * by hand → serial, code null (nothing to check it against). Anything else → null.
 */
export function parseQrPayload(text: string): ScannedText | null {
  const s = toAscii(text)
  const m = new RegExp(`^${QR_PREFIX}\\s*:\\s*([^:]+?)\\s*:\\s*([^:]+?)(?:\\s*:\\s*(\\d{1,3}))?\\s*$`, 'i').exec(s)
  if (m) {
    const serial = normalizeSerial(m[1])
    const code = normalizeCode(m[2])
    if (!serial || code.length !== CHECK_CODE_LENGTH || ![...code].every((c) => B32.includes(c))) return null
    return { serial, code, generation: m[3] ? Number(m[3]) : 0 }
  }
  const serial = normalizeSerial(s)
  return serial ? { serial, code: null, generation: null } : null
}
