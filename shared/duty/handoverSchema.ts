import { z } from 'zod'
import type { SessionInfo } from '../staff/schema'
import { entityId, optionalIsoDate, optionalText, text } from '../validate/fields'
import { fenAmount } from '../validate/money'
import { page, pinToCheck, staffNoToCheck, supervisorOverride } from './fields'
import type { DutyShiftRow, LogEntryRow } from './logSchema'
import type { LogKind, LogStatus } from './kinds'
import type { HandoverKind, HandoverProblem, HandoverStatus, HandoverStep } from './handoverRules'

export type { HandoverProblem } from './handoverRules'

/**
 * 交接班: the outgoing clerk starts it, the incoming clerk logs in on the same screen, both sign.
 * 闭店交接 (dayClose): the last clerk of the day closes the desk alone; the next morning's first
 * clerk accepts it. The model: shared/duty/handoverRules.ts.
 */

const handoverId = entityId('交接班')
export const byHandover = z.object({ id: handoverId })
export const handoverStartInput = z
  .object({ kind: z.enum(['shift', 'dayClose'], { error: '交接方式应为交接班或闭店交接' }).default('shift') })
  .optional()

export const handoverIncomingInput = z.object({
  id: handoverId,
  staffNo: staffNoToCheck('接班人工号'),
  pin: pinToCheck('接班人PIN'),
  /** 客服主管授权 when the incoming clerk is not rostered for the next shift. */
  override: supervisorOverride.optional(),
  /** With an override: which pattern the incoming clerk works (default: the one running now). */
  shiftCode: z.string().trim().max(20).optional(),
})

export const handoverAckInput = z.object({ id: handoverId, entryId: entityId('待跟进事项'), note: optionalText('确认备注', 200) })
export const handoverKeyAckInput = z.object({ id: handoverId, loanId: entityId('钥匙借用记录'), note: optionalText('确认备注', 200) })
export const handoverAskInput = z.object({
  id: handoverId,
  entryId: entityId('待跟进事项'),
  question: text('询问内容', 500),
  answer: optionalText('交班人答复', 500),
})
export const handoverCheckInput = z.object({
  id: handoverId,
  itemCode: text('检查项', 20),
  ok: z.boolean({ error: '请选择符合或不符合' }),
  note: optionalText('检查说明', 200),
})
export const handoverCountInput = z.object({
  id: handoverId,
  itemCode: text('交接物品', 20),
  side: z.enum(['outgoing', 'incoming'], { error: '请选择交班或接班清点' }),
  /** The counted figure (money in fen); null clears it. */
  count: fenAmount('清点数').nullable(),
})
export const handoverExplainInput = z.object({ id: handoverId, itemCode: text('交接物品', 20), explanation: text('差异说明', 500) })
/** A signature drawn on the screen (signature_pad), as a PNG data URL; ~300 KB at most. */
export const drawnSignature = (label: string) =>
  z
    .string()
    .max(400_000, { error: `${label}图像过大` })
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { error: `${label}应为手写签名图像` })
    .optional()

/** The PINs the step needs (handover: both; closing: the closer's; morning acceptance: the incoming clerk's). */
export const handoverSignInput = z.object({
  id: handoverId,
  outgoingPin: pinToCheck('交班人PIN').optional(),
  incomingPin: pinToCheck('接班人PIN').optional(),
  /** Required when the site turns drawn signatures on; stored with the record either way. */
  outgoingSignature: drawnSignature('交班人签名'),
  incomingSignature: drawnSignature('接班人签名'),
})
export const handoverListInput = z
  .object({ from: optionalIsoDate('开始日期'), to: optionalIsoDate('结束日期'), ...page })
  .optional()

export interface PendingAck {
  entry: LogEntryRow
  ack: { at: string; staffId: string; staffName: string; note: string | null } | null
  questions: Array<{ id: string; at: string; question: string; answer: string | null; askedByName: string }>
}

/** A key loan overdue at the handover, acknowledged one by one by the incoming clerk (issue F). */
export interface OverdueKeyAck {
  loanId: string
  tagNo: string
  keyName: string
  hook: string | null
  borrowerName: string
  company: string | null
  purpose: string
  lentAt: string
  dueAt: string
  /** Returned or reported lost since (a signed record shows what was acknowledged then). */
  closed: boolean
  /** How long overdue: when acknowledged, else now. */
  overdueMinutes: number
  ack: { at: string; staffId: string; staffName: string; note: string | null } | null
}

export interface ChecklistLine {
  code: string
  name: string
  /** null: not checked yet (by the current incoming clerk). */
  ok: boolean | null
  note: string | null
  checkedAt: string | null
}

export interface CountLine {
  code: string
  name: string
  unit: 'count' | 'fen'
  expected: number
  /** 'carry': expected is what the last handover counted. */
  carry: boolean
  /** 来自登记记录: expected computed from the key register / card stock when the handover started. */
  fromRecords: boolean
  /** Shown beside a computed figure ('登记 12 把,借出 2 把'). */
  detail: string | null
  /**
   * Before signing: what the records say now, when it differs from the expected figure taken at the
   * start (a key lent or a card issued during the handover), so the clerks can tell why; else null.
   */
  recordsNow: number | null
  outgoing: number | null
  incoming: number | null
  difference: boolean
  explanation: string | null
  /** Who wrote the explanation (the morning's acceptance needs its own). */
  explainedById: string | null
}

export interface HandoverIntegrity {
  ok: boolean
  reason: string | null
}

export interface HandoverView {
  id: string
  kind: HandoverKind
  status: HandoverStatus
  /** What is being signed now; null once signed. */
  step: HandoverStep | null
  /** The outgoing clerk held custody of the desk's items (checklist and counts are part of it). */
  custody: boolean
  startedAt: string
  /** dayClose: when the closer signed. */
  closedAt: string | null
  signedAt: string | null
  outgoingShift: DutyShiftRow
  outgoing: { id: string; staffNo: string; name: string }
  incoming: {
    id: string
    staffNo: string
    name: string
    at: string
    date: string
    shiftCode: string
    shiftName: string
    startsAt: string
    endsAt: string
    rostered: boolean
    overrideByName: string | null
    overrideReason: string | null
    /** Already on duty (receives into their open shift) rather than arriving. */
    onDuty: boolean
  } | null
  summary: {
    total: number
    byKind: Partial<Record<LogKind, number>>
    byState: Partial<Record<LogStatus, number>>
    entries: LogEntryRow[]
  }
  /** Every open pending item (draft) or those acknowledged at signing (signed). */
  pending: PendingAck[]
  checklist: ChecklistLine[]
  counts: CountLine[]
  /**
   * With custody: key loans overdue now (draft, or a closing waiting for the morning), or those the
   * incoming clerk acknowledged (signed). Each must be acknowledged before signing.
   */
  overdueKeys: OverdueKeyAck[]
  /** What still stops signing; empty when it can be signed. Same messages handover.sign gives. */
  problems: HandoverProblem[]
  seq: number | null
  /** The number shown and printed: seq, with the signing terminal's letter on a second terminal's chain (B-3). */
  no: string | null
  hash: string | null
  newShiftId: string | null
  /** For a signed handover: does it still match its hash and its place in the chain? */
  integrity: HandoverIntegrity | null
  /** Drawn signatures (PNG data URLs), when the site uses them. */
  signatures: { outgoing: string | null; incoming: string | null }
  /** The site asks both clerks to draw their signature too. */
  drawnSignatureRequired: boolean
}

export interface HandoverSigned {
  handover: HandoverView
  /** The incoming clerk's shift (opened now, or the one they were on); null for a closing. */
  newShift: DutyShiftRow | null
  /** A session for the incoming clerk (they typed their PIN), so the desk can switch to them; null for a closing. */
  incomingSession: SessionInfo | null
  /** Entries escalated to the supervisor for count differences. */
  escalatedEntryIds: string[]
}

export interface HandoverRow {
  id: string
  kind: HandoverKind
  status: HandoverStatus
  custody: boolean
  shiftDate: string
  shiftName: string
  outgoingName: string
  incomingName: string | null
  startedAt: string
  signedAt: string | null
  seq: number | null
  no: string | null
  differences: number
  questions: number
  rostered: boolean | null
  /** Signed rows: null when not checked, else whether hash and link still match. */
  intact: boolean | null
}

export interface HandoverChainReport {
  ok: boolean
  checked: number
  broken: Array<{ id: string; seq: number; no: string; signedAt: string | null; reason: string }>
}

/**
 * A handover's number: its place in the chain of the terminal that signed it. The first terminal's
 * chain (the one signed before there were several) is unlettered; another terminal's carries its
 * series letter, as its serials do (DH-2026-B0001).
 */
export const handoverNo = (mark: string | null | undefined, seq: number) => (mark ? `${mark}-${seq}` : String(seq))
