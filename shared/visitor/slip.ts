import { CHECK_CODE_LENGTH, checkCode, normalizeCode, QR_PREFIX, type HmacFn } from '../permit/code'
import { SERIES_MARKS, toAscii } from '../permit/serial'
import { VISITOR_SLIP_PREFIX } from './schema'

/**
 * The visitor slip's QR, in the same shape as the permits' ("WYQT:FK-2026-0001:ABCD2345EF"), so the
 * gate's one verify screen reads both: the FK prefix tells a visitor slip from a permit. The check code
 * is the HMAC of the slip's key fields under the site's secret (injected; the secret stays in the core),
 * and the day is one of them: a slip is good for the local day it was issued, never another.
 */
export interface SlipKeyFields {
  serial: string
  unitLabel: string
  visitorName: string
  /** Local day of the sign-in (the site's time zone). */
  day: string
}

export const slipCodeFields = (s: SlipKeyFields) => [s.serial, 'visitor', s.unitLabel, s.visitorName, s.day]

export const slipCode = (hmac: HmacFn, secret: string, s: SlipKeyFields) => checkCode(hmac, secret, slipCodeFields(s))

/** "FK-2026-0001" as typed: case, spaces, full-width characters and missing dashes tolerated. */
export function normalizeSlipSerial(raw: string): string | null {
  const m = new RegExp(`^(${VISITOR_SLIP_PREFIX})-?(\\d{4})-?([A-Z]?)(\\d{1,6})$`).exec(toAscii(raw).toUpperCase().replace(/\s+/g, ''))
  if (!m || Number(m[4]) < 1 || (m[3] && !SERIES_MARKS.includes(m[3]))) return null
  return `${m[1]}-${m[2]}-${m[3]}${String(Number(m[4])).padStart(4, '0')}`
}

/** Crockford base32, as the permits' codes. */
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function slipPayload(serial: string, code: string): string {
  return `${QR_PREFIX}:${serial}:${code}`
}

/**
 * A scanned slip QR → serial + code; a slip serial typed by hand → serial, code null; anything that is
 * not a visitor slip → null (the permit reader then has its turn). A QR with our prefix and a visitor
 * serial but a malformed code is still a slip — a damaged or forged one, answered as such.
 */
export function parseSlipText(text: string): { serial: string; code: string | null; malformed: boolean } | null {
  const s = toAscii(text)
  const m = new RegExp(`^${QR_PREFIX}\\s*:\\s*([^:]+?)\\s*:(.*)$`, 'i').exec(s)
  if (m) {
    const serial = normalizeSlipSerial(m[1])
    if (!serial) return null
    const code = normalizeCode(m[2])
    const good = code.length === CHECK_CODE_LENGTH && [...code].every((c) => B32.includes(c))
    return { serial, code, malformed: !good }
  }
  const serial = normalizeSlipSerial(s)
  return serial ? { serial, code: null, malformed: false } : null
}
