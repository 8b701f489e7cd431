/**
 * Chinese car plates (机动车号牌, GA 36): a province character, the issuing office's letter, then 5
 * characters (blue/yellow plates) or 6 (green new-energy plates); letters I and O are never used.
 * Special endings (挂 trailer, 学 driving school, 警 police, 港/澳 cross-border) take the last place.
 * Typed as people type them: lower case, spaces, a middle dot or a dash (粤B·12345) are tolerated.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'
const L = 'A-HJ-NP-Z'
export const PLATE_RE = new RegExp(`^[${PROVINCES}][${L}](?:[${L}0-9]{4}[${L}0-9挂学警港澳]|[${L}0-9]{6})$`)

/** Full-width letters/digits → ASCII, upper case, separators dropped. */
export function normalizePlate(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
    .replace(/[\s·•.\-_]/g, '')
}

export function isPlate(raw: string): boolean {
  return PLATE_RE.test(normalizePlate(raw))
}
