/**
 * Pure rules of the key book: what is out, what is overdue, and how long, from the facts.
 */

/** Minutes a loan still out is past its expected return (0 if not yet due). */
export function overdueMinutes(dueAt: string, now: Date): number {
  const late = now.getTime() - Date.parse(dueAt)
  return late > 0 ? Math.floor(late / 60_000) : 0
}

/** '2小时15分' / '3天4小时' / '5分钟': how long overdue, as the desk shows it. */
export function overdueText(minutes: number): string {
  if (minutes < 60) return `${minutes}分钟`
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return hours ? `${days}天${hours}小时` : `${days}天`
  return mins ? `${hours}小时${mins}分` : `${hours}小时`
}

/** Copies on the hook: the register's copies less those lost and those out. Never below zero. */
export function availableCopies(copies: number, lost: number, out: number): number {
  return Math.max(0, copies - lost - out)
}

/** The next tag number: one past the largest all-digit tag, padded to three digits. */
export function nextTagNo(existing: string[]): string {
  const top = existing.filter((t) => /^\d+$/.test(t)).reduce((m, t) => Math.max(m, Number(t)), 0)
  return String(top + 1).padStart(3, '0')
}
