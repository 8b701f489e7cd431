import { z } from 'zod'

const PERIOD = '([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d'
const WORK_HOURS = new RegExp(`^${PERIOD}(,${PERIOD}){0,3}$`)

/**
 * The site settings the permit rules read (stored with the other site settings by whoever wires them;
 * older sites lack them and get the defaults). Money in integer fen, as elsewhere (100 元 = 10000).
 * The check-code secret is NOT a setting: it stays in the core and never reaches the renderer.
 */
export const permitSettingsSchema = z.object({
  renovationMonths: z
    .number({ error: '默认装修期限应为数字' })
    .int({ error: '默认装修期限应为整数月' })
    .min(1, { error: '默认装修期限至少1个月' })
    .max(24, { error: '默认装修期限不能超过24个月' }),
  workerPassDepositFen: z
    .number({ error: '出入证押金应为数字' })
    .int({ error: '出入证押金应以分为单位的整数' })
    .min(0, { error: '出入证押金不能为负数' }),
  workerPassFeeFen: z
    .number({ error: '出入证工本费应为数字' })
    .int({ error: '出入证工本费应以分为单位的整数' })
    .min(0, { error: '出入证工本费不能为负数' }),
  hotWorkMaxHours: z
    .number({ error: '动火最长时间应为数字' })
    .int({ error: '动火最长时间应为整数小时' })
    .min(1, { error: '动火最长时间至少1小时' })
    .max(72, { error: '动火最长时间不能超过72小时' }),
  renovationDepositFen: z
    .number({ error: '装修押金应为数字' })
    .int({ error: '装修押金应以分为单位的整数' })
    .min(0, { error: '装修押金不能为负数' })
    .max(100_000_000, { error: '装修押金金额过大' }),
  extensionFeeFen: z
    .number({ error: '延期费用应为数字' })
    .int({ error: '延期费用应以分为单位的整数' })
    .min(0, { error: '延期费用不能为负数' })
    .max(100_000_000, { error: '延期费用金额过大' }),
  /** 施工时间 printed on the 装修许可证: one or more `HH:mm-HH:mm` periods, e.g. 08:00-12:00,14:00-18:00. */
  workHours: z
    .string({ error: '施工时间不能为空' })
    .trim()
    .transform((v) => v.replace(/[，、;；\s]+/g, ',').replace(/[~～—–－至]/g, '-').replace(/：/g, ':').replace(/^,|,$/g, ''))
    .refine((v) => WORK_HOURS.test(v), { error: '施工时间格式应为 08:00-12:00,14:00-18:00' })
    .refine((v) => v.split(',').every((p) => p.slice(0, 5) < p.slice(6)), { error: '施工时间每段的结束应晚于开始' }),
  /** 服务中心电话, printed on every permit document. */
  serviceCenterPhone: z
    .string({ error: '服务中心电话不能为空' })
    .trim()
    .max(20, { error: '服务中心电话不能超过20个字符' })
    .regex(/^$|^[0-9][0-9\- ]{4,18}[0-9]$/, { error: '服务中心电话只能包含数字、空格和短横线,如 0755-86001234' }),
})
export type PermitSettings = z.infer<typeof permitSettingsSchema>

/** 前台日常工作流程: 装修期限一般为3个月; 押金100元/人, 工本费5元/人. Hot work: one working day. */
export const DEFAULT_PERMIT_SETTINGS: PermitSettings = {
  renovationMonths: 3,
  workerPassDepositFen: 10000,
  workerPassFeeFen: 500,
  hotWorkMaxHours: 8,
  renovationDepositFen: 200000,
  extensionFeeFen: 0,
  /** 装修管理规定: 施工时间 8:00–12:00, 14:00–18:00 (quiet at noon and at night). */
  workHours: '08:00-12:00,14:00-18:00',
  serviceCenterPhone: '',
}

/** '08:00-12:00,14:00-18:00' → '08:00—12:00、14:00—18:00' as printed. */
export function workHoursLabel(v: string): string {
  return v.split(',').map((p) => p.replace('-', '—')).join('、')
}

export function withPermitDefaults(raw: Partial<PermitSettings> | null | undefined): PermitSettings {
  return { ...DEFAULT_PERMIT_SETTINGS, ...Object.fromEntries(Object.entries(raw ?? {}).filter(([, v]) => v !== undefined)) }
}

/** 10000 → "100.00 元" */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`
}
