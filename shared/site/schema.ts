import { z } from 'zod'
import { LOG_KINDS } from '../duty/kinds'
import { permitSettingsSchema, withPermitDefaults, type PermitSettings } from '../permit/settings'
import { pin, text } from '../validate/fields'

/** A shift pattern (班次) as a site setting; end < start means it crosses midnight. */
export const shiftPatternSchema = z.object({
  code: text('班次代码', 20),
  name: text('班次名称', 20),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '开始时间格式应为 HH:mm' }),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '结束时间格式应为 HH:mm' }),
})
export type ShiftPattern = z.infer<typeof shiftPatternSchema>

export const DEFAULT_SHIFTS: ShiftPattern[] = [
  { code: 'early', name: '早班', start: '07:30', end: '15:30' },
  { code: 'middle', name: '中班', start: '09:30', end: '17:30' },
  { code: 'late', name: '晚班', start: '12:00', end: '20:00' },
]

export const TIME_ZONES = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Urumqi'] as const

export const siteFields = {
  name: text('项目名称', 60),
  office: text('管理处', 60),
  timeZone: z.enum(TIME_ZONES, { error: '时区不正确' }).default('Asia/Shanghai'),
}

export const setupInput = z.object({
  ...siteFields,
  adminStaffNo: z
    .string({ error: '管理员工号不能为空' })
    .trim()
    .regex(/^[A-Za-z0-9_-]{2,20}$/, { error: '管理员工号应为2–20位字母或数字' }),
  adminName: text('管理员姓名', 20),
  adminPin: pin('管理员PIN'),
  /** Required when the data folder holds backups (the database was lost?): a new empty site only by choice. */
  confirmNew: z.boolean().optional(),
})
export type SetupInput = z.input<typeof setupInput>

/**
 * An item in the desk's custody, counted at every handover (清点交接物品). `unit: 'fen'` is money in
 * integer fen (备用金 500 元 = 50000). `carry`: the expected figure is what the last handover counted
 * (stock that moves during a shift: parcels, card stock); otherwise it is the fixed `expected`.
 */
export const custodyItemSchema = z.object({
  code: z.string({ error: '物品代码不能为空' }).trim().regex(/^[A-Za-z0-9_-]{1,20}$/, { error: '物品代码应为1–20位字母或数字' }),
  name: text('物品名称', 20),
  unit: z.enum(['count', 'fen'], { error: '计量方式应为件数(count)或金额(fen)' }),
  expected: z.number({ error: '应有数量应为数字' }).int({ error: '应有数量应为整数' }).min(0, { error: '应有数量不能为负数' }),
  carry: z.boolean().optional(),
})
export type CustodyItem = z.infer<typeof custodyItemSchema>

/** One line of the desk environment standard the incoming clerk checks (前台环境检查). */
export const checklistItemSchema = z.object({
  code: z.string({ error: '检查项代码不能为空' }).trim().regex(/^[A-Za-z0-9_-]{1,20}$/, { error: '检查项代码应为1–20位字母或数字' }),
  name: text('检查项名称', 40),
})
export type ChecklistItem = z.infer<typeof checklistItemSchema>

/** A template for a frequent duty-log entry. */
export const logTemplateSchema = z.object({
  kind: z.enum(LOG_KINDS, { error: '记录类型不正确' }),
  content: text('模板内容', 500),
  action: z.string().trim().max(500, { error: '处理措施不能超过500个字符' }).default(''),
})
export type LogTemplate = z.infer<typeof logTemplateSchema>

/**
 * A new site's custody list. Card stock is not here: since issue F it is counted per card kind from
 * the card records (electron/core/duty/custodyFromRecords.ts); 钥匙 stays for a site without the key
 * register and gives way at handover to the keys on the board once the register holds keys.
 */
export const DEFAULT_CUSTODY_ITEMS: CustodyItem[] = [
  { code: 'radio', name: '对讲机', unit: 'count', expected: 2 },
  { code: 'cash', name: '备用金', unit: 'fen', expected: 50000 },
  { code: 'keys', name: '钥匙', unit: 'count', expected: 20 },
  { code: 'blanks', name: '空白证件', unit: 'count', expected: 100, carry: true },
  { code: 'parcels', name: '代收快递', unit: 'count', expected: 0, carry: true },
]

/**
 * The list a site stored without custody items (set up before issue B) has always worked with:
 * kept as it was, hand-counted card stock included, so such a site loses no line; a handover
 * leaves that line out once card kinds give computed ones (custodyFromRecords.ts).
 */
const LEGACY_CUSTODY_ITEMS: CustodyItem[] = [...DEFAULT_CUSTODY_ITEMS.slice(0, 3), { code: 'cards', name: '门禁卡库存', unit: 'count', expected: 50, carry: true }, ...DEFAULT_CUSTODY_ITEMS.slice(3)]

export const DEFAULT_CHECKLIST: ChecklistItem[] = [
  { code: 'desk', name: '台面整洁,物品摆放有序' },
  { code: 'equipment', name: '电脑、电话、对讲机工作正常' },
  { code: 'forms', name: '各类表格、资料齐全' },
  { code: 'signage', name: '标识标牌完好' },
  { code: 'floor', name: '地面及周边清洁' },
  { code: 'safety', name: '门窗、消防器材正常' },
]

export const DEFAULT_LOG_TEMPLATES: LogTemplate[] = [
  { kind: 'repair', content: '业主来电报修:', action: '已填写维修单,3分钟内转工程部' },
  { kind: 'inquiry', content: '业主咨询物业费缴纳事宜', action: '已解答' },
  { kind: 'visit', content: '访客来访登记', action: '已核实并电话通知业主' },
  { kind: 'complaint', content: '业主投诉:', action: '已登记《客户投诉登记表》,发联系单至相关部门' },
  { kind: 'other', content: '代收快递', action: '已登记,通知业主领取' },
  { kind: 'patrol', content: '巡查发现公共区域', action: '已通知相关部门处理' },
]

/** Minutes after a shift's end before an unhandled shift is flagged to the supervisor. */
export const DEFAULT_GRACE_MINUTES = 30

/** Site settings stored as JSON in site.settings; older rows lack the duty keys and get the defaults. */
export interface SiteSettings {
  shifts: ShiftPattern[]
  custodyItems: CustodyItem[]
  checklist: ChecklistItem[]
  logTemplates: LogTemplate[]
  graceMinutes: number
  /** Both clerks also draw their signature at handover (signature_pad); the PIN is always required. */
  drawnSignature: boolean
}

export function withSettingDefaults(raw: Partial<SiteSettings> | null | undefined): SiteSettings {
  return {
    shifts: raw?.shifts ?? DEFAULT_SHIFTS,
    custodyItems: raw?.custodyItems ?? LEGACY_CUSTODY_ITEMS,
    checklist: raw?.checklist ?? DEFAULT_CHECKLIST,
    logTemplates: raw?.logTemplates ?? DEFAULT_LOG_TEMPLATES,
    graceMinutes: raw?.graceMinutes ?? DEFAULT_GRACE_MINUTES,
    drawnSignature: raw?.drawnSignature ?? false,
  }
}

/**
 * The permit settings (issue C: 装修期限, 出入证押金/工本费, 动火最长时间) are stored in the same JSON
 * under `permit`; older rows lack them and get DEFAULT_PERMIT_SETTINGS.
 */
export interface StoredSiteSettings extends SiteSettings {
  permit: PermitSettings
  /** The card holder draws their signature on the 发卡 screen, printed on the 门禁卡领用签收单 (issue F). */
  cardSignature: boolean
}

export function withAllSettingDefaults(raw: Partial<StoredSiteSettings> | null | undefined): StoredSiteSettings {
  return { ...withSettingDefaults(raw), permit: withPermitDefaults(raw?.permit), cardSignature: raw?.cardSignature ?? false }
}

const uniqueCodes =
  (label: string) =>
  (items: Array<{ code?: string; name: string }>, ctx: z.RefinementCtx) => {
    const codes = new Set<string>()
    const names = new Set<string>()
    items.forEach((it, i) => {
      // People tell items apart by name (codes are generated and never shown): a name twice is refused.
      if (names.has(it.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `${label}名称"${it.name}"重复` })
      names.add(it.name)
      if (it.code && codes.has(it.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `${label}代码 ${it.code} 重复` })
      if (it.code) codes.add(it.code)
    })
  }

/**
 * In 项目设置 people type names; the code an item is stored under (roster cells and handover counts
 * refer to it) is kept when the item is edited and generated by the core for a new one.
 */
const generatedCode = z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, { error: '代码不正确' }).optional()
export const shiftPatternInput = shiftPatternSchema.extend({ code: generatedCode })
export const custodyItemInput = custodyItemSchema.extend({ code: generatedCode })
export const checklistItemInput = checklistItemSchema.extend({ code: generatedCode })

export const siteUpdateInput = z.object({
  ...siteFields,
  shifts: z.array(shiftPatternInput).min(1, { error: '至少需要一个班次' }).superRefine(uniqueCodes('班次')).optional(),
  custodyItems: z.array(custodyItemInput).superRefine(uniqueCodes('交接物品')).optional(),
  checklist: z.array(checklistItemInput).superRefine(uniqueCodes('检查项')).optional(),
  logTemplates: z.array(logTemplateSchema).max(50, { error: '记录模板不能超过50条' }).optional(),
  drawnSignature: z.boolean({ error: '手写签名设置应为是或否' }).optional(),
  cardSignature: z.boolean({ error: '门禁卡签收手写签名设置应为是或否' }).optional(),
  graceMinutes: z
    .number({ error: '交接宽限时间应为数字' })
    .int({ error: '交接宽限时间应为整数分钟' })
    .min(0, { error: '交接宽限时间不能为负数' })
    .max(720, { error: '交接宽限时间不能超过720分钟' })
    .optional(),
  /** Only the keys given change. */
  permit: permitSettingsSchema.partial().optional(),
})

export interface SiteInfo extends StoredSiteSettings {
  id: string
  name: string
  office: string
  timeZone: string
  terminalId: string
}

/** Row counts of a copy of the database (see electron/core/db/backup.ts COUNTED_TABLES). */
export type BackupCounts = Partial<Record<'staff' | 'units' | 'residents' | 'log_entries' | 'handovers' | 'permits' | 'audit_events', number>>

/** A copy of the database in the backups folder (daily, manual, before a migration or a restore). */
export interface BackupInfo {
  fileName: string
  path: string
  sizeBytes: number
  at: string
  label: string
  /** From the copy's manifest; null for copies made before manifests existed. */
  counts: BackupCounts | null
}

/** A backup as the setup screen lists it (before any login: no path). */
export type SetupBackup = Omit<BackupInfo, 'path'>

/** A backup opened and checked before a restore. */
export interface BackupDetail {
  fileName: string
  at: string
  label: string
  sizeBytes: number
  counts: BackupCounts
  siteName: string | null
  /** The copy matches the size and SHA-256 recorded when it was made (false: an older copy without a record). */
  verified: boolean
}

export const backupFileInput = z.object({
  fileName: z
    .string({ error: '请选择一个备份' })
    .regex(/^desk-[0-9TZ-]+-[a-z0-9_-]+\.sqlite$/i, { error: '备份文件名不正确' }),
})

export const terminalNameInput = z.object({ name: text('终端名称', 20) })
