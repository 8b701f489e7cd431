import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import type { ComplaintAnalysis } from './analysis'
import {
  COMPLAINT_DESK_ROLES,
  complaintCallBackInput,
  complaintCloseInput,
  complaintCreateInput,
  complaintFollowUpInput,
  complaintIdInput,
  complaintRangeInput,
  complaintResultInput,
  complaintSettingsSchema,
  complaintSlipInput,
  complaintValidityInput,
  DECIDES_VALIDITY,
  KEEPS_COMPLAINT_SETTINGS,
  READS_COMPLAINTS,
  SEES_COMPLAINT_QUEUE,
  type ComplaintDetail,
  type ComplaintRow,
  type ComplaintSettings,
} from './schema'

/** 投诉 · 客户投诉登记表: register, work contact slips, steps to closure, the supervisor's decision, analysis and prints. */
export const complaintApi = {
  'complaint.settings': method<ComplaintSettings>()(z.object({}).optional(), READS_COMPLAINTS),
  'complaint.saveSettings': method<ComplaintSettings>()(complaintSettingsSchema, KEEPS_COMPLAINT_SETTINGS),
  'complaint.create': method<ComplaintDetail>()(complaintCreateInput, COMPLAINT_DESK_ROLES),
  'complaint.get': method<ComplaintDetail>()(complaintIdInput, READS_COMPLAINTS),
  /** Open complaints, major first, then the oldest. */
  'complaint.open': method<ComplaintRow[]>()(z.object({}).optional(), READS_COMPLAINTS),
  /** Complaints received in local days from..to (the register). */
  'complaint.list': method<ComplaintRow[]>()(complaintRangeInput, READS_COMPLAINTS),
  'complaint.issueSlip': method<ComplaintDetail>()(complaintSlipInput, COMPLAINT_DESK_ROLES),
  'complaint.followUp': method<ComplaintDetail>()(complaintFollowUpInput, COMPLAINT_DESK_ROLES),
  'complaint.result': method<ComplaintDetail>()(complaintResultInput, COMPLAINT_DESK_ROLES),
  'complaint.callBack': method<ComplaintDetail>()(complaintCallBackInput, COMPLAINT_DESK_ROLES),
  'complaint.close': method<ComplaintDetail>()(complaintCloseInput, COMPLAINT_DESK_ROLES),
  'complaint.decideValidity': method<ComplaintDetail>()(complaintValidityInput, DECIDES_VALIDITY),
  /** The supervisor's and director's queue: open major complaints, and complaints awaiting the validity decision. */
  'complaint.queue': method<{ major: ComplaintRow[]; undecided: ComplaintRow[] }>()(z.object({}).optional(), SEES_COMPLAINT_QUEUE),
  'complaint.analysis': method<ComplaintAnalysis>()(complaintRangeInput, READS_COMPLAINTS),
  'complaint.printSlip': method<PdfFile>()(z.object({ slipId: z.string().min(1, { error: '联系单编号不能为空' }).max(64) }), COMPLAINT_DESK_ROLES),
  'complaint.printRegister': method<PdfFile>()(complaintRangeInput, READS_COMPLAINTS),
  'complaint.printAnalysis': method<PdfFile>()(complaintRangeInput, READS_COMPLAINTS),
}
