import { z } from 'zod'
import type { SessionInfo } from '../staff/schema'
import { entityId, optionalIsoDate, optionalText, text } from '../validate/fields'
import { page, pinToCheck, staffNoToCheck, supervisorOverride } from './fields'
import type { DutyShiftRow, LogEntryRow } from './logSchema'
import type { LogKind, LogStatus } from './kinds'

/** 交接班: the outgoing clerk starts it, the incoming clerk logs in on the same screen, both sign. */

const handoverId = entityId('交接班')
export const byHandover = z.object({ id: handoverId })

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
  count: z
    .number({ error: '清点数应为数字' })
    .int({ error: '清点数应为整数(金额以分计)' })
    .min(0, { error: '清点数不能为负数' })
    .max(100_000_000, { error: '清点数过大' })
    .nullable(),
})
export const handoverExplainInput = z.object({ id: handoverId, itemCode: text('交接物品', 20), explanation: text('差异说明', 500) })
/** A signature drawn on the screen (signature_pad), as a PNG data URL; ~300 KB at most. */
const drawnSignature = (label: string) =>
  z
    .string()
    .max(400_000, { error: `${label}图像过大` })
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { error: `${label}应为手写签名图像` })
    .optional()

export const handoverSignInput = z.object({
  id: handoverId,
  outgoingPin: pinToCheck('交班人PIN'),
  incomingPin: pinToCheck('接班人PIN'),
  /** Required when the site turns drawn signatures on; stored with the record either way. */
  outgoingSignature: drawnSignature('交班人签名'),
  incomingSignature: drawnSignature('接班人签名'),
})
export const handoverListInput = z
  .object({ from: optionalIsoDate('开始日期'), to: optionalIsoDate('结束日期'), ...page })
  .optional()

export interface HandoverProblem {
  /** e.g. 'incoming', 'pending.<entryId>', 'checklist.<code>', 'counts.<code>.incoming', 'counts.<code>.explanation'. */
  field: string
  message: string
}

export interface PendingAck {
  entry: LogEntryRow
  ack: { at: string; staffId: string; staffName: string; note: string | null } | null
  questions: Array<{ id: string; at: string; question: string; answer: string | null; askedByName: string }>
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
  outgoing: number | null
  incoming: number | null
  difference: boolean
  explanation: string | null
}

export interface HandoverIntegrity {
  ok: boolean
  reason: string | null
}

export interface HandoverView {
  id: string
  status: 'draft' | 'signed'
  startedAt: string
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
  /** What still stops signing; empty when it can be signed. Same messages handover.sign gives. */
  problems: HandoverProblem[]
  seq: number | null
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
  newShift: DutyShiftRow
  /** A session for the incoming clerk (they typed their PIN), so the desk can switch to them. */
  incomingSession: SessionInfo
  /** Entries escalated to the supervisor for count differences. */
  escalatedEntryIds: string[]
}

export interface HandoverRow {
  id: string
  status: 'draft' | 'signed'
  shiftDate: string
  shiftName: string
  outgoingName: string
  incomingName: string | null
  startedAt: string
  signedAt: string | null
  seq: number | null
  differences: number
  questions: number
  rostered: boolean | null
  /** Signed rows: null when not checked, else whether hash and link still match. */
  intact: boolean | null
}

export interface HandoverChainReport {
  ok: boolean
  checked: number
  broken: Array<{ id: string; seq: number; signedAt: string | null; reason: string }>
}
