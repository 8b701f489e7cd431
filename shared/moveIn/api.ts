import { z } from 'zod'
import { method } from '../api/contract'
import type { CardRow } from '../cards/schema'
import type { PdfFile } from '../print/api'
import {
  MOVE_IN_ROLES,
  MOVE_IN_SETTINGS_ROLES,
  moveInCardInput,
  moveInDocumentsInput,
  moveInListInput,
  moveInSignInput,
  moveInStartInput,
  moveInUpdateInput,
  READS_MOVE_IN,
  type MoveInRow,
} from './schema'

export * from './schema'

const byId = z.object({ id: z.string({ error: '入住手续编号不能为空' }).min(1, { error: '入住手续编号不能为空' }).max(64) })
/** One drawn signature of ≤400 KB (as at handover). */
const WITH_SIGNATURE = { maxBody: 512 * 1024 }

/** 入住手续: the checklist at the desk; its documents list is a site setting. */
export const moveInApi = {
  'moveIn.documents': method<string[]>()(z.object({}).optional(), READS_MOVE_IN),
  'moveIn.saveDocuments': method<string[]>()(moveInDocumentsInput, MOVE_IN_SETTINGS_ROLES),
  'moveIn.start': method<MoveInRow>()(moveInStartInput, MOVE_IN_ROLES),
  'moveIn.update': method<MoveInRow>()(moveInUpdateInput, MOVE_IN_ROLES),
  /** Issues an access card through the card register (card.issue's own service) and lists it on the checklist. */
  'moveIn.issueCard': method<{ moveIn: MoveInRow; card: CardRow }>()(moveInCardInput, MOVE_IN_ROLES, WITH_SIGNATURE),
  'moveIn.sign': method<MoveInRow>()(moveInSignInput, MOVE_IN_ROLES, WITH_SIGNATURE),
  'moveIn.get': method<MoveInRow>()(byId, READS_MOVE_IN),
  'moveIn.list': method<MoveInRow[]>()(moveInListInput, READS_MOVE_IN),
  'moveIn.print': method<PdfFile>()(byId, READS_MOVE_IN),
}
