/**
 * What a clerk typed in the duty-log form, carried to the repair or complaint registration when
 * she follows the hint there (the record then writes the log entry itself: no double entry).
 * Held in memory for one hand-over between two screens of the same window; taken once.
 */
export interface LogDraft {
  person?: string
  content?: string
}
const drafts = new Map<'repair' | 'complaint', LogDraft>()

export function carryDraft(to: 'repair' | 'complaint', d: LogDraft) {
  drafts.set(to, d)
}
export function takeDraft(to: 'repair' | 'complaint'): LogDraft | undefined {
  const d = drafts.get(to)
  drafts.delete(to)
  return d
}
