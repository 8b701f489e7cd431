import type { z } from 'zod'

const CJK = /[\u3400-\u9fff]/

const KIND: Record<string, string> = {
  string: '文本',
  number: '数字',
  int: '整数',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  date: '日期',
  bigint: '整数',
  nan: '数字',
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input
  for (const k of path) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined
    v = (v as Record<PropertyKey, unknown>)[k]
  }
  return v
}

/**
 * The Chinese message for one refused field. Schemas in shared/ give their own words for the input a
 * form can produce; a hand-made call (HTTP, a script, an attack) can still send a wrong type, a
 * number out of range or an unknown key, which zod words in English. Those get Chinese words here,
 * naming the field by its path, so every refusal reaches the clerk in Chinese.
 */
export function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (CJK.test(issue.message)) return issue.message
  const field = issue.path.map(String).join('.')
  const name = field ? `字段「${field.slice(0, 60)}」` : '请求内容'
  const i = issue as z.core.$ZodIssue & Record<string, unknown>
  switch (issue.code) {
    case 'invalid_type': {
      const expected = KIND[String(i.expected)] ?? String(i.expected)
      if (field && valueAt(input, issue.path) === undefined) return `缺少${name}(应为${expected})`
      return `${name}应为${expected}`
    }
    case 'too_small':
      return i.origin === 'array' || i.origin === 'set'
        ? `${name}至少需要${String(i.minimum)}项`
        : i.origin === 'string'
          ? `${name}至少需要${String(i.minimum)}个字符`
          : `${name}不能小于${String(i.minimum)}`
    case 'too_big':
      return i.origin === 'array' || i.origin === 'set'
        ? `${name}最多${String(i.maximum)}项`
        : i.origin === 'string'
          ? `${name}不能超过${String(i.maximum)}个字符`
          : `${name}不能大于${String(i.maximum)}`
    case 'invalid_format':
      return `${name}格式不正确`
    case 'not_multiple_of':
      return `${name}应为${String(i.divisor)}的整数倍`
    case 'unrecognized_keys':
      return `${name}含有不认识的字段:${(i.keys as string[]).join('、').slice(0, 80)}`
    case 'invalid_value':
      return `${name}的取值无效`
    case 'invalid_union':
      return `${name}不符合任何一种允许的格式`
    case 'invalid_key':
    case 'invalid_element':
      return `${name}中有无效的项`
    default:
      return `${name}无效`
  }
}
