import { z } from 'zod'
import { attachmentInput } from '../permit/apiSchema'
import type { Role } from '../roles'
import { entityId, idNumber, isoDate, optionalText, phone, text } from '../validate/fields'

/** Who works spare keys at the desk: take a deposit, release, take back, close, print. */
export const SPARE_KEY_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Who reads what is held and who may collect it (the director reads too). */
export const READS_SPARE_KEYS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
/** Who enters or ends an authorised collector (the owner's written authorisation): the front-desk administrator or the supervisor. */
export const KEEPS_COLLECTORS: readonly Role[] = ['admin', 'supervisor']

export const MAX_KEYS_PER_DEPOSIT = 20
export const MAX_COLLECTOR_FILES = 3

const keyCount = (label: string) =>
  z.coerce
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(1, { error: `${label}不能小于1` })
    .max(MAX_KEYS_PER_DEPOSIT, { error: `${label}不能大于${MAX_KEYS_PER_DEPOSIT}` })

/** The number on the sealed bag (封袋编号): digits, letters and '-', as the site numbers its bags. */
const bagNo = z
  .string({ error: '封袋编号不能为空' })
  .trim()
  .min(1, { error: '封袋编号不能为空' })
  .max(20, { error: '封袋编号不能超过20个字符' })
  .regex(/^[0-9A-Za-z-]+$/, { error: '封袋编号只能是数字、字母或“-”' })
  .transform((v) => v.toUpperCase())

/** spareKey.deposit: the owner (from the registry) leaves keys in a sealed bag at the desk. */
export const spareKeyDepositInput = z.object({
  unitId: entityId('房屋'),
  ownerResidentId: entityId('业主'),
  description: text('钥匙说明', 60),
  keyCount: keyCount('钥匙数量'),
  bagNo,
  note: optionalText('备注', 200),
})

/** How the ID number reached the field: typed by the clerk or read by a USB ID-card/QR reader (keyboard wedge). */
export const ID_ENTRIES = ['typed', 'reader'] as const
export type IdEntry = (typeof ID_ENTRIES)[number]

/**
 * spareKey.release / spareKey.close: the person at the desk shows their ID; the number typed or read
 * must be that of a registered owner of the unit or of a listed, currently valid collector.
 * `askerName` is who the person says they are — kept on a refused release (who asked).
 */
export const spareKeyHandOverInput = z.object({
  depositId: entityId('寄存记录'),
  idNumber: idNumber('领取人身份证号'),
  entry: z.enum(ID_ENTRIES, { error: '录入方式应为手输或读卡器' }).default('typed'),
  askerName: optionalText('领取人姓名', 30),
  note: optionalText('备注', 200),
})

/** spareKey.return: the bag comes back; all its keys (counted), resealed perhaps in a new bag. */
export const spareKeyReturnInput = z.object({
  depositId: entityId('寄存记录'),
  returnedBy: text('归还人', 30),
  keyCount: keyCount('归还钥匙数量'),
  bagNo: bagNo.optional(),
  note: optionalText('备注', 200),
})

export const collectorAddInput = z
  .object({
    unitId: entityId('房屋'),
    /** The owner who signed the written authorisation (from the registry). */
    ownerResidentId: entityId('授权业主'),
    name: text('领取人姓名', 30),
    idNumber: idNumber('领取人身份证号'),
    phone: phone('领取人电话'),
    relation: text('与业主关系', 20),
    validFrom: isoDate('授权生效日期'),
    validTo: isoDate('授权截止日期'),
    note: optionalText('备注', 200),
    attachments: z
      .array(attachmentInput, { error: '请上传业主书面授权书(扫描件或照片)' })
      .min(1, { error: '请上传业主书面授权书(扫描件或照片)' })
      .max(MAX_COLLECTOR_FILES, { error: `授权书附件不能超过${MAX_COLLECTOR_FILES}个` }),
  })
  .refine((v) => v.validFrom <= v.validTo, { path: ['validTo'], error: '授权截止日期不能早于生效日期' })

export const collectorEndInput = z.object({ id: entityId('授权领取人'), reason: text('终止原因', 100) })

export const byDeposit = z.object({ id: entityId('寄存记录') })
export const byUnit = z.object({ unitId: entityId('房屋') })
export const spareKeyListInput = z
  .object({
    unitId: entityId('房屋').optional(),
    /** Closed deposits too (the record of a unit). */
    includeClosed: z.boolean({ error: '是否含已结束应为是或否' }).optional(),
  })
  .optional()
export const spareKeyHistoryInput = z
  .object({ depositId: entityId('寄存记录').optional(), unitId: entityId('房屋').optional() })
  .refine((v) => !!v.depositId || !!v.unitId, { path: ['depositId'], error: '请指定寄存记录或房屋' })

/** held: on the hook at the desk; out: released, not yet back; closed: the owner took them back for good. */
export type SpareKeyState = 'held' | 'out' | 'closed'
export const SPARE_KEY_STATE_LABELS: Record<SpareKeyState, string> = { held: '在库', out: '已领出', closed: '已结束寄存' }

export interface SpareKeyDeposit {
  id: string
  /** 寄存回执 number, e.g. JC-2026-0001. */
  receiptNo: string
  unitId: string
  unitLabel: string
  ownerResidentId: string
  ownerName: string
  description: string
  keyCount: number
  /** The bag number now (a return may reseal in a new bag). */
  bagNo: string
  depositedAt: string
  depositedBy: string
  note: string | null
  state: SpareKeyState
  /** While out: who took them and when. */
  outTo: string | null
  outSince: string | null
  closedAt: string | null
}

/**
 * valid: may collect today; notYet / expired: outside valid from–to; ended: ended by the administrator or
 * supervisor; ownerGone: the owner who signed is no longer a registered owner of the unit (sold, removed).
 */
export type CollectorStatus = 'valid' | 'notYet' | 'expired' | 'ended' | 'ownerGone'
export const COLLECTOR_STATUS_LABELS: Record<CollectorStatus, string> = { valid: '有效', notYet: '未生效', expired: '已过期', ended: '已终止', ownerGone: '授权业主已变更' }

export interface SpareKeyCollector {
  id: string
  unitId: string
  ownerName: string
  name: string
  /** Masked (shared/mask.ts) as in every list. */
  idNumber: string
  phone: string
  relation: string
  validFrom: string
  validTo: string
  note: string | null
  status: CollectorStatus
  endedAt: string | null
  endReason: string | null
  enteredBy: string
  files: Array<{ id: string; label: string; fileName: string; mime: string; sizeBytes: number }>
}

export interface SpareKeyCollectorFile {
  id: string
  label: string
  fileName: string
  mime: string
  sizeBytes: number
  dataUrl: string
}

export const SPARE_KEY_MOVES = ['deposit', 'release', 'return', 'refused', 'close'] as const
export type SpareKeyMoveKind = (typeof SPARE_KEY_MOVES)[number]
export const SPARE_KEY_MOVE_LABELS: Record<SpareKeyMoveKind, string> = {
  deposit: '寄存',
  release: '领出',
  return: '归还',
  refused: '拒绝领取',
  close: '取回结束寄存',
}

export interface SpareKeyMove {
  id: string
  depositId: string
  receiptNo: string
  unitLabel: string
  move: SpareKeyMoveKind
  at: string
  /** Who took, brought back or asked (refused). */
  personName: string
  /** owner / collector / unlisted (refused), or null for a return or the deposit itself. */
  personRole: 'owner' | 'collector' | 'unlisted' | null
  /** Masked. */
  idNumber: string | null
  entry: IdEntry | null
  keyCount: number | null
  bagNo: string | null
  /** Why a release was refused; a note otherwise. */
  reason: string | null
  staffName: string
}

export interface UnitSpareKeys {
  deposits: SpareKeyDeposit[]
  collectors: SpareKeyCollector[]
  /** Keys held at the desk for the unit now (deposited, not out, not closed). */
  keysHeld: number
}
