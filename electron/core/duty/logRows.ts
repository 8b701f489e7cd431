import type { EscalationTarget, FollowUpKind, LogKind, LogSourceKind, LogStatus } from '../../../shared/duty/kinds'
import type { FollowUpRow, LogEntryDetail, LogEntryRow } from '../../../shared/duty/logSchema'
import { holderOf } from '../../../shared/duty/handoverRules'
import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'
import { notFound } from '../errors'

/**
 * How entries are read. The current state of an item is derived from its append-only follow-ups:
 * the latest 上报 makes it escalated, the latest 处理/关闭 makes it done; else it is as recorded.
 */
const STATE = `COALESCE((SELECT CASE f.kind WHEN 'escalate' THEN 'escalated' ELSE 'done' END FROM log_follow_ups f
   WHERE f.entry_id = e.id AND f.kind IN ('escalate', 'resolve', 'close') ORDER BY f.id DESC LIMIT 1), e.status)`
const TARGET = `COALESCE((SELECT f.to_role FROM log_follow_ups f WHERE f.entry_id = e.id AND f.kind = 'escalate' ORDER BY f.id DESC LIMIT 1), e.escalate_to)`

/** Inner select: one row per live entry with its derived columns; filter the outer `x`. */
export const ENTRY_FROM = `(SELECT e.id, e.shift_id AS shiftId, d.date AS shiftDate, d.shift_name AS shiftName, e.at, e.kind,
    e.unit_id AS unitId, b.code AS buildingCode, u.entrance, u.room, e.person, e.content, e.action, e.passed_to AS passedTo,
    e.status, ${STATE} AS state, ${TARGET} AS target, e.recorded_by AS recordedById, s.name AS recordedByName,
    e.corrects_id AS correctsId, e.correction_reason AS correctionReason,
    (SELECT c.id FROM log_entries c WHERE c.corrects_id = e.id AND c.deleted_at IS NULL ORDER BY c.id DESC LIMIT 1) AS correctedById,
    e.locked_at AS lockedAt, (SELECT count(*) FROM log_follow_ups f WHERE f.entry_id = e.id) AS followUpCount,
    e.handover_id AS handoverId, e.source_kind AS sourceKind, e.source_id AS sourceId, d.staff_id AS shiftStaffId, s.name AS shiftStaffName,
    (SELECT a.staff_id FROM handover_acks a JOIN handovers h ON h.id = a.handover_id
      WHERE a.entry_id = e.id AND h.status = 'signed' ORDER BY h.seq DESC LIMIT 1) AS takenOverById
   FROM log_entries e JOIN duty_shifts d ON d.id = e.shift_id JOIN staff s ON s.id = e.recorded_by
   LEFT JOIN units u ON u.id = e.unit_id LEFT JOIN buildings b ON b.id = u.building_id
  WHERE e.deleted_at IS NULL AND __INNER__) x`

export interface EntryDbRow {
  id: string
  shiftId: string
  shiftDate: string
  shiftName: string
  at: string
  kind: LogKind
  unitId: string | null
  buildingCode: string | null
  entrance: string | null
  room: string | null
  person: string | null
  content: string
  action: string | null
  passedTo: string | null
  status: LogStatus
  state: LogStatus
  target: EscalationTarget | null
  recordedById: string
  recordedByName: string
  correctsId: string | null
  correctionReason: string | null
  correctedById: string | null
  lockedAt: string | null
  followUpCount: number
  handoverId: string | null
  sourceKind: LogSourceKind | null
  sourceId: string | null
  shiftStaffId: string
  shiftStaffName: string
  takenOverById: string | null
}

export function toEntryRow(e: EntryDbRow, names: Map<string, string> = new Map()): LogEntryRow {
  const holderId = holderOf(e)
  return {
    id: e.id,
    shiftId: e.shiftId,
    shiftDate: e.shiftDate,
    shiftName: e.shiftName,
    at: e.at,
    kind: e.kind,
    unitId: e.unitId,
    unitLabel: e.buildingCode != null ? unitLabel(e.buildingCode, e.entrance ?? '', e.room ?? '') : null,
    person: e.person,
    content: e.content,
    action: e.action,
    passedTo: e.passedTo,
    status: e.status,
    state: e.state,
    escalatedTo: e.state === 'escalated' ? (e.target ?? 'admin') : null,
    recordedById: e.recordedById,
    recordedByName: e.recordedByName,
    correctsId: e.correctsId,
    correctionReason: e.correctionReason,
    correctedById: e.correctedById,
    locked: !!e.lockedAt,
    followUpCount: e.followUpCount,
    handoverId: e.handoverId,
    holderId,
    sourceKind: e.sourceKind,
    sourceId: e.sourceId,
    holderName: holderId === e.shiftStaffId ? e.shiftStaffName : (names.get(holderId) ?? ''),
  }
}

/** Entries matching `inner` (on e, d, …) and `outer` (on the derived x.*), in the given order. */
export async function entryRows(
  r: Reader,
  opts: { inner?: string; innerParams?: unknown[]; outer?: string; outerParams?: unknown[]; tail?: string; tailParams?: unknown[] },
): Promise<LogEntryRow[]> {
  const from = ENTRY_FROM.replace('__INNER__', opts.inner ?? '1 = 1')
  const rows = await r.all<EntryDbRow>(`SELECT x.* FROM ${from} WHERE ${opts.outer ?? '1 = 1'} ${opts.tail ?? 'ORDER BY x.at, x.id'}`, [
    ...(opts.innerParams ?? []),
    ...(opts.outerParams ?? []),
    ...(opts.tailParams ?? []),
  ])
  const takers = [...new Set(rows.map((x) => x.takenOverById).filter((x): x is string => !!x))]
  const names = new Map<string, string>()
  if (takers.length) {
    for (const p of await r.all<{ id: string; name: string }>(`SELECT id, name FROM staff WHERE id IN (${takers.map(() => '?').join(',')})`, takers)) names.set(p.id, p.name)
  }
  return rows.map((x) => toEntryRow(x, names))
}

export async function entryRow(r: Reader, id: string): Promise<LogEntryRow> {
  const [row] = await entryRows(r, { inner: 'e.id = ?', innerParams: [id] })
  if (!row) throw notFound('值班记录')
  return row
}

export async function followUpsOf(r: Reader, entryId: string): Promise<FollowUpRow[]> {
  return r.all<FollowUpRow & { kind: FollowUpKind }>(
    `SELECT f.id, f.at, f.kind, f.to_role AS toRole, f.note, f.staff_id AS staffId, s.name AS staffName
       FROM log_follow_ups f JOIN staff s ON s.id = f.staff_id WHERE f.entry_id = ? ORDER BY f.id`,
    [entryId],
  )
}

export async function entryDetail(r: Reader, id: string): Promise<LogEntryDetail> {
  return { ...(await entryRow(r, id)), followUps: await followUpsOf(r, id) }
}

/** Open items (待跟进 or 已上报, not superseded by a correction), oldest first. */
export async function openItems(r: Reader): Promise<LogEntryRow[]> {
  return entryRows(r, {
    inner: "e.status IN ('pending', 'escalated')",
    outer: "x.state IN ('pending', 'escalated') AND x.correctedById IS NULL",
  })
}

export const excerpt = (s: string, n = 20) => (s.length > n ? s.slice(0, n) + '…' : s)
