import { describe, expect, it } from 'vitest'
import { guessCarrier } from '../../shared/parcel/carrier'
import { checkPickup, isOverdue, waitingDays } from '../../shared/parcel/rules'
import { isPlate, normalizePlate } from '../../shared/visitor/plate'
import { normalizeSlipSerial, parseSlipText } from '../../shared/visitor/slip'

describe('car plates (机动车号牌)', () => {
  it.each(['粤B12345', '京A·8888学', '沪AD12345', '川A1234F', '粤b 123 45', '苏E-A1B2C', '粤Ｂ１２３４５'])('reads %s as people type it', (raw) => {
    expect(isPlate(raw)).toBe(true)
  })
  it.each(['ｓｕ', '粤B1234', 'AB12345', '粤1B2345', '粤BI2345', '粤BO2345', '粤B1234567', '港A12345', ''])('refuses %s', (raw) => {
    expect(isPlate(raw)).toBe(false)
  })
  it('normalises full-width letters, dots, spaces and dashes', () => {
    expect(normalizePlate(' 粤ｂ·123-45 ')).toBe('粤B12345')
  })
})

describe('visitor slip QR', () => {
  it('reads the slip payload, a typed serial, and tells a damaged code from a permit', () => {
    expect(parseSlipText('WYQT:FK-2026-0001:ABCDEFGH12')).toEqual({ serial: 'FK-2026-0001', code: 'ABCDEFGH12', malformed: false })
    expect(parseSlipText('wyqt : fk20261 : abcdefgh12')).toEqual({ serial: 'FK-2026-0001', code: 'ABCDEFGH12', malformed: false })
    expect(parseSlipText('WYQT:FK-2026-0001:ABC')?.malformed).toBe(true)
    expect(parseSlipText('WYQT:FK-2026-0001:ABCDEFGH12:2')?.malformed).toBe(true)
    expect(parseSlipText('ＦＫ－２０２６－０００７')).toEqual({ serial: 'FK-2026-0007', code: null, malformed: false })
    expect(parseSlipText('WYQT:FX-2026-0001:ABCDEFGH12')).toBeNull()
    expect(parseSlipText('DH-2026-0001')).toBeNull()
    expect(normalizeSlipSerial('FK-2026-0')).toBeNull()
  })
})

describe('parcel rules', () => {
  const people = [
    { role: 'addressee' as const, name: '张伟', phone: '13812345678' },
    { role: 'delegate' as const, name: '王阿姨', phone: '135-0000-2222', delegateId: 'd1' },
  ]
  it('takes the addressee or a named collector with their own phone tail, nobody else', () => {
    expect(checkPickup(people, '张 伟', '5678')).toEqual({ ok: true, who: people[0] })
    expect(checkPickup(people, '王阿姨', '2222')).toEqual({ ok: true, who: people[1] })
    expect(checkPickup(people, '王阿姨', '5678')).toMatchObject({ ok: false, field: 'phoneTail' })
    expect(checkPickup(people, '李四', '5678')).toMatchObject({ ok: false, field: 'pickerName' })
  })
  it('counts local days waited; overdue is strictly more than the setting', () => {
    expect(waitingDays('2026-12-01', '2026-12-01')).toBe(0)
    expect(waitingDays('2026-11-30', '2026-12-04')).toBe(4)
    expect(waitingDays('2026-12-05', '2026-12-01')).toBe(0)
    expect([isOverdue(3, 3), isOverdue(4, 3)]).toEqual([false, true])
  })
  it('guesses the carrier only from prefixes that name one', () => {
    expect(guessCarrier('sf1234567890123')).toBe('顺丰速运')
    expect(guessCarrier('JDV012345678901')).toBe('京东物流')
    expect(guessCarrier('EA123456789CN')).toBe('EMS')
    expect(guessCarrier('773012345678901')).toBeUndefined()
  })
})
