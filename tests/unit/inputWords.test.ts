import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { issueMessage } from '../../shared/validate/issueMessage'
import { malformedTextPath } from '../../shared/validate/wellFormed'

const first = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input)
  if (r.success) throw new Error('expected a refusal')
  return issueMessage(r.error.issues[0], input)
}

describe('refusals zod words in English reach the clerk in Chinese, naming the field', () => {
  const s = z.object({ name: z.string({ error: '姓名不能为空' }), page: z.number().int().min(1).max(9), tags: z.array(z.string()).max(2), kind: z.enum(['a', 'b']) }).strict()
  it('words each kind of issue', () => {
    expect(first(s, 'x')).toBe('请求内容应为对象')
    expect(first(s, [])).toBe('请求内容应为对象')
    expect(first(s, { name: '张', tags: [], kind: 'a' })).toBe('缺少字段「page」(应为数字)')
    expect(first(s, { name: '张', page: '1', tags: [], kind: 'a' })).toBe('字段「page」应为数字')
    expect(first(s, { name: '张', page: 1.5, tags: [], kind: 'a' })).toBe('字段「page」应为整数')
    expect(first(s, { name: '张', page: 0, tags: [], kind: 'a' })).toBe('字段「page」不能小于1')
    expect(first(s, { name: '张', page: 10, tags: [], kind: 'a' })).toBe('字段「page」不能大于9')
    expect(first(s, { name: '张', page: 1, tags: ['a', 'b', 'c'], kind: 'a' })).toBe('字段「tags」最多2项')
    expect(first(s, { name: '张', page: 1, tags: [1], kind: 'a' })).toBe('字段「tags.0」应为文本')
    expect(first(s, { name: '张', page: 1, tags: [], kind: 'c' })).toBe('字段「kind」的取值无效')
    expect(first(s, { name: '张', page: 1, tags: [], kind: 'a', x: 1 })).toBe('请求内容含有不认识的字段:x')
  })
  it('keeps the schema’s own Chinese words', () => {
    expect(first(s, { page: 1, tags: [], kind: 'a' })).toBe('姓名不能为空')
  })
})

describe('text that is not well-formed Unicode is found wherever it is', () => {
  it('finds a lone surrogate in a value or a key, and passes pairs (emoji) and plain text', () => {
    expect(malformedTextPath({ a: '刘龑🏠', b: [1, 'x'] })).toBeNull()
    expect(malformedTextPath('a\ud83d')).toEqual([])
    expect(malformedTextPath({ a: { b: ['ok', '\udfff'] } })).toEqual(['a', 'b', '1'])
    expect(malformedTextPath({ ['k\ud800']: 1 })).toEqual(['k\ud800'])
    expect(malformedTextPath({ a: '\ud83d\ude00' })).toBeNull()
  })
})
