import { describe, expect, it } from 'vitest'
import { readIdBurst } from '../../shared/spareKeys/idReader'
import { collectorStatus, mayCollect } from '../../shared/spareKeys/rules'

const owner = { id: 'o1', name: '刘龑', idNumber: '110101198001010010' }
const mum = { id: 'c1', name: '刘母', idNumber: '110101198505050024', validFrom: '2026-11-01', validTo: '2026-12-31', endedOn: null }

describe('who may collect an owner\'s spare keys', () => {
  it('a collector stands valid from the first to the last day, both included; ended wins', () => {
    expect(collectorStatus({ ...mum, endedAt: null }, '2026-10-31')).toBe('notYet')
    expect(collectorStatus({ ...mum, endedAt: null }, '2026-11-01')).toBe('valid')
    expect(collectorStatus({ ...mum, endedAt: null }, '2026-12-31')).toBe('valid')
    expect(collectorStatus({ ...mum, endedAt: null }, '2027-01-01')).toBe('expired')
    expect(collectorStatus({ ...mum, endedAt: '2026-11-20T02:00:00Z' }, '2026-11-10')).toBe('ended')
    expect(collectorStatus({ ...mum, endedAt: null, ownerGone: true }, '2026-12-01')).toBe('ownerGone')
  })

  it('the owner (any case of X) or a valid collector; anyone else refused with the reason', () => {
    expect(mayCollect('110101198001010010', [owner], [mum], '2026-12-01')).toMatchObject({ ok: true, role: 'owner', name: '刘龑' })
    expect(mayCollect('110101198505050024', [owner], [mum], '2026-12-01')).toMatchObject({ ok: true, role: 'collector', collectorId: 'c1' })
    expect(mayCollect('110101198505050024', [owner], [mum], '2027-01-01')).toEqual({ ok: false, reason: '刘母的授权已于 2026-12-31 到期', name: '刘母' })
    expect(mayCollect('110101198505050024', [owner], [{ ...mum, endedOn: '2026-11-20' }], '2026-12-01')).toMatchObject({ ok: false, reason: '刘母的授权已于 2026-11-20 终止' })
    expect(mayCollect('310104199003030032', [owner], [mum], '2026-12-01')).toEqual({ ok: false, reason: '身份证号 310104********0032 不是该房屋业主或登记的授权领取人', name: null })
    // An owner with no ID on file cannot be matched: the clerk is told what to fix.
    expect(mayCollect('310104199003030032', [{ ...owner, idNumber: null }], [], '2026-12-01')).toMatchObject({ ok: false, reason: expect.stringContaining('业主 刘龑 在住户登记中未录身份证号') })
    // An ended entry and a new valid one of the same person: the valid one counts.
    expect(mayCollect('110101198505050024', [], [{ ...mum, id: 'old', endedOn: '2026-10-01' }, mum], '2026-12-01')).toMatchObject({ ok: true, collectorId: 'c1' })
  })
})

describe('an ID number read by a USB reader (keyboard wedge)', () => {
  it('takes a whole number ended by Enter, upper-casing x', () => {
    expect(readIdBurst('11010519491231002x\r')).toEqual({ idNumber: '11010519491231002X' })
  })
  it('refuses a burst cut off, with stray keys, or of the wrong length', () => {
    expect(readIdBurst('110105194912310')).toEqual({ problem: '身份证号读取不完整(读卡器未以回车结束),请重新读取' })
    expect(readIdBurst('1101051949;1231002X\r')).toEqual({ problem: '身份证号含有读卡器以外的字符(;),请重新读取' })
    expect(readIdBurst('1101051949123100\r')).toEqual({ problem: '身份证号读到16位,应为18位,请重新读取' })
    expect(readIdBurst('\r')).toEqual({ problem: '身份证号为空,请重新读取' })
  })
})
