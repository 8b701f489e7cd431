import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import { READS_AUDIT } from '../roles'
import { PERMIT_FILE_READERS } from './access'
import { renovationLeadsInput, type RenovationLead } from './leads'
import type { PermitSealReport } from './seal'
import type { DoubleUse } from './doubleUse'
import { permitReviewInput, permitVerifyInput, permitVoidInput } from './schema/index'
import {
  byPermit,
  depositListInput,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  PERMIT_DESK_ROLES,
  PERMIT_REVIEW_ROLES,
  permitApplyRequest,
  permitFileInput,
  permitInspectInput,
  permitListInput,
  permitPrintPassesInput,
  permitReturnInput,
  permitUseInput,
  READS_DEPOSITS,
  workerPassBatchInput,
  type DepositLedger,
  type PermitFile,
  type PermitRow,
  type PermitVerifyResult,
  type PermitView,
} from './apiSchema'

export * from './apiSchema'

const none = z.object({}).optional()

// Request size limits of the HTTP door, from the schemas' own limits (base64 is 4/3 of the bytes).
const PHOTO_CHARS = 700_000 // photoDataUrl
const FORM_TEXT = 1024 * 1024 // every text field of a form, generously
/** permit.apply: up to MAX_ATTACHMENTS attachments of MAX_ATTACHMENT_BYTES, one photo, the form. */
export const PERMIT_APPLY_MAX_BODY = MAX_ATTACHMENTS * (Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 400) + PHOTO_CHARS + FORM_TEXT
/** workerPass.issueBatch: up to 48 workers with a photo each. */
export const WORKER_BATCH_MAX_BODY = 48 * (PHOTO_CHARS + 2048) + FORM_TEXT

/**
 * 证件与许可: one approval engine for every form kind (shared/permit/rules.ts). Desk roles apply,
 * print, void, take passes back and issue passes; each review step is decided by the role the kind
 * declares (kinds.ts); any logged-in staff may read and verify; the desk marks a slip used.
 */
export const permitApi = {
  'permit.apply': method<PermitView>()(permitApplyRequest, PERMIT_DESK_ROLES, { maxBody: PERMIT_APPLY_MAX_BODY }),
  'permit.get': method<PermitView>()(byPermit, 'session'),
  'permit.list': method<{ rows: PermitRow[]; total: number }>()(permitListInput, 'session'),
  'permit.queue': method<PermitRow[]>()(none, 'session'),
  'permit.review': method<PermitView>()(permitReviewInput, PERMIT_REVIEW_ROLES),
  'permit.print': method<PdfFile>()(byPermit, PERMIT_DESK_ROLES),
  'permit.printPasses': method<PdfFile>()(permitPrintPassesInput, PERMIT_DESK_ROLES),
  'permit.void': method<PermitView>()(permitVoidInput, PERMIT_DESK_ROLES),
  'permit.return': method<PermitView>()(permitReturnInput, PERMIT_DESK_ROLES),
  /** 装修验收: the renovation passed; its 装修押金 refunded (less a deduction with its reason). */
  'permit.inspect': method<PermitView>()(permitInspectInput, PERMIT_DESK_ROLES),
  'permit.verify': method<PermitVerifyResult>()(permitVerifyInput, 'session'),
  /** Taking a slip at the gate is the desk's job (issue E: not every logged-in role). */
  'permit.use': method<PermitVerifyResult>()(permitUseInput, PERMIT_DESK_ROLES),
  /** Single-use slips taken more than once (two terminals cut off from each other): incidents for the supervisor. */
  'permit.doubleUses': method<DoubleUse[]>()(none, READS_AUDIT),
  'permit.file': method<PermitFile>()(permitFileInput, PERMIT_FILE_READERS),
  'workerPass.issueBatch': method<PermitView[]>()(workerPassBatchInput, PERMIT_DESK_ROLES, { maxBody: WORKER_BATCH_MAX_BODY }),
  /** 校验: every permit against its keyed history, and every terminal's chain of seals. */
  'permit.checkSeals': method<PermitSealReport>()(none, READS_AUDIT),
  'deposit.list': method<DepositLedger>()(depositListInput, READS_DEPOSITS),
  /** The leads of the unit's running renovations, for the desk's applicant picker (whole numbers audited). */
  'permit.renovationLeads': method<RenovationLead[]>()(renovationLeadsInput, PERMIT_DESK_ROLES),
}
