import type { VisitorSlipBrief } from '../visitor/schema'
import { z } from 'zod'
import { page } from '../duty/fields'
import type { Role } from '../roles'
import { entityId, optionalText, text } from '../validate/fields'
import { PERMIT_KINDS, PERMIT_STATES, type ApplicantRole, type PermitKind, type PermitState } from './kinds'
import type { NextStep, VerifyOutcome } from './rules'
import { applicantSchema, fen, ownerConsentSchema } from './schema/common'
import { permitApplyInput } from './schema/index'
import type { PermitRecord, Review } from './schema/record'
import type { PermitSealStatus } from './seal'
import { workerPassWorker } from './schema/workerPass'

/**
 * Inputs and results of the permit API (api.ts): 证件与许可 — apply, review, print, void, return,
 * verify, use, worker passes in a batch, the deposit ledger. The field schemas and rules of each form
 * are in schema/ and rules.ts; this file only adds what the calls need around them.
 */

/** Who works the permit desk: takes applications, prints, voids, takes passes back, issues passes. */
export const PERMIT_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Every role that decides a review step of some kind (kinds.ts): the step itself says which. */
export const PERMIT_REVIEW_ROLES: readonly Role[] = ['engineering', 'safety', 'director', 'supervisor', 'admin']
/** Who reads the deposit ledger (押金台账). */
export const READS_DEPOSITS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']

/** An attachment (焊工证、身份证复印件、业主同意书 …) as a data: URL; at most 2 MB of file. */
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024
export const MAX_ATTACHMENTS = 10
export const attachmentInput = z.object({
  label: text('附件名称', 30),
  fileName: text('附件文件名', 100),
  dataUrl: z
    .string({ error: '附件内容不能为空' })
    .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 40, { error: '附件不能超过2MB' })
    .regex(/^data:(image\/png|image\/jpeg|application\/pdf);base64,[A-Za-z0-9+/=]+$/, { error: '附件应为 PNG、JPEG 图片或 PDF 文件' }),
})
export type AttachmentInput = z.input<typeof attachmentInput>

/**
 * permit.apply: a new application of any kind, created AND submitted at once (serial taken, state
 * 审批中, or 已批准 for kinds without review steps: a single worker pass). Worker pass and extension
 * name their renovation by `fields.renovationSerial` (the renovation of the same unit).
 */
export const permitApplyRequest = z.intersection(
  permitApplyInput,
  z.object({ attachments: z.array(attachmentInput).max(MAX_ATTACHMENTS, { error: `附件不能超过${MAX_ATTACHMENTS}个` }).optional() }),
)
export type PermitApplyRequest = z.input<typeof permitApplyRequest>

export const byPermit = z.object({ id: entityId('证件') })

export const permitListInput = z.object({
  kind: z.enum(PERMIT_KINDS, { error: '证件类型不正确' }).optional(),
  /** The state as of now: `expired` is derived from the validity. */
  state: z.enum(PERMIT_STATES, { error: '状态不正确' }).optional(),
  unitId: entityId('房屋').optional(),
  /** Worker passes and extensions of this renovation. */
  renovationId: entityId('装修申请').optional(),
  /** Serial, holder, applicant or unit (substring). */
  q: z.string().trim().max(40, { error: '搜索内容不能超过40个字符' }).optional(),
  ...page,
})

export const permitReturnInput = z.object({ id: entityId('证件'), note: optionalText('交回说明', 200) })

export const permitPrintPassesInput = z.object({
  ids: z
    .array(entityId('出入证'), { error: '请选择要打印的出入证' })
    .min(1, { error: '请选择要打印的出入证' })
    .max(48, { error: '一次最多打印48张出入证' }),
})

/** The guard's scan or typed serial; permit.use marks a release slip / lift use as used. */
export const permitUseInput = z.object({ text: text('编号或二维码内容', 200) })

/** One worker of a crew; the receipt number may be given once for the whole crew. */
export const batchWorker = workerPassWorker.extend({ receiptNo: optionalText('财务收据号', 30) })

/** workerPass.issueBatch: a crew of one renovation, one pass each, all or none. */
export const workerPassBatchInput = z
  .object({
    renovationId: entityId('装修申请'),
    applicant: applicantSchema,
    ownerConsent: ownerConsentSchema.optional(),
    /** The finance receipt for the whole crew (per-worker receiptNo wins). */
    receiptNo: optionalText('财务收据号', 30),
    workers: z
      .array(batchWorker, { error: '请至少登记一名装修人员' })
      .min(1, { error: '请至少登记一名装修人员' })
      .max(48, { error: '一次最多办理48张出入证' }),
  })
  .superRefine((v, ctx) => {
    v.workers.forEach((w, i) => {
      if (!w.receiptNo && !v.receiptNo) ctx.addIssue({ code: 'custom', path: ['workers', i, 'receiptNo'], message: '财务收据号不能为空' })
    })
    const seen = new Map<string, number>()
    v.workers.forEach((w, i) => {
      const j = seen.get(w.workerIdNumber)
      if (j !== undefined) ctx.addIssue({ code: 'custom', path: ['workers', i, 'workerIdNumber'], message: `身份证号与第${j + 1}人重复(每人一证)` })
      seen.set(w.workerIdNumber, i)
    })
  })
export type WorkerPassBatchInput = z.input<typeof workerPassBatchInput>

export const depositListInput = z
  .object({ renovationId: entityId('装修申请').optional(), passId: entityId('出入证').optional() })
  .optional()

export const permitFileInput = z.object({ id: entityId('附件') })

/**
 * permit.inspect (装修验收): the renovation inspected and passed; the 装修押金 still held is refunded,
 * less a deduction (扣款) whose reason is recorded.
 */
export const permitInspectInput = z
  .object({
    id: entityId('装修许可证'),
    inspector: text('验收人', 20),
    note: optionalText('验收意见', 200),
    deductFen: fen('扣款金额').optional(),
    deductReason: optionalText('扣款原因', 100),
  })
  .superRefine((v, ctx) => {
    if (v.deductFen && !v.deductReason) ctx.addIssue({ code: 'custom', path: ['deductReason'], message: '有扣款时须填写扣款原因' })
  })

// ───────────────────────────── results ─────────────────────────────

/** A line of a list or queue. Personal data is not in rows. */
export interface PermitRow {
  id: string
  kind: PermitKind
  kindName: string
  serial: string
  /** As of now (an approved/issued document past its validity reads `expired`). */
  state: PermitState
  stateLabel: string
  unitId: string
  unitLabel: string
  applicantName: string
  applicantRole: ApplicantRole
  /** The worker, welder, carrier, renovation lead; else the applicant. */
  holderName: string
  validFrom: string
  validUntil: string
  /** Local `YYYY-MM-DD HH:mm`. */
  submittedAt: string
  /** The step waiting for a decision (审批中 only). */
  nextStepLabel: string | null
  nextStepRole: Role | null
  printCount: number
  renovationId: string | null
  parentSerial: string | null
  replacesSerial: string | null
}

export interface PermitPrintRow {
  /** Local `YYYY-MM-DD HH:mm`. */
  at: string
  staffName: string
  terminalId: string
  /** 0: the first print; n: 补打(第n次). */
  reprint: number
}

/** charge: money taken; refund: money given back; forfeit: a deposit kept, with the reason in the note. */
export const LEDGER_KINDS = ['charge', 'refund', 'forfeit'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]
/** deposit / fee: a worker pass's; renovationDeposit: 装修押金 (booked on the renovation); extensionFee: 延期费用. */
export const LEDGER_ITEMS = ['deposit', 'fee', 'renovationDeposit', 'extensionFee'] as const
export type LedgerItem = (typeof LEDGER_ITEMS)[number]
export const LEDGER_LABELS: Record<`${LedgerKind}:${LedgerItem}`, string> = {
  'charge:deposit': '收出入证押金',
  'charge:fee': '收工本费',
  'charge:renovationDeposit': '收装修押金',
  'charge:extensionFee': '收延期费用',
  'refund:deposit': '退出入证押金',
  'refund:fee': '退工本费',
  'refund:renovationDeposit': '退装修押金',
  'refund:extensionFee': '退延期费用',
  'forfeit:deposit': '出入证押金不予退还',
  'forfeit:fee': '工本费不予退还',
  'forfeit:renovationDeposit': '装修押金扣除',
  'forfeit:extensionFee': '延期费用不予退还',
}

/** One row of the deposit ledger (append-only). Money in fen, always positive; `kind` gives the direction. */
export interface DepositRow {
  id: string
  /** Local `YYYY-MM-DD HH:mm`. */
  at: string
  kind: LedgerKind
  item: LedgerItem
  label: string
  amountFen: number
  passId: string
  passSerial: string
  workerName: string
  renovationId: string
  renovationSerial: string
  receiptNo: string | null
  staffName: string
  note: string | null
}

export interface DepositTotals {
  depositChargedFen: number
  feeChargedFen: number
  depositRefundedFen: number
  /** Pass deposits kept (lost or damaged pass), with the reason in the ledger. */
  depositForfeitedFen: number
  /** Pass deposits still held (charged − refunded − kept). */
  depositHeldFen: number
  renovationDepositChargedFen: number
  renovationDepositRefundedFen: number
  renovationDepositForfeitedFen: number
  /** 装修押金 still held. */
  renovationDepositHeldFen: number
  extensionFeeChargedFen: number
}

export interface DepositLedger {
  rows: DepositRow[]
  totals: DepositTotals
}

export interface PermitAttachment {
  id: string
  /** 'photo': the worker's one-inch photo; 'attachment': a copy filed with the application. */
  kind: 'photo' | 'attachment'
  label: string
  fileName: string
  mime: string
  sizeBytes: number
  /** May the caller open it (shared/permit/access.ts)? */
  readable: boolean
}

export interface PermitFile extends Omit<PermitAttachment, 'readable'> {
  dataUrl: string
}

export interface PermitView {
  id: string
  /**
   * The record as the rules and the printer see it. ID numbers and phones are masked
   * (110101********1234, 138****5678); a worker's photo is in `fields.photo`.
   */
  record: PermitRecord
  kindName: string
  /** As of now. */
  effectiveState: PermitState
  stateLabel: string
  nextStep: NextStep | null
  /** Review steps not yet approved, by label. */
  missingApprovals: string[]
  /** May it be printed now (first print or 补打), and if not, why. */
  printable: { ok: boolean; reason?: string }
  /** May the caller decide the waiting step, and if not, why. */
  reviewable: { ok: boolean; reason?: string }
  reviews: Review[]
  prints: PermitPrintRow[]
  /** The renovation of a worker pass or extension. */
  renovation: PermitRow | null
  /** Of a renovation: its worker passes and extensions, newest first. */
  children: PermitRow[]
  /** A re-issued pass: the pass it replaces, and the pass that replaced this one. */
  replaces: { id: string; serial: string } | null
  replacedBy: { id: string; serial: string } | null
  /** Of a worker pass (its chain of re-issues), a renovation (all money of it), else what is booked on it. */
  ledger: DepositRow[]
  deposit: DepositTotals
  attachments: PermitAttachment[]
  /** The QR text of the latest paper (no secret in it); null before a serial exists. */
  verifyPayload: string | null
  /** Does the record still match its keyed history (issue E)? Broken: nothing may be done with it. */
  seal: PermitSealStatus
}

export interface PermitBrief {
  id: string
  kind: PermitKind
  kindName: string
  serial: string
  holder: string
  unitLabel: string
  validFrom: string
  validUntil: string
  /** As of now. */
  state: PermitState
  stateLabel: string
  /** Release slip: its goods, one line each (冰箱 ×1); lift use: what is carried. */
  goods?: string[]
}

export interface PermitVerifyResult {
  outcome: VerifyOutcome
  label: string
  /** One line for the guard. */
  detail: string
  /** False when a serial was typed by hand (no check code compared). */
  codeChecked: boolean
  permit: PermitBrief | null
  /** permit.use only: when it was marked used (local `YYYY-MM-DD HH:mm`). */
  usedAt?: string
  /** A visitor slip (FK-…) read at the gate: who, which unit, the day it is good for, signed out or not. */
  visitor?: VisitorSlipBrief
}
