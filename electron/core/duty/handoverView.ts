import type { ChecklistLine, CountLine, HandoverProblem, HandoverView, PendingAck } from '../../../shared/duty/handoverSchema'
import type { LogKind, LogStatus } from '../../../shared/duty/kinds'
import type { LogEntryRow } from '../../../shared/duty/logSchema'
import type { ChecklistItem } from '../../../shared/site/schema'
import type { Reader } from '../db/connection'
import { dutySettings } from './settings'
import { notFound } from '../errors'
import { shiftRow } from './dutyShift'
import { verifyOne } from './handoverChain'
import { entryRows, excerpt, openItems } from './logRows'

/** A custody item as snapshotted when the handover started. */
export interface CustodySnapshot {
  code: string
  name: string
  unit: 'count' | 'fen'
  expected: number
  carry: boolean
}

interface HandoverDbRow {
  id: string
  status: 'draft' | 'signed'
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
  hash: string | null
  newShiftId: string | null
}

const HANDOVER_SELECT = `SELECT h.id, h.status, h.started_at AS startedAt, h.signed_at AS signedAt, h.outgoing_shift_id AS outgoingShiftId,
  h.outgoing_staff_id AS outgoingStaffId, h.incoming_staff_id AS incomingStaffId, h.incoming_at AS incomingAt, h.incoming_date AS incomingDate,
  h.incoming_shift_code AS incomingShiftCode, h.incoming_shift_name AS incomingShiftName, h.incoming_starts_at AS incomingStartsAt,
  h.incoming_ends_at AS incomingEndsAt, h.rostered, o.name AS overrideByName, h.override_reason AS overrideReason, h.checklist, h.custody,
  h.seq, h.hash, h.new_shift_id AS newShiftId
  FROM handovers h LEFT JOIN staff o ON o.id = h.override_by`

const money = (n: number | null, unit: 'count' | 'fen') => (n == null ? '—' : unit === 'fen' ? `${(n / 100).toFixed(2)} 元` : String(n))

/** Fixed items: both counts must equal the expected figure; carried stock: the two counts must agree. */
export function hasDifference(c: { expected: number; carry: boolean; outgoing: number | null; incoming: number | null }): boolean {
  if (c.outgoing != null && c.incoming != null && c.outgoing !== c.incoming) return true
  if (c.carry) return false
  return (c.outgoing != null && c.outgoing !== c.expected) || (c.incoming != null && c.incoming !== c.expected)
}

export function differenceText(c: CountLine): string {
  return `应有 ${money(c.expected, c.unit)},交班清点 ${money(c.outgoing, c.unit)},接班清点 ${money(c.incoming, c.unit)}`
}

/** What stops signing, in screen order; handover.sign refuses with the first. */
export function problemsOf(v: Pick<HandoverView, 'incoming' | 'pending' | 'checklist' | 'counts'>): HandoverProblem[] {
  const out: HandoverProblem[] = []
  if (!v.incoming) out.push({ field: 'incoming', message: '接班人尚未输入工号和PIN确认身份' })
  for (const p of v.pending) {
    if (!p.ack) out.push({ field: `pending.${p.entry.id}`, message: `待跟进事项「${excerpt(p.entry.content, 16)}」接班人尚未确认` })
  }
  for (const c of v.checklist) {
    if (c.ok === null) out.push({ field: `checklist.${c.code}`, message: `环境检查「${c.name}」尚未检查` })
  }
  for (const c of v.counts) {
    if (c.outgoing == null) out.push({ field: `counts.${c.code}.outgoing`, message: `交接物品「${c.name}」交班人清点数未填写` })
    if (c.incoming == null) out.push({ field: `counts.${c.code}.incoming`, message: `交接物品「${c.name}」接班人清点数未填写` })
    if (c.difference && !c.explanation) {
      out.push({ field: `counts.${c.code}.explanation`, message: `交接物品「${c.name}」清点数不符(${differenceText(c)}),请填写差异说明` })
    }
  }
  return out
}

function summaryOf(entries: LogEntryRow[]): HandoverView['summary'] {
  const byKind: Partial<Record<LogKind, number>> = {}
  const byState: Partial<Record<LogStatus, number>> = {}
  for (const e of entries) {
    byKind[e.kind] = (byKind[e.kind] ?? 0) + 1
    byState[e.state] = (byState[e.state] ?? 0) + 1
  }
  return { total: entries.length, byKind, byState, entries }
}

async function pendingOf(r: Reader, h: HandoverDbRow): Promise<PendingAck[]> {
  const inc = h.incomingStaffId
  const items =
    h.status === 'draft'
      ? await openItems(r)
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
    // A tick by an earlier incoming clerk does not count for the one now taking over.
    const row = rows.find((x) => x.itemCode === c.code && x.checkedBy === h.incomingStaffId)
    return { code: c.code, name: c.name, ok: row ? !!row.ok : null, note: row?.note ?? null, checkedAt: row?.at ?? null }
  })
}

async function countsOf(r: Reader, h: HandoverDbRow): Promise<CountLine[]> {
  const rows = await r.all<{ itemCode: string; outgoing: number | null; incoming: number | null; incomingBy: string | null; explanation: string | null }>(
    `SELECT item_code AS itemCode, outgoing_count AS outgoing, incoming_count AS incoming, incoming_by AS incomingBy, explanation
       FROM handover_counts WHERE handover_id = ?`,
    [h.id],
  )
  return (JSON.parse(h.custody) as CustodySnapshot[]).map((c) => {
    const row = rows.find((x) => x.itemCode === c.code)
    const incoming = row && row.incomingBy === h.incomingStaffId ? row.incoming : null
    const line = { ...c, outgoing: row?.outgoing ?? null, incoming, explanation: row?.explanation ?? null }
    return { ...line, difference: hasDifference(line) }
  })
}

/** The whole handover screen in one read: summary, pending items with acks, checklist, counts, what blocks signing. */
export async function buildView(r: Reader, id: string): Promise<HandoverView> {
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
      }
    : null
  const parts = {
    incoming,
    pending: await pendingOf(r, h),
    checklist: await checklistOf(r, h),
    counts: await countsOf(r, h),
  }
  return {
    id: h.id,
    status: h.status,
    startedAt: h.startedAt,
    signedAt: h.signedAt,
    outgoingShift: await shiftRow(r, h.outgoingShiftId),
    outgoing,
    ...parts,
    summary: summaryOf(await entryRows(r, { inner: 'e.shift_id = ?', innerParams: [h.outgoingShiftId] })),
    problems: h.status === 'draft' ? problemsOf(parts) : [],
    seq: h.seq,
    hash: h.hash,
    newShiftId: h.newShiftId,
    integrity: h.status === 'signed' ? await verifyOne(r, h.id) : null,
    signatures: await signaturesOf(r, h.id),
    drawnSignatureRequired: (await dutySettings(r)).drawnSignature,
  }
}

async function signaturesOf(r: Reader, id: string): Promise<HandoverView['signatures']> {
  const rows = await r.all<{ side: string; data_url: string }>('SELECT side, data_url FROM handover_signatures WHERE handover_id = ?', [id])
  const of = (side: string) => rows.find((x) => x.side === side)?.data_url ?? null
  return { outgoing: of('outgoing'), incoming: of('incoming') }
}
