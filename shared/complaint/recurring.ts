/**
 * Recurring causes (重复投诉): complaints about the same unit, or of the same category, that come
 * back within N days of each other (N: the site's setting). Seed 004 asks the desk to "find the
 * source of complaints" — a repeat is the first sign of one. Pure, so the screen, the print and the
 * tests use the very same rule.
 */
export interface RecurringItem {
  id: string
  serial: string
  /** UTC ISO instant the complaint was received. */
  receivedAt: string
  unitId: string | null
  unitLabel: string | null
  category: string
}

export interface RecurringGroup {
  by: 'unit' | 'category'
  /** The unit's label or the category's name. */
  label: string
  count: number
  serials: string[]
  first: string
  last: string
}

const DAY_MS = 86_400_000

/**
 * Groups by unit and by category; within a group, complaints in time order form a run while each
 * follows the previous one within `days` days (exactly N days counts as within). Runs of two or more
 * are listed, most complaints first, then the most recent.
 */
export function recurringCauses(items: readonly RecurringItem[], days: number): RecurringGroup[] {
  const window = days * DAY_MS
  const out: RecurringGroup[] = []
  const keyed: Array<['unit' | 'category', (i: RecurringItem) => [string, string] | null]> = [
    ['unit', (i) => (i.unitId ? [i.unitId, i.unitLabel ?? i.unitId] : null)],
    ['category', (i) => [i.category, i.category]],
  ]
  for (const [by, keyOf] of keyed) {
    const groups = new Map<string, { label: string; items: RecurringItem[] }>()
    for (const i of items) {
      const k = keyOf(i)
      if (!k) continue
      const g = groups.get(k[0]) ?? { label: k[1], items: [] }
      g.items.push(i)
      groups.set(k[0], g)
    }
    for (const g of groups.values()) {
      const sorted = [...g.items].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.id.localeCompare(b.id))
      let run: RecurringItem[] = []
      const flush = () => {
        if (run.length >= 2) out.push({ by, label: g.label, count: run.length, serials: run.map((r) => r.serial), first: run[0].receivedAt, last: run[run.length - 1].receivedAt })
        run = []
      }
      for (const i of sorted) {
        const prev = run[run.length - 1]
        if (prev && Date.parse(i.receivedAt) - Date.parse(prev.receivedAt) > window) flush()
        run.push(i)
      }
      flush()
    }
  }
  return out.sort((a, b) => b.count - a.count || Date.parse(b.last) - Date.parse(a.last) || a.label.localeCompare(b.label))
}
