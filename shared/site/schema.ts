import { z } from 'zod'
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
})
export type SetupInput = z.input<typeof setupInput>

export const siteUpdateInput = z.object({
  ...siteFields,
  shifts: z.array(shiftPatternSchema).min(1, { error: '至少需要一个班次' }).optional(),
})

export interface SiteInfo {
  id: string
  name: string
  office: string
  timeZone: string
  shifts: ShiftPattern[]
  terminalId: string
}
