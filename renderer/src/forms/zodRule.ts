import type { Rule } from 'antd/es/form'
import type { z } from 'zod'

/**
 * An antd Form rule from the shared zod field schema: the form shows exactly the message the core
 * would answer with, because it is the same schema.
 */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_r, value) => {
      const res = schema.safeParse(value === '' || value === null ? undefined : value)
      if (!res.success) throw new Error(res.error.issues[0].message)
    },
  }
}
