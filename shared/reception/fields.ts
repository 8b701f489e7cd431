import { z } from 'zod'
import { isDay } from '../time/calendar'

/**
 * A local wall-clock time of the site as the clerk types it ('YYYY-MM-DD HH:mm'); the core turns it
 * into a UTC instant with the site's time zone (never the PC's).
 */
export const localStampField = (label: string) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .refine((v) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v) && isDay(v.slice(0, 10)) && Number(v.slice(11, 13)) < 24 && Number(v.slice(14, 16)) < 60, {
      error: `${label}格式应为 YYYY-MM-DD HH:mm`,
    })

export const optionalLocalStamp = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(localStampField(label).optional())

/** A count of things handed over (keys, cards): 0–99. */
export const handedCount = (label: string) =>
  z
    .number({ error: `${label}应为整数` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(99, { error: `${label}不能大于99` })
