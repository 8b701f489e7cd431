import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import {
  READS_VISITORS,
  SETS_VISITORS,
  VISITOR_DESK_ROLES,
  visitorCancelExpectedInput,
  visitorDayInput,
  visitorExpectInput,
  visitorExpectedInput,
  visitorIdInput,
  visitorSettingsSchema,
  visitorSignInInput,
  visitorSignOutInput,
  visitorUpdateInput,
  type ExpectedVisitorRow,
  type VisitorSettings,
  type VisitRow,
} from './schema'

/** 访客 · 业户访问记录: sign in and out at the desk, visitors expected by an owner's call, the day's book and the slip. */
export const visitorApi = {
  'visitor.settings': method<VisitorSettings>()(z.object({}).optional(), READS_VISITORS),
  'visitor.saveSettings': method<VisitorSettings>()(visitorSettingsSchema, SETS_VISITORS),
  'visitor.signIn': method<VisitRow>()(visitorSignInInput, VISITOR_DESK_ROLES),
  'visitor.update': method<VisitRow>()(visitorUpdateInput, VISITOR_DESK_ROLES),
  'visitor.signOut': method<VisitRow>()(visitorSignOutInput, VISITOR_DESK_ROLES),
  /** Who is still in: signed in and not out, any day (the oldest first). */
  'visitor.inside': method<VisitRow[]>()(z.object({}).optional(), READS_VISITORS),
  /** The visits signed in on a local day (业户访问记录). */
  'visitor.day': method<VisitRow[]>()(visitorDayInput, READS_VISITORS),
  'visitor.expect': method<ExpectedVisitorRow>()(visitorExpectInput, VISITOR_DESK_ROLES),
  'visitor.cancelExpected': method<null>()(visitorCancelExpectedInput, VISITOR_DESK_ROLES),
  /** Expected visitors of a local day (today on the desk), those signed in included. */
  'visitor.expected': method<ExpectedVisitorRow[]>()(visitorExpectedInput, READS_VISITORS),
  'visitor.printSlip': method<PdfFile>()(visitorIdInput, VISITOR_DESK_ROLES),
  'visitor.printDay': method<PdfFile>()(visitorDayInput, READS_VISITORS),
}
