import { z } from 'zod'

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
})
export type PermitSettings = z.infer<typeof permitSettingsSchema>

/** 前台日常工作流程: 装修期限一般为3个月; 押金100元/人, 工本费5元/人. Hot work: one working day. */
export const DEFAULT_PERMIT_SETTINGS: PermitSettings = {
  renovationMonths: 3,
  workerPassDepositFen: 10000,
  workerPassFeeFen: 500,
  hotWorkMaxHours: 8,
}

export function withPermitDefaults(raw: Partial<PermitSettings> | null | undefined): PermitSettings {
  return { ...DEFAULT_PERMIT_SETTINGS, ...Object.fromEntries(Object.entries(raw ?? {}).filter(([, v]) => v !== undefined)) }
}

/** 10000 → "100.00 元" */
export function yuan(fen: number): string {
  return `${(fen / 100).toFixed(2)} 元`
}
