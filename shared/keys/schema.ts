import { z } from 'zod'
import type { Role } from '../roles'
import { entityId, isoDate, optionalIdNumber, optionalPhone, optionalText, text } from '../validate/fields'

/** Who works the key book at the desk (lend, take back, report a loss). */
export const KEY_DESK_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Who reads the key book and what is out (the director reads too). */
export const READS_KEYS: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
/** Who keeps the key register (the administrator, and the supervisor standing in). */
export const KEEPS_KEY_REGISTER: readonly Role[] = ['admin', 'supervisor']

/** What a public key opens: suggestions for the typed field (any other text is fine). */
export const KEY_OPENS_SUGGESTIONS = ['设备房', '天台', '水泵房', '配电房', '大门', '消防控制室', '电梯机房', '地下车库', '垃圾房', '管道井'] as const

export const MAX_LOAN_HOURS = 24 * 30

/** The tag number printed on the tag: digits, letters and '-', as the site numbers its tags. Blank → the next number. */
const tagNo = z
  .string()
  .trim()
  .max(20, { error: '钥匙牌号不能超过20个字符' })
  .regex(/^[0-9A-Za-z-]*$/, { error: '钥匙牌号只能是数字、字母或“-”' })
  .optional()
  .transform((v) => (v ? v.toUpperCase() : undefined))

const intIn = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` })

export const keyFields = z.object({
  tagNo,
  name: text('钥匙名称', 40),
  opens: text('开启部位', 40),
  area: optionalText('所在区域/楼栋', 40),
  hook: optionalText('挂钩位置', 20),
  copies: intIn('钥匙数量', 1, 99),
  mayLeaveSite: z.boolean({ error: '是否可带离项目应为是或否' }),
  defaultLoanHours: intIn('默认借用时长(小时)', 1, MAX_LOAN_HOURS),
  note: optionalText('备注', 200),
})
export const keyCreateInput = keyFields
export const keyUpdateInput = keyFields.extend({ id: entityId('钥匙') })
export const keyRemoveInput = z.object({ id: entityId('钥匙'), reason: text('删除原因', 100) })

/** A local 'YYYY-MM-DD HH:mm' of the site. */
const localStamp = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v), { error: `${label}格式应为 YYYY-MM-DD HH:mm` })

export const keyTag = z
  .string({ error: '钥匙牌号不能为空' })
  .trim()
  .min(1, { error: '钥匙牌号不能为空' })
  .max(20, { error: '钥匙牌号不能超过20个字符' })
  .transform((v) => v.toUpperCase())

export const BORROWER_KINDS = ['staff', 'outsider'] as const
export type BorrowerKind = (typeof BORROWER_KINDS)[number]
export const BORROWER_KIND_LABELS: Record<BorrowerKind, string> = { staff: '本项目员工', outsider: '外来人员(施工/维保)' }

/**
 * keyLoan.lend: the tag typed (or scanned) first; a staff member from the staff list, or an outsider
 * with name, company, phone and ID number; why; the expected return (blank → the key's default hours).
 */
export const keyLendInput = z
  .object({
    tagNo: keyTag,
    borrowerKind: z.enum(BORROWER_KINDS, { error: '借用人类型应为本项目员工或外来人员' }),
    staffId: z.string().trim().max(64).optional().transform((v) => (v ? v : undefined)),
    name: optionalText('借用人姓名', 20),
    company: optionalText('单位', 40),
    phone: optionalPhone('借用人电话'),
    idNumber: optionalIdNumber('借用人身份证号'),
    purpose: text('借用事由', 100),
    dueAt: localStamp('预计归还时间'),
  })
  .superRefine((v, ctx) => {
    if (v.borrowerKind === 'staff') {
      if (!v.staffId) ctx.addIssue({ code: 'custom', path: ['staffId'], message: '请选择借用的员工' })
      return
    }
    if (!v.name) ctx.addIssue({ code: 'custom', path: ['name'], message: '借用人姓名不能为空' })
    if (!v.company) ctx.addIssue({ code: 'custom', path: ['company'], message: '单位不能为空' })
    if (!v.phone) ctx.addIssue({ code: 'custom', path: ['phone'], message: '借用人电话不能为空' })
    if (!v.idNumber) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '借用人身份证号不能为空' })
  })

/** keyLoan.return: by tag (one copy out) or by the loan picked from the list. */
export const keyReturnInput = z.object({
  tagNo: keyTag.optional(),
  loanId: entityId('借用记录').optional(),
  returnedBy: text('归还人', 20),
  condition: optionalText('钥匙状况', 100),
})

export const keyLostInput = z.object({
  tagNo: keyTag,
  /** The loan whose borrower lost it; absent when a copy went missing from the hook. */
  loanId: entityId('借用记录').optional(),
  reason: text('丢失原因', 100),
  reportedBy: text('报告人', 20),
})

export const keyLoanRangeInput = z
  .object({ from: isoDate('开始日期'), to: isoDate('结束日期') })
  .refine((v) => v.from <= v.to, { path: ['to'], error: '结束日期不能早于开始日期' })
  .refine((v) => daysBetween(v.from, v.to) <= 366, { path: ['to'], error: '日期范围不能超过一年' })

function daysBetween(a: string, b: string) {
  return (Date.parse(b) - Date.parse(a)) / 86_400_000
}

export interface KeyRow {
  id: string
  tagNo: string
  name: string
  opens: string
  area: string | null
  hook: string | null
  copies: number
  mayLeaveSite: boolean
  defaultLoanHours: number
  note: string | null
  /** Derived from the facts: copies out now, lost, and on the hook. */
  out: number
  lost: number
  available: number
  /** More loans out than copies left: two terminals lent the last copy offline (LAN sync) — the supervisor settles it. */
  overLent: boolean
}

export interface KeyLoanRow {
  id: string
  keyId: string
  tagNo: string
  keyName: string
  hook: string | null
  borrowerKind: BorrowerKind
  borrowerName: string
  company: string | null
  /** Masked in every list (shared/mask.ts). */
  phone: string | null
  idNumber: string | null
  purpose: string
  lentAt: string
  dueAt: string
  lentByName: string
  returnedAt: string | null
  returnedBy: string | null
  receivedByName: string | null
  condition: string | null
  lostAt: string | null
  lostReason: string | null
  /** Minutes past the expected return while still out (0 when not overdue or back). */
  overdueMinutes: number
  /** Minutes a returned key came back after its expected return (0 if on time or not back). */
  lateMinutes: number
}

export interface KeyStaffOption {
  id: string
  staffNo: string
  name: string
}
