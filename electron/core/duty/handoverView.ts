import { handoverNo, type ChecklistLine, type CountLine, type HandoverView, type PendingAck } from '../../../shared/duty/handoverSchema'
import { hasDifference, itemsToHandOver, problemsOf, stepOf, type HandoverKind, type HandoverStatus } from '../../../shared/duty/handoverRules'
import type { LogKind, LogStatus } from '../../../shared/duty/kinds'
import type { LogEntryRow } from '../../../shared/duty/logSchema'
import type { ChecklistItem } from '../../../shared/site/schema'
import type { Reader } from '../db/connection'
import { dutySettings } from './settings'
import { notFound } from '../errors'
import { onDutyOf, openShiftOf, openShifts, shiftRow } from './dutyShift'
import { custodyFromRecords, type CustodySnapshot } from './custodyFromRecords'
import { verifyOne } from './handoverChain'
import { overdueKeysOf } from './handoverKeys'
import { entryRows, openItems } from './logRows'

export type { CustodySnapshot } from './custodyFromRecords'

interface HandoverDbRow {
  id: string
  kind: HandoverKind
  status: HandoverStatus
  withCustody: number
  closedAt: string | null
  startedAt: string
  signedAt: string | null
  outgoingShiftId: string
  outgoingStaffId: string
  incomingStaffId: string | null
  incomingAt: string | null
  incomingDate: string | null
  incomingShiftCode: string | null
  incomingShiftName: string | null
  incomingStartsAt: string | null
  incomingEndsAt: string | null
  rostered: number | null
  overrideByName: string | null
  overrideReason: string | null
  checklist: string
  custody: string
  seq: number | null
  chainMark: string | null
  hash: string | null
  newShiftId: string | null
}

const HANDOVER_SELECT = `SELECT h.id, h.kind, h.status, h.with_custody AS withCustody, h.closed_at AS closedAt, h.started_at AS startedAt, h.signed_at AS signedAt, h.outgoing_shift_id AS outgoingShiftId,
  h.outgoing_staff_id AS outgoingStaffId, h.incoming_staff_id AS incomingStaffId, h.incoming_at AS incomingAt, h.incoming_date AS incomingDate,
  h.incoming_shift_code AS incomingShiftCode, h.incoming_shift_name AS incomingShiftName, h.incoming_starts_at AS incomingStartsAt,
  h.incoming_ends_at AS incomingEndsAt, h.rostered, o.name AS overrideByName, h.override_reason AS overrideReason, h.checklist, h.custody,
  h.seq, ct.series_mark AS chainMark, h.hash, h.new_shift_id AS newShiftId
  FROM handovers h LEFT JOIN staff o ON o.id = h.override_by LEFT JOIN terminals ct ON ct.id = h.chain AND h.chain <> ''`

function summaryOf(entries: LogEntryRow[]): HandoverView['summary'] {
  const byKind: Partial<Record<LogKind, number>> = {}
  const byState: Partial<Record<LogStatus, number>> = {}
  for (const e of entries) {
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1
    byState[e.state] = (byState[e.state] ?? 0) + 1
  }
  return { total: entries.length, byKind, byState, entries }
}

/** Open items the outgoing clerk holds (with custody also those nobody on duty holds); once signed, those taken over. */
async function pendingOf(r: Reader, h: HandoverDbRow): Promise<PendingAck[]> {
  const inc = h.incomingStaffId
  const items =
    h.status !== 'signed'
      ? itemsToHandOver(await openItems(r), h.outgoingStaffId, !!h.withCustody, onDutyOf(await openShifts(r)))
      : await entryRows(r, { inner: 'e.id IN (SELECT entry_id FROM handover_acks WHERE handover_id = ? AND staff_id = ?)', innerParams: [h.id, inc] })
  const acks = await r.all<{ entryId: string; at: string; staffId: string; staffName: string; note: string | null }>(
    `SELECT a.entry_id AS entryId, a.at, a.staff_id AS staffId, s.name AS staffName, a.note FROM handover_acks a JOIN staff s ON s.id = a.staff_id
      WHERE a.handover_id = ? AND a.staff_id = ?`,
    [h.id, inc],
  )
  const questions = await r.all<{ id: string; entryId: string; at: string; question: string; answer: string | null; askedByName: string }>(
    `SELECT q.id, q.entry_id AS entryId, q.at, q.question, q.answer, s.name AS askedByName FROM handover_questions q JOIN staff s ON s.id = q.asked_by
      WHERE q.handover_id = ? ORDER BY q.id`,
    [h.id],
  )
  return items.map((entry) => {
    const a = acks.find((x) => x.entryId === entry.id)
    return {
      entry,
      ack: a ? { at: a.at, staffId: a.staffId, staffName: a.staffName, note: a.note } : null,
      questions: questions.filter((q) => q.entryId === entry.id).map(({ entryId: _e, ...q }) => q),
    }
  })
}

async function checklistOf(r: Reader, h: HandoverDbRow): Promise<ChecklistLine[]> {
  const rows = await r.all<{ itemCode: string; ok: number; note: string | null; checkedBy: string; at: string }>(
    'SELECT item_code AS itemCode, ok, note, checked_by AS checkedBy, at FROM handover_checks WHERE handover_id = ?',
    [h.id],
  )
  return (JSON.parse(h.checklist) as ChecklistItem[]).map((c) => {
    // A tick by an earlier incoming clerk does not count for the one now taking over; a closing is checked by the closer.
    const by = h.kind === 'dayClose' ? h.outgoingStaffId : h.incomingStaffId
    const row = rows.find((x) => x.itemCode === c.code && x.checkedBy === by)
    return { code: c.code, name: c.name, ok: row ? !!row.ok : null, note: row?.note ?? null, checkedAt: row?.at ?? null }
  })
}

async function countsOf(r: Reader, h: HandoverDbRow): Promise<CountLine[]> {
  const rows = await r.all<{ itemCode: string; outgoing: number | null; incoming: number | null; incomingBy: string | null; explanation: string | null; explainedBy: string | null }>(
    `SELECT item_code AS itemCode, outgoing_count AS outgoing, incoming_count AS incoming, incoming_by AS incomingBy, explanation, explained_by AS explainedBy
       FROM handover_counts WHERE handover_id = ?`,
    [h.id],
  )
  const snapshot = JSON.parse(h.custody) as CustodySnapshot[]
  const live = h.status !== 'signed' && snapshot.some((c) => c.fromRecords) ? await custodyFromRecords(r) : []
  return snapshot.map((c) => {
    const row = rows.find((x) => x.itemCode === c.code)
    const incoming = row && row.incomingBy === h.incomingStaffId ? row.incoming : null
    const now = live.find((x) => x.code === c.code)?.expected
    const recordsNow = now !== undefined && now !== c.expected ? now : null
    const line = { ...c, fromRecords: !!c.fromRecords, detail: c.detail ?? null, recordsNow, outgoing: row?.outgoing ?? null, incoming, explanation: row?.explanation ?? null, explainedById: row?.explainedBy ?? null }
    return { ...line, difference: hasDifference(line) }
  })
}

/**
 * The whole handover screen in one read: summary, pending items with acks, checklist, counts,
 * overdue keys, what blocks signing. `now` (the injected clock) decides which keys are overdue.
 */
export async function buildView(r: Reader, id: string, now: Date): Promise<HandoverView> {
  const h = await r.get<HandoverDbRow>(`${HANDOVER_SELECT} WHERE h.id = ? AND h.deleted_at IS NULL`, [id])
  if (!h) throw notFound('交接班记录')
  const people = await r.all<{ id: string; staffNo: string; name: string }>('SELECT id, staff_no AS staffNo, name FROM staff WHERE id IN (?, ?)', [
    h.outgoingStaffId,
    h.incomingStaffId ?? '',
  ])
  const outgoing = people.find((p) => p.id === h.outgoingStaffId)!
  const inc = people.find((p) => p.id === h.incomingStaffId)
  const incoming: HandoverView['incoming'] = inc
    ? {
        ...inc,
        at: h.incomingAt!,
        date: h.incomingDate!,
        shiftCode: h.incomingShiftCode!,
        shiftName: h.incomingShiftName!,
        startsAt: h.incomingStartsAt!,
        endsAt: h.incomingEndsAt!,
        rostered: !!h.rostered,
        overrideByName: h.overrideByName,
        overrideReason: h.overrideReason,
        onDuty: await receivesOnDuty(r, h, inc.id),
      }
    : null
  const parts = {
    kind: h.kind,
    status: h.status,
    custody: !!h.withCustody,
    incoming,
    pending: await pendingOf(r, h),
    checklist: await checklistOf(r, h),
    counts: await countsOf(r, h),
    overdueKeys: await overdueKeysOf(r, h, now),
  }
  return {
    id: h.id,
    step: stepOf(h.kind, h.status),
    startedAt: h.startedAt,
    closedAt: h.closedAt,
    signedAt: h.signedAt,
    outgoingShift: await shiftRow(r, h.outgoingShiftId),
    outgoing,
    ...parts,
    summary: summaryOf(await entryRows(r, { inner: 'e.shift_id = ?', innerParams: [h.outgoingShiftId] })),
    problems: problemsOf(parts),
    seq: h.seq,
    no: h.seq === null ? null : handoverNo(h.chainMark, h.seq),
    hash: h.hash,
    newShiftId: h.newShiftId,
    integrity: h.status === 'signed' ? await verifyOne(r, h.id) : null,
    signatures: await signaturesOf(r, h.id),
    drawnSignatureRequired: (await dutySettings(r)).drawnSignature,
  }
}

/** The incoming clerk was already on duty (receives into their shift) rather than arriving. */
async function receivesOnDuty(r: Reader, h: HandoverDbRow, incomingId: string): Promise<boolean> {
  if (h.newShiftId) return (await shiftRow(r, h.newShiftId)).openedByHandoverId !== h.id
  return !!(await openShiftOf(r, incomingId))
}

async function signaturesOf(r: Reader, id: string): Promise<HandoverView['signatures']> {
  const rows = await r.all<{ side: string; data_url: string }>('SELECT side, data_url FROM handover_signatures WHERE handover_id = ?', [id])
  const of = (side: string) => rows.find((x) => x.side === side)?.data_url ?? null
  return { outgoing: of('outgoing'), incoming: of('incoming') }
}
