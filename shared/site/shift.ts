import type { ShiftPattern } from './schema'

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** True when the local wall-clock time `hhmm` falls inside the pattern (crossing midnight allowed). */
export function inShift(p: ShiftPattern, hhmm: string): boolean {
  const t = minutes(hhmm)
  const s = minutes(p.start)
  const e = minutes(p.end)
  if (s === e) return true // a 24-hour pattern
  return s < e ? t >= s && t < e : t >= s || t < e
}

/** The shifts running at local time `hhmm`, in the site's order. */
export function currentShifts(patterns: ShiftPattern[], hhmm: string): ShiftPattern[] {
  return patterns.filter((p) => inShift(p, hhmm))
}
