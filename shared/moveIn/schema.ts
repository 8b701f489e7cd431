import { z } from 'zod'
import { cardIssueInput } from '../cards/schema'
import { drawnSignature } from '../duty/handoverSchema'
import type { Role } from '../roles'
import { handedCount } from '../reception/fields'
import { entityId, optionalText, text } from '../validate/fields'

/**
 * 入住手续 (DOMAIN.md "Reception"; seed 001 篇5: new-owner move-in — door keys, access cards, electricity
 * card, mailbox key …): one checklist per unit handed over, its cards issued through the card register,
 * signed by the new owner from the registry, printed as 入住交接单.
 */
export const MOVE_IN_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
export const READS_MOVE_IN: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
export const MOVE_IN_SETTINGS_ROLES: readonly Role[] = ['admin', 'supervisor']

/** The documents handed over, a desk setting ('moveIn.documents'); names typed by the administrator. */
export const MOVE_IN_DOCUMENTS_KEY = 'moveIn.documents'
export const DEFAULT_MOVE_IN_DOCUMENTS = ['业主手册', '住户手册', '装修管理规定', '房屋质量保证书', '房屋使用说明书', '收楼确认书']
export const moveInDocumentsSetting = z
  .array(text('资料名称', 30), { error: '资料清单应为列表' })
  .max(30, { error: '资料清单最多30项' })
  .refine((l) => new Set(l).size === l.length, { error: '资料名称重复' })
export const moveInDocumentsInput = z.object({ documents: moveInDocumentsSetting })

/** The counted items of the checklist (the cards are their own list, issued through the card register). */
export const MOVE_IN_COUNTS = ['doorKeys', 'electricityCards', 'waterCards', 'mailboxKeys'] as const
export type MoveInCount = (typeof MOVE_IN_COUNTS)[number]
export const MOVE_IN_COUNT_LABELS: Record<MoveInCount, string> = { doorKeys: '入户门钥匙', electricityCards: '电卡', waterCards: '水卡', mailboxKeys: '信箱钥匙' }
export const MOVE_IN_COUNT_UNITS: Record<MoveInCount, string> = { doorKeys: '把', electricityCards: '张', waterCards: '张', mailboxKeys: '把' }

const checklist = {
  doorKeys: handedCount('入户门钥匙数量'),
  electricityCards: handedCount('电卡数量'),
  waterCards: handedCount('水卡数量'),
  mailboxKeys: handedCount('信箱钥匙数量'),
  /** Names from the documents setting that were handed over. */
  documents: z.array(text('资料名称', 30)).max(30, { error: '资料最多30项' }),
  note: optionalText('备注', 300),
}

export const moveInStartInput = z.object({ unitId: entityId('房屋'), ownerResidentId: entityId('新业主'), ...checklist })
export const moveInUpdateInput = z.object({ id: entityId('入住手续'), ...checklist })
/** An access card for the move-in: the card register's own input, with the move-in it belongs to. */
export const moveInCardInput = cardIssueInput.extend({ moveInId: entityId('入住手续') })
/** Signed by the new owner, who must be an owner of the unit in the registry; a drawn signature is optional. */
export const moveInSignInput = z.object({
  id: entityId('入住手续'),
  ownerResidentId: z.string({ error: '请选择签字的新业主' }).trim().min(1, { error: '请选择签字的新业主' }).max(64),
  ownerSignature: drawnSignature('业主签名'),
})
export const moveInListInput = z.object({ unitId: z.string().max(64).optional() }).optional()

export interface MoveInCardLine {
  cardId: string
  cardNo: string
  kindName: string
  holderName: string
  issuedAt: string
}

export interface MoveInRow {
  id: string
  serial: string
  unitId: string
  unitLabel: string
  ownerResidentId: string
  ownerName: string
  doorKeys: number
  electricityCards: number
  waterCards: number
  mailboxKeys: number
  documents: string[]
  note: string | null
  cards: MoveInCardLine[]
  startedAt: string
  staffName: string
  /** Signed: the checklist is closed and prints as signed. */
  signedAt: string | null
  signedByName: string | null
  hasDrawnSignature: boolean
}
