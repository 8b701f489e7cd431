import { describe, expect, it } from 'vitest'
import { handoverCountInput } from '../../shared/duty/handoverSchema'
import { countText, fenAmount, FEN_MAX, fenToYuanText, parseYuan, yuanText } from '../../shared/validate/money'

const fen = (s: string) => yuanText('备用金').parse(s)
const problem = (s: string) => {
  const r = yuanText('备用金').safeParse(s)
  return r.success ? null : r.error.issues[0].message
}

describe('money typed in 元, kept in fen', () => {
  it('reads amounts as clerks type them, exactly', () => {
    expect(fen('500')).toBe(50_000)
    expect(fen('500.5')).toBe(50_050)
    expect(fen('500.50')).toBe(50_050)
    expect(fen('0.01')).toBe(1)
    expect(fen('.5')).toBe(50)
    expect(fen('12.')).toBe(1200)
    expect(fen(' 1,200.00 ')).toBe(120_000)
    expect(fen('３００．５０')).toBe(30_050)
    expect(fen('300元')).toBe(30_000)
    expect(fen('¥12.30')).toBe(1230)
    // No float drift: 0.29 * 100 is 28.999… in floating point.
    expect(fen('0.29')).toBe(29)
    expect(fen('234567.89')).toBe(23_456_789)
  })

  it('refuses more than two decimals instead of rounding', () => {
    expect(problem('12.345')).toBe('备用金最多两位小数(到分),请按实际金额填写')
    expect(problem('0.001')).toMatch(/最多两位小数/)
    expect(parseYuan('99.999')).toEqual({ problem: '最多两位小数(到分),请按实际金额填写' })
  })

  it('names what is not an amount', () => {
    for (const s of ['abc', '12a', '1.2.3', '五百', '1,2', '12,34.5', '.', '1e3', '0x10', 'NaN', 'Infinity'])
      expect(problem(s), s).toBe('备用金应为金额,如 500 或 500.50')
    expect(problem('')).toBe('备用金不能为空')
    expect(problem('   ')).toBe('备用金不能为空')
    expect(problem('-5')).toBe('备用金不能为负数')
    expect(problem('1000000.01')).toMatch(/不能超过 1,000,000 元/)
    expect(problem('99999999999999')).toMatch(/不能超过/)
    expect(fen('1000000')).toBe(FEN_MAX)
  })

  it('shows fen back as the field reads it', () => {
    for (const f of [0, 1, 29, 50_050, FEN_MAX]) expect(fen(fenToYuanText(f))).toBe(f)
    expect(fenToYuanText(50_050)).toBe('500.50')
  })

  it('is the field the core checks a count with', () => {
    const base = { id: '0190a8f2-0000-7000-8000-000000000000', itemCode: 'cash', side: 'incoming' as const }
    expect(handoverCountInput.safeParse({ ...base, count: 50_050 }).success).toBe(true)
    expect(handoverCountInput.safeParse({ ...base, count: null }).success).toBe(true)
    for (const bad of [12.5, -1, FEN_MAX + 1, Number.NaN]) {
      const r = handoverCountInput.safeParse({ ...base, count: bad })
      expect(r.success, String(bad)).toBe(false)
      expect(r.error!.issues[0].message).toMatch(/^清点数/)
    }
    expect(fenAmount('押金').safeParse(12.5).error!.issues[0].message).toBe('押金应为整数(金额以分计)')
  })
})

describe('counted things beside money', () => {
  it('takes whole numbers only', () => {
    const c = countText('对讲机')
    expect(c.parse('3')).toBe(3)
    expect(c.parse('３')).toBe(3)
    expect(c.safeParse('2.5').error!.issues[0].message).toBe('对讲机应为整数,如 3')
    expect(c.safeParse('x').error!.issues[0].message).toBe('对讲机应为整数,如 3')
    expect(c.safeParse('-1').error!.issues[0].message).toBe('对讲机不能为负数')
    expect(c.safeParse('').error!.issues[0].message).toBe('对讲机不能为空')
  })
})
