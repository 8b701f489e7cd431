import { type LogKind, type LogSourceKind } from '../../../shared/duty/kinds'
import type { LogEntryRow } from '../../../shared/duty/logSchema'
import type { Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { insertEntry, requireOpenShift } from './logEntry'
import { entryRows } from './logRows'
import { appendFollowUp } from './pending'
import { nowIso } from './settings'

/**
 * One reception record, no double entry: a repair order, a complaint, a visitor … is written into the
 * duty log of the clerk's open shift as one entry that points back at it (source_kind + source_id).
 * The record's own service appends its steps to that entry as follow-ups and closes it when the record
 * closes, so an open record is a pending item at handover like any other. Call these inside the
 * record's write transaction, so the record and its log entry are saved together or not at all.
 *
 * Sync (issue H): the entry and its follow-ups are facts with their own ids; the link is the record's
 * id, never a local row number, so it holds when the rows arrive on another terminal.
 */
export interface LinkedEntryValues {
  kind: LogKind
  unitId?: string | null
  person?: string | null
  content: string
  action?: string | null
  passedTo?: string | null
  /** 'done' when the record needs nothing more (a visitor signed in and out at once), else 'pending'. */
  status: 'pending' | 'done'
}

export async function addLinkedEntry(w: Writer, ctx: Ctx, sourceKind: LogSourceKind, sourceId: string, v: LinkedEntryValues): Promise<string> {
  const shift = await requireOpenShift(w, ctx)
  return insertEntry(
    w,
    ctx,
    shift.id,
    {
      at: nowIso(ctx),
      kind: v.kind,
      unitId: v.unitId ?? null,
      person: v.person ?? null,
      content: v.content,
      action: v.action ?? null,
      passedTo: v.passedTo ?? null,
      status: v.status,
      escalateTo: null,
    },
    { source: { kind: sourceKind, id: sourceId } },
  )
}

/** The live entry standing for a record (a correction of it, if one was made), or null. */
export async function linkedEntry(r: Reader, sourceKind: LogSourceKind, sourceId: string): Promise<LogEntryRow | null> {
  const rows = await entryRows(r, {
    inner: 'e.source_kind = ? AND e.source_id = ?',
    innerParams: [sourceKind, sourceId],
    outer: 'x.correctedById IS NULL',
    tail: 'ORDER BY x.id DESC LIMIT 1',
  })
  return rows[0] ?? null
}

/**
 * Appends a step of the record to its entry ('note'), or closes it ('close') when the record is done.
 * A record made before its entry existed (none found) is left alone: the record itself is the truth.
 */
export async function linkedFollowUp(w: Writer, ctx: Ctx, sourceKind: LogSourceKind, sourceId: string, kind: 'note' | 'close', note: string): Promise<void> {
  const e = await linkedEntry(w, sourceKind, sourceId)
  if (!e) return
  if (kind === 'close' && e.state === 'done') return
  await appendFollowUp(w, ctx, e.id, kind, note)
}
