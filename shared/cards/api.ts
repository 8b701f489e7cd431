import { z } from 'zod'
import { method } from '../api/contract'
import type { PdfFile } from '../print/api'
import { DESK_ROLES } from '../roles'
import {
  CARD_DESK_ROLES,
  CARD_SETTINGS_ROLES,
  cardExportInput,
  cardHistoryInput,
  cardIssueInput,
  cardKindSaveInput,
  cardLostInput,
  cardReplaceInput,
  cardReturnInput,
  cardStockInput,
  type CardExport,
  type CardHistoryEntry,
  type CardKind,
  type CardRow,
  type CardStock,
} from './schema'

export * from './schema'

const none = z.object({}).optional()
const byCard = z.object({ id: z.string({ error: '门禁卡编号不能为空' }).min(1, { error: '门禁卡编号不能为空' }).max(64) })
/** One drawn signature of ≤400 KB (as at handover). */
const WITH_SIGNATURE = { maxBody: 512 * 1024 }
const listInput = z.object({ unitId: z.string().max(64).optional(), residentId: z.string().max(64).optional(), cardNo: z.string().max(20).optional() }).optional()

/**
 * 门禁卡: kinds are site settings (admin, supervisor); issuing, reporting lost, replacing, returning,
 * stock movements and the gate export are the desk's clerks'; reads (holders' names) are for desk roles only,
 * not the reviewers (工程/安全).
 */
export const cardApi = {
  'card.kinds': method<CardKind[]>()(none, DESK_ROLES),
  'card.kindSave': method<CardKind>()(cardKindSaveInput, CARD_SETTINGS_ROLES),
  /** 停用: the kind stays under the cards issued with it, and is no longer offered when issuing. */
  'card.kindRetire': method<CardKind[]>()(z.object({ id: z.string({ error: '卡类不能为空' }).min(1, { error: '卡类不能为空' }).max(64) }), CARD_SETTINGS_ROLES),
  'card.stock': method<CardStock[]>()(none, DESK_ROLES),
  'card.stockMove': method<CardStock[]>()(cardStockInput, CARD_DESK_ROLES),
  'card.issue': method<CardRow>()(cardIssueInput, CARD_DESK_ROLES, WITH_SIGNATURE),
  'card.lost': method<CardRow>()(cardLostInput, CARD_DESK_ROLES),
  'card.replace': method<CardRow>()(cardReplaceInput, CARD_DESK_ROLES, WITH_SIGNATURE),
  'card.return': method<CardRow & { refundedFen: number }>()(cardReturnInput, CARD_DESK_ROLES),
  'card.list': method<CardRow[]>()(listInput, DESK_ROLES),
  'card.history': method<CardHistoryEntry[]>()(cardHistoryInput, DESK_ROLES),
  'card.exportBlockList': method<CardExport>()(cardExportInput, CARD_DESK_ROLES),
  'card.printReceipt': method<PdfFile>()(byCard, CARD_DESK_ROLES),
}
