import { overdueMinutes } from '../../../shared/keys/rules'
import { maskPhone } from '../../../shared/mask'
import type { CallBackOutcome, ComplaintChannel, ComplaintDetail, ComplaintFact, ComplaintRow, ComplaintSeverity, ComplaintSlipRow, ComplaintStepKind, ComplaintStepRow } from '../../../shared/complaint/schema'
import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'

interface ComplaintRecord {
  id: string
  serial: string
  received_at: string
  channel: ComplaintChannel
  complainant: string
  phone: string | null
  unit_id: string | null
  bcode: string | null
  entrance: string | null
  room: string | null
  category: string
  department: string
  summary: string
  severity: ComplaintSeverity
  recorded_by_name: string
  result: string | null
  result_at: string | null
  cb_outcome: CallBackOutcome | null
  cb_note: string | null
  cb_at: string | null
  valid: number | null
  valid_reason: string | null
  valid_by: string | null
  closed_at: string | null
  slip_count: number
  next_deadline: string | null
}

/** The latest step of a kind decides (steps are appended, never changed): its column, by time then id. */
const latest = (kind: ComplaintStepKind, col: string) =>
  `(SELECT x.${col} FROM complaint_steps x WHERE x.complaint_id = c.id AND x.kind = '${kind}' ORDER BY x.at DESC, x.id DESC LIMIT 1)`

const SELECT = `
  SELECT c.id, c.serial, c.received_at, c.channel, c.complainant, c.phone, c.unit_id, b.code AS bcode, u.entrance, u.room,
    c.category, c.department, c.summary, c.severity, s.name AS recorded_by_name,
    ${latest('result', 'note')} AS result, ${latest('result', 'at')} AS result_at,
    ${latest('callBack', 'outcome')} AS cb_outcome, ${latest('callBack', 'note')} AS cb_note, ${latest('callBack', 'at')} AS cb_at,
    ${latest('validity', 'valid')} AS valid, ${latest('validity', 'note')} AS valid_reason,
    (SELECT vs.name FROM complaint_steps x JOIN staff vs ON vs.id = x.staff_id WHERE x.complaint_id = c.id AND x.kind = 'validity' ORDER BY x.at DESC, x.id DESC LIMIT 1) AS valid_by,
    ${latest('close', 'at')} AS closed_at,
    (SELECT COUNT(*) FROM complaint_slips l WHERE l.complaint_id = c.id) AS slip_count,
    (SELECT MIN(l.deadline_at) FROM complaint_slips l WHERE l.complaint_id = c.id) AS next_deadline
  FROM complaints c
  JOIN staff s ON s.id = c.recorded_by
  LEFT JOIN units u ON u.id = c.unit_id
  LEFT JOIN buildings b ON b.id = u.building_id`

/** `now` (the core's clock) only sets overdueMinutes; readers that do not show it pass none. Lists mask the complainant's phone (shared/mask.ts), as every list at the desk does. */
function toRow(c: ComplaintRecord, now: Date): ComplaintRow {
  return {
    id: c.id,
    serial: c.serial,
    receivedAt: c.received_at,
    channel: c.channel,
    complainant: c.complainant,
    phone: c.phone ? maskPhone(c.phone) : null,
    unitId: c.unit_id,
    unitLabel: c.bcode != null ? unitLabel(c.bcode, c.entrance ?? '', c.room ?? '') : null,
    building: c.bcode,
    category: c.category,
    department: c.department,
    summary: c.summary,
    severity: c.severity,
    recordedByName: c.recorded_by_name,
    result: c.result,
    resultAt: c.result_at,
    callBackOutcome: c.cb_outcome,
    callBackNote: c.cb_note,
    callBackAt: c.cb_at,
    valid: c.valid == null ? null : c.valid === 1,
    validReason: c.valid_reason,
    validByName: c.valid_by,
    closedAt: c.closed_at,
    slipCount: c.slip_count,
    // A deadline still runs only while no result is recorded.
    nextDeadline: c.result_at ? null : c.next_deadline,
    // As the key book does: lateness from the stored deadline and the core's clock, never the PC's.
    overdueMinutes: !c.result_at && !c.closed_at && c.next_deadline ? overdueMinutes(c.next_deadline, now) : 0,
  }
}

export async function complaintRow(r: Reader, id: string, now = new Date(0)): Promise<ComplaintRow | null> {
  const c = await r.get<ComplaintRecord>(`${SELECT} WHERE c.id = ?`, [id])
  return c ? toRow(c, now) : null
}

export async function complaintDetail(r: Reader, id: string, now: Date): Promise<ComplaintDetail | null> {
  const row = await complaintRow(r, id, now)
  if (!row) return null
  const slips = await r.all<ComplaintSlipRow>(
    `SELECT l.id, l.serial, l.department, l.request, l.deadline_at AS deadlineAt, l.issued_at AS issuedAt, s.name AS issuedByName
     FROM complaint_slips l JOIN staff s ON s.id = l.issued_by WHERE l.complaint_id = ? ORDER BY l.issued_at, l.id`,
    [id],
  )
  const steps = await r.all<Omit<ComplaintStepRow, 'valid'> & { valid: number | null }>(
    `SELECT x.id, x.kind, x.at, s.name AS staffName, x.note, x.outcome, x.valid
     FROM complaint_steps x JOIN staff s ON s.id = x.staff_id WHERE x.complaint_id = ? ORDER BY x.at, x.id`,
    [id],
  )
  return { ...row, slips, steps: steps.map((x) => ({ ...x, valid: x.valid == null ? null : x.valid === 1 })) }
}

/** Open complaints: major first, then the oldest. */
export async function openComplaints(r: Reader, now: Date): Promise<ComplaintRow[]> {
  const rows = await r.all<ComplaintRecord>(
    `${SELECT} WHERE NOT EXISTS (SELECT 1 FROM complaint_steps x WHERE x.complaint_id = c.id AND x.kind = 'close') ORDER BY c.severity = 'major' DESC, c.received_at, c.id`,
  )
  return rows.map((c) => toRow(c, now))
}

/** Complaints received between two instants [from, to), in order of receipt. */
export async function complaintsReceived(r: Reader, fromIso: string, toIso: string, now = new Date(0)): Promise<ComplaintRow[]> {
  const rows = await r.all<ComplaintRecord>(`${SELECT} WHERE c.received_at >= ? AND c.received_at < ? ORDER BY c.received_at, c.id`, [fromIso, toIso])
  return rows.map((c) => toRow(c, now))
}

/** Complaints no supervisor has yet decided valid or not (oldest first; the queue shows at most 200). */
export async function undecidedComplaints(r: Reader, now: Date): Promise<ComplaintRow[]> {
  const rows = await r.all<ComplaintRecord>(
    `${SELECT} WHERE NOT EXISTS (SELECT 1 FROM complaint_steps x WHERE x.complaint_id = c.id AND x.kind = 'validity') ORDER BY c.received_at, c.id LIMIT 200`,
  )
  return rows.map((c) => toRow(c, now))
}

/**
 * Pure data for a later KPI page (seed 004: complaint handling rate 100%, valid complaints ≤ 5‰ of
 * households a year): every complaint received in [fromIso, toIso) with when it got a result, was
 * called back and closed, and whether the supervisor judged it valid. No rates here — the KPI helper
 * computes them (and must show 0 of 0 for an empty period, not 100%).
 */
export async function complaintFacts(r: Reader, fromIso: string, toIso: string): Promise<ComplaintFact[]> {
  return (await complaintsReceived(r, fromIso, toIso)).map((c) => ({
    id: c.id,
    serial: c.serial,
    unitId: c.unitId,
    receivedAt: c.receivedAt,
    major: c.severity === 'major',
    resultAt: c.resultAt,
    closedAt: c.closedAt,
    calledBackAt: c.callBackAt,
    callBackOutcome: c.callBackOutcome,
    valid: c.valid,
  }))
}
