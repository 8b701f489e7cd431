import type { Rule, RuleRender } from 'antd/es/form'
import dayjs from 'dayjs'
import type { z } from 'zod'
import type { Check, FieldContext, Outcome } from '../../../../shared/permit/schema/record'
import { withPermitDefaults } from '../../../../shared/permit/settings'
import { yuanText } from '../../../../shared/validate/money'
import { STAMP_FORMAT, type FormSettings } from './convert'
import { coreNow } from '../../api/useCoreNow'

/** A name path inside the parent form: ['fields', …] for a kind's fields, ['workers', i] for a worker row. */
export type NamePrefix = (string | number)[]

/** The name prefix every kind's component puts its fields under. */
export const FIELDS: NamePrefix = ['fields']

/**
 * zodRule (forms/zodRule.ts) for a value the form holds in another shape than the schema (dayjs, 元):
 * the value is converted as toFields would, then checked by the same schema, so the message is the
 * shared one.
 */
export function zodVia(schema: z.ZodType, convert: (v: unknown) => unknown): Rule {
  return {
    validator: async (_r, value) => {
      const res = schema.safeParse(convert(value))
      if (!res.success) throw new Error(res.error.issues[0].message)
    },
  }
}

/**
 * A money field typed in 元 as text: read exactly by the shared yuanText (more than two decimals,
 * or not an amount, gets a message naming the field — never rounded), then the figure in fen goes
 * through the field's own schema (required, bounds). Empty: the schema says whether it may be.
 */
export function yuanRule(label: string, schema: z.ZodType): Rule {
  return {
    validator: async (_r, value) => {
      const text = value === null || value === undefined ? '' : String(value)
      if (text.trim() === '') {
        if (!schema.safeParse(undefined).success) throw new Error(`${label}不能为空`)
        return
      }
      const typed = yuanText(label).safeParse(text)
      if (!typed.success) throw new Error(typed.error.issues[0].message)
      const res = schema.safeParse(typed.data)
      if (!res.success) throw new Error(res.error.issues[0].message)
    },
  }
}

/** The array-level messages of a list schema (至少一项 / 不能超过…项) on a Form.List; rows check themselves. */
export function listRule(schema: z.ZodType) {
  return {
    validator: async (_r: unknown, value: unknown) => {
      const res = schema.safeParse(value ?? [])
      const own = res.success ? undefined : res.error.issues.find((i) => i.path.length === 0)
      if (own) throw new Error(own.message)
    },
  }
}

type KindRule<F> = (f: F, ctx: FieldContext) => Outcome<unknown> | Check

/**
 * A check across fields, made by the kind's own rule in shared/permit (dates against today, end after
 * start, 监火人 ≠ 动火人 …) so the form says what the core would say. The rule runs on `base(now)` — a
 * record that passes every check — with the picked form values laid over it, and only a failure the
 * rule puts on `field` is shown here. `pick` returns null while the values it needs are incomplete
 * (the fields' own zod rules speak then).
 */
export function crossRule<F>(o: {
  rule: KindRule<F>
  base: (now: string) => F
  field: string
  pick: (get: (name: string) => unknown) => Partial<F> | null
  prefix?: NamePrefix
  settings?: FormSettings
}): Rule {
  const render: RuleRender = (form) => ({
    validator: async () => {
      const part = o.pick((name) => form.getFieldValue([...(o.prefix ?? FIELDS), name]))
      if (!part) return
      const now = dayjs(coreNow()).format(STAMP_FORMAT)
      const res = o.rule({ ...o.base(now), ...part }, { now, settings: withPermitDefaults(o.settings) })
      if (!res.ok && res.field === o.field) throw new Error(res.reason)
    },
  })
  return render
}

/** For a DatePicker where days before today make no sense (start dates, the release day). */
export const beforeToday = (d: dayjs.Dayjs) => d.isBefore(dayjs(coreNow()), 'day')
