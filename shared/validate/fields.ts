import { z } from 'zod'
import { isDay } from '../time/calendar'
import { idNumberProblem } from './idNumber'
import { isPhone, normalizePhone } from './phone'

/**
 * Field builders whose messages name the field in Chinese. Used by every schema in shared/, so
 * the form in the renderer and the call in the core report the same words.
 */
export const text = (label: string, max = 100) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过${max}个字符` })

export const optionalText = (label: string, max = 500) =>
  z
    .string()
    .trim()
    .max(max, { error: `${label}不能超过${max}个字符` })
    .optional()
    .transform((v) => (v ? v : undefined))

export const idNumber = (label = '身份证号') =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .transform((v) => v.toUpperCase())
    .superRefine((v, ctx) => {
      const p = idNumberProblem(v)
      if (p) ctx.addIssue({ code: 'custom', message: `${label}${p}` })
    })

export const optionalIdNumber = (label = '身份证号') =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toUpperCase() : undefined))
    .superRefine((v, ctx) => {
      if (!v) return
      const p = idNumberProblem(v)
      if (p) ctx.addIssue({ code: 'custom', message: `${label}${p}` })
    })

export const phone = (label = '联系电话') =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .transform(normalizePhone)
    .refine(isPhone, { error: `${label}格式不正确(手机11位,或区号-号码)` })

export const optionalPhone = (label = '联系电话') =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? normalizePhone(v) : undefined))
    .refine((v) => v === undefined || isPhone(v), { error: `${label}格式不正确(手机11位,或区号-号码)` })

export const isoDate = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` })
    // A real day: Date.parse alone takes 2026-02-30 (it rolls over to 03-02).
    .refine(isDay, { error: `${label}不是有效日期` })

export const optionalIsoDate = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || isDay(v), {
      error: `${label}格式应为 YYYY-MM-DD`,
    })

export const entityId = (label = '记录') => z.string({ error: `${label}编号不能为空` }).min(1, { error: `${label}编号不能为空` }).max(64)

/** Staff PIN: 4–32 characters (digits for a PIN pad, or a longer password). */
export const pin = (label = 'PIN') =>
  z
    .string({ error: `${label}不能为空` })
    .min(4, { error: `${label}至少4位` })
    .max(32, { error: `${label}不能超过32位` })
