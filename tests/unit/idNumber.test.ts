import { describe, expect, it } from 'vitest'
import { idCheckChar, idNumberProblem } from '../../shared/validate/idNumber'
import { maskIdNumber, maskPhone } from '../../shared/mask'
import { isPhone } from '../../shared/validate/phone'

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and X check characters', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull()
    expect(idNumberProblem('11010519491231002x')).toBeNull()
    expect(idCheckChar('44052418800101001')).toBe('4')
  })
  it('names what is wrong', () => {
    expect(idNumberProblem('110105194912310021')).toBe('校验位不正确')
    expect(idNumberProblem('110105194913310028')).toBe('出生日期不正确')
    expect(idNumberProblem('11010519491231')).toMatch(/18位/)
    expect(idNumberProblem('010105194912310021')).toBe('地区码不正确')
  })
})

describe('masks and phones', () => {
  it('masks ID numbers and mobiles as the desk prints them', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X')
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0755-26881234')).toBe('0755-****1234')
  })
  it('accepts mobiles and landlines, refuses junk', () => {
    expect(isPhone('13812345678')).toBe(true)
    expect(isPhone('+86 138 1234 5678')).toBe(true)
    expect(isPhone('0755-26881234')).toBe(true)
    expect(isPhone('12345678901')).toBe(false)
    expect(isPhone('1381234567')).toBe(false)
  })
})
