import { z } from 'zod'
import { fenAmount, yuanText } from '../validate/money'
import { entityId, optionalText, text } from '../validate/fields'
import { ownerConsentSchema } from '../permit/schema/common'
import { drawnSignature } from '../duty/handoverSchema'
import type { Role } from '../roles'

/**
 * 门禁卡 · 电梯卡 · 功能卡 (DOMAIN.md "Access cards"): one contract for the form and the core. A card
 * number is what the gate controller knows the card by, so it is kept as read: digits and the letters
 * A–F (a reader printing hex), 4–20 characters, upper case.
 */

export const CARD_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
export const CARD_SETTINGS_ROLES: readonly Role[] = ['admin', 'supervisor']

/** Digits and hex letters; a space or a stray key from the reader is refused, not stripped. */
export const CARD_NO_RE = /^[0-9A-F]{4,20}$/

export const cardNo = (label = '卡号') =>
  z
    .string({ error: `${label}不能为空` })
    .transform((v) => v.trim().toUpperCase())
    .pipe(
      z
        .string()
        .min(1, { error: `${label}不能为空` })
        .regex(CARD_NO_RE, { error: `${label}只能是 4–20 位数字或字母 A–F(读卡器带入的其他字符不收)` }),
    )

/** Kinds the form offers; the code is generated (MJ-01 …), the name typed. */
export const cardKindSaveInput = z.object({
  id: entityId('卡类').optional(),
  name: text('卡类名称', 20),
  depositFen: fenAmount('押金'),
  feeFen: fenAmount('工本费'),
  replaceFeeFen: fenAmount('补卡费'),
})

/** The form's own shape: money typed in 元, parsed by the same rules as every amount on the desk. */
export const cardKindForm = z.object({
  name: text('卡类名称', 20),
  deposit: yuanText('押金'),
  fee: yuanText('工本费'),
  replaceFee: yuanText('补卡费'),
})

export const STOCK_MOVES = ['received', 'spoiled'] as const
export const STOCK_LABELS: Record<'received' | 'issued' | 'spoiled', string> = { received: '领入空白卡', issued: '发卡', spoiled: '损坏报废' }

export const cardStockInput = z.object({
  kindId: entityId('卡类'),
  move: z.enum(STOCK_MOVES, { error: '库存变动应为领入或报废' }),
  count: z.number({ error: '数量应为数字' }).int({ error: '数量应为整数' }).min(1, { error: '数量至少为 1' }).max(10000, { error: '数量过大' }),
  /** A spoiled card that carries a number: the number is used up for ever. */
  cardNo: cardNo('报废卡号').optional(),
  note: optionalText('备注', 200),
})

export const ENTRY_KINDS = ['typed', 'reader'] as const

export const cardIssueInput = z.object({
  unitId: entityId('房屋'),
  holderResidentId: entityId('持卡人'),
  kindId: entityId('卡类'),
  cardNo: cardNo(),
  /** How the number came in: typed, or read by the USB reader (keyboard wedge). */
  entry: z.enum(ENTRY_KINDS, { error: '卡号来源应为手输或读卡器' }),
  ownerConsent: ownerConsentSchema.optional(),
  receiptNo: optionalText('收据号', 40),
  note: optionalText('备注', 200),
  /** Drawn on the screen; required where the site turns it on (项目设置 › 门禁卡签收手写签名). */
  holderSignature: drawnSignature('持卡人签名'),
})

export const cardLostInput = z.object({ id: entityId('门禁卡'), reporter: text('挂失人', 20), note: optionalText('备注', 200) })
export const cardReplaceInput = z.object({
  id: entityId('门禁卡'),
  cardNo: cardNo('新卡号'),
  entry: z.enum(ENTRY_KINDS, { error: '卡号来源应为手输或读卡器' }),
  receiptNo: optionalText('收据号', 40),
  holderSignature: drawnSignature('持卡人签名'),
})
export const cardReturnInput = z.object({ id: entityId('门禁卡'), note: optionalText('备注', 200) })
export const cardExportInput = z.object({ scope: z.enum(['all', 'changes'], { error: '导出范围应为全部或上次导出以来的变动' }) })
export const cardHistoryInput = z
  .object({ cardId: entityId('门禁卡').optional(), unitId: entityId('房屋').optional(), residentId: entityId('持卡人').optional() })
  .refine((v) => v.cardId || v.unitId || v.residentId, { message: '请选择门禁卡、房屋或持卡人', path: ['cardId'] })

export type CardStatus = 'active' | 'lost' | 'returned'
export const CARD_STATUS_LABELS: Record<CardStatus, string> = { active: '正常', lost: '已挂失', returned: '已退卡' }

export interface CardKind {
  id: string
  code: string
  name: string
  depositFen: number
  feeFen: number
  replaceFeeFen: number
}

export interface CardStock {
  kindId: string
  kindName: string
  received: number
  issued: number
  spoiled: number
  onHand: number
}

export interface CardRow {
  id: string
  cardNo: string
  kindId: string
  kindName: string
  unitId: string
  unitLabel: string
  holderResidentId: string
  holderName: string
  holderKind: string
  status: CardStatus
  /** When the card reached its status (issued, reported lost, returned), UTC ISO. */
  since: string
  depositHeldFen: number
  replacesCardNo: string | null
  replacedByCardNo: string | null
  issuedAt: string
  issuedBy: string
}

export interface CardHistoryEntry {
  cardId: string
  cardNo: string
  at: string
  what: string
  staffName: string
}

export interface CardExport {
  fileName: string
  /** UTF-8 with BOM, CRLF lines: what the gate controller's import reads. */
  csv: string
  count: number
  since: string | null
}
