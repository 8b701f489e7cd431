import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import { permitReviewInput, permitVerifyInput, permitVoidInput } from './schema/index'
import {
  byPermit,
  depositListInput,
  PERMIT_DESK_ROLES,
  PERMIT_REVIEW_ROLES,
  permitApplyRequest,
  permitFileInput,
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

/**
 * 证件与许可: one approval engine for every form kind (shared/permit/rules.ts). Desk roles apply,
 * print, void, take passes back and issue passes; each review step is decided by the role the kind
 * declares (kinds.ts); any logged-in staff may read, verify and mark a slip used.
 */
export const permitApi = {
  'permit.apply': method<PermitView>()(permitApplyRequest, PERMIT_DESK_ROLES),
  'permit.get': method<PermitView>()(byPermit, 'session'),
  'permit.list': method<{ rows: PermitRow[]; total: number }>()(permitListInput, 'session'),
  'permit.queue': method<PermitRow[]>()(none, 'session'),
  'permit.review': method<PermitView>()(permitReviewInput, PERMIT_REVIEW_ROLES),
  'permit.print': method<PdfFile>()(byPermit, PERMIT_DESK_ROLES),
  'permit.printPasses': method<PdfFile>()(permitPrintPassesInput, PERMIT_DESK_ROLES),
  'permit.void': method<PermitView>()(permitVoidInput, PERMIT_DESK_ROLES),
  'permit.return': method<PermitView>()(permitReturnInput, PERMIT_DESK_ROLES),
  'permit.verify': method<PermitVerifyResult>()(permitVerifyInput, 'session'),
  'permit.use': method<PermitVerifyResult>()(permitUseInput, 'session'),
  'permit.file': method<PermitFile>()(permitFileInput, 'session'),
  'workerPass.issueBatch': method<PermitView[]>()(workerPassBatchInput, PERMIT_DESK_ROLES),
  'deposit.list': method<DepositLedger>()(depositListInput, READS_DEPOSITS),
}
