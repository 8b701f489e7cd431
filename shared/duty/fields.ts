import { z } from 'zod'
import { text } from '../validate/fields'

/** Field builders of the duty area; messages name the field in Chinese, like shared/validate/fields. */

export const month = (label = '月份') =>
  z.string({ error: `${label}不能为空` }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: `${label}格式应为 YYYY-MM` })

/** An instant from the form (ISO with offset or Z); stored as UTC ISO. */
export const dateTime = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)), { error: `${label}格式不正确` })
    .transform((v) => new Date(v).toISOString())

/** A PIN typed to confirm who one is (not to set one): only "not empty" here; the core checks it. */
export const pinToCheck = (label: string) =>
  z.string({ error: `${label}不能为空` }).min(1, { error: `${label}不能为空` }).max(64, { error: `${label}不正确` })

export const staffNoToCheck = (label: string) =>
  z.string({ error: `${label}不能为空` }).trim().min(1, { error: `${label}不能为空` }).max(20, { error: `${label}不正确` })

/** 客服主管授权: the supervisor's own staff number and PIN, and why. */
export const supervisorOverride = z.object({
  supervisorStaffNo: staffNoToCheck('主管工号'),
  supervisorPin: pinToCheck('主管PIN'),
  reason: text('授权原因', 200),
})
export type SupervisorOverride = z.output<typeof supervisorOverride>

export const page = {
  page: z.number({ error: '页码应为数字' }).int().min(1, { error: '页码应从1开始' }).default(1),
  pageSize: z.number({ error: '每页条数应为数字' }).int().min(1).max(200, { error: '每页最多200条' }).default(50),
}
