/** Mainland mobile (11 digits, 1[3-9]…) or landline with area code (0xx-xxxxxxx[x]), optional extension. */
export const MOBILE_RE = /^1[3-9]\d{9}$/
export const LANDLINE_RE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/

export function normalizePhone(raw: string): string {
  return raw.replace(/[\s()（）]/g, '').replace(/^\+?86-?(?=1)/, '')
}

export function isPhone(raw: string): boolean {
  const p = normalizePhone(raw)
  return MOBILE_RE.test(p) || LANDLINE_RE.test(p)
}
