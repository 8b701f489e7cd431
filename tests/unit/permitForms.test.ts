import dayjs from 'dayjs'
import { describe, expect, it } from 'vitest'
import {
  checkFields,
  DEFAULT_PERMIT_SETTINGS,
  FIELD_SCHEMAS,
  HOT_WORK_PRECAUTION_CODES,
  MAX_RELEASE_ITEMS,
  workerPassBatchFields,
  type PermitKind,
} from '../../shared/permit/index'
import {
  ceilMinutes,
  KIND_CONVERTERS,
  toWorkers,
  initialWorkers,
  yuanToFen,
  fenToYuan,
  toDay,
  toStamp,
  toClock,
  toText,
  type ConvertedKind,
  type KindFormValues,
} from '../../renderer/src/permit/forms/convert'

// The forms' pure halves: defaults + what the clerk types, converted, must pass the shared schema
// (and the kind's rule, where it needs nothing but the clock and the settings).

const NOW = dayjs('2026-03-02 09:15')
const NOW_STAMP = '2026-03-02 09:15'
const ID = '11010519491231002X'
const settings = { ...DEFAULT_PERMIT_SETTINGS, renovationDepositFen: 200000 }

const filled: { [K in ConvertedKind]: KindFormValues[K] } = {
  renovation: {
    contractorName: '  鸿运装饰工程有限公司 ',
    contractorLicense: '',
    leadName: '王师傅',
    leadPhone: '13812345678',
    leadIdNumber: ID,
    works: '厨卫改造、铺地砖',
    workerCount: 5,
    note: '',
  },
  extension: { renovationSerial: 'zx 2026 1', newEndDate: dayjs('2026-06-30'), reason: '材料延迟到货', feeFen: 50.5 },
  additionalWorks: { items: ['wall', 'securityDoor'], location: '入户门', description: '更换防盗门', contractorName: '' },
  hotWork: {
    place: '3栋1单元1202 厨房',
    content: '燃气管道改造焊接',
    welderName: '李焊',
    welderIdNumber: ID,
    welderCertNo: 'T123456789',
    copiesCollected: true,
    fireWatcherName: '张监',
    fireWatcherPhone: '',
    precautions: [...HOT_WORK_PRECAUTION_CODES],
    gasTestResult: 'LEL 0%,合格',
  },
  releaseSlip: {
    carrierName: '赵搬',
    carrierIdNumber: ID,
    carrierPhone: '13900001111',
    vehiclePlate: '',
    reason: '搬家',
    items: [
      { name: '冰箱', quantity: 1, note: '' },
      { name: '纸箱', quantity: 12, note: '衣物' },
    ],
  },
  liftUse: { liftName: '2号梯', goods: '红砖 500 块', undertaking: true },
}

describe('permit form converters', () => {
  it.each(Object.keys(KIND_CONVERTERS) as ConvertedKind[])('%s: defaults + typed values pass the schema', (kind) => {
    const c = KIND_CONVERTERS[kind]
    const values = { ...c.initialFields(NOW, settings, { renovationSerial: 'ZX-2026-0001' }), ...filled[kind] }
    const input = (c.toFields as (v: unknown) => unknown)(values)
    const parsed = FIELD_SCHEMAS[kind].safeParse(input)
    expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([])
    if (kind !== 'extension') {
      // extension's rule needs the renovation record: the core's job
      const out = checkFields(kind as PermitKind, parsed.data as never, { now: NOW_STAMP, settings })
      expect(out.ok ? '' : out.reason).toBe('')
    }
  })

  it('defaults are sensible', () => {
    const r = KIND_CONVERTERS.renovation.initialFields(NOW, settings)
    expect(toDay(r.startDate)).toBe('2026-03-02')
    expect(r.depositFen).toBe('2000.00') // 元, as the field shows it
    expect(KIND_CONVERTERS.renovation.initialFields(NOW).depositFen).toBeUndefined()

    const h = KIND_CONVERTERS.hotWork.toFields(KIND_CONVERTERS.hotWork.initialFields(NOW))
    expect(h).toMatchObject({ start: '2026-03-02 09:45', end: undefined, level: 'second', method: 'electricWelding', extinguisherCount: 2, precautions: [], copiesCollected: false })

    const s = KIND_CONVERTERS.releaseSlip.toFields(KIND_CONVERTERS.releaseSlip.initialFields(NOW))
    expect(s.date).toBe('2026-03-02')
    expect(s.items).toEqual([{ name: undefined, quantity: 1, note: undefined }])

    const l = KIND_CONVERTERS.liftUse.toFields(KIND_CONVERTERS.liftUse.initialFields(NOW))
    expect(l).toMatchObject({ use: 'lift', date: '2026-03-02', timeFrom: '09:30', timeTo: '11:30', undertaking: false })
    // late in the evening: the window ends at 23:59; after 23:30 no times are proposed
    expect(KIND_CONVERTERS.liftUse.toFields(KIND_CONVERTERS.liftUse.initialFields(dayjs('2026-03-02 22:40')))).toMatchObject({ timeFrom: '23:00', timeTo: '23:59' })
    expect(KIND_CONVERTERS.liftUse.toFields(KIND_CONVERTERS.liftUse.initialFields(dayjs('2026-03-02 23:45')))).toMatchObject({ timeFrom: undefined, timeTo: undefined })

    expect(KIND_CONVERTERS.extension.initialFields(NOW, undefined, { renovationSerial: 'ZX-2026-0007' })).toEqual({ renovationSerial: 'ZX-2026-0007' })
    expect(KIND_CONVERTERS.additionalWorks.toFields(KIND_CONVERTERS.additionalWorks.initialFields(NOW))).toMatchObject({ items: [], startDate: '2026-03-02', endDate: '2026-03-02' })
  })

  it('defaults alone are refused with the shared Chinese messages', () => {
    const msgs = (kind: ConvertedKind) => {
      const c = KIND_CONVERTERS[kind]
      const r = FIELD_SCHEMAS[kind].safeParse((c.toFields as (v: unknown) => unknown)(c.initialFields(NOW)))
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(msgs('renovation')).toContain('装修单位不能为空')
    expect(msgs('renovation')).toContain('装修押金应为数字')
    expect(msgs('hotWork')).toContain('请先确认:已收取焊工证及身份证复印件')
    expect(msgs('releaseSlip')).toContain('物品名称不能为空')
    expect(msgs('liftUse')).toContain('请先确认:申请人已签署承诺书')
    expect(msgs('additionalWorks')).toContain('请至少选择一项增加项目')
  })

  it('money: 元 to integer fen and back', () => {
    expect(yuanToFen(2000)).toBe(200000)
    expect(yuanToFen(0.29)).toBe(29)
    expect(yuanToFen(100.1)).toBe(10010)
    expect(yuanToFen(null)).toBeUndefined()
    expect(yuanToFen('')).toBeUndefined()
    expect(fenToYuan(10050)).toBe('100.50')
    // Typed text is read exactly: never rounded to the fen.
    expect(yuanToFen('100.1')).toBe(10010)
    expect(yuanToFen('1,200.50')).toBe(120050)
    expect(yuanToFen('12.345')).toBeNaN()
    expect(KIND_CONVERTERS.renovation.toFields({ depositFen: '2000.005' }).depositFen).toBeNaN()
    expect(KIND_CONVERTERS.extension.toFields({ feeFen: 50.5 }).feeFen).toBe(5050)
  })

  it('dates, times and empty strings', () => {
    const t = dayjs('2026-03-02 14:07:33')
    expect(toDay(t)).toBe('2026-03-02')
    expect(toStamp(t)).toBe('2026-03-02 14:07')
    expect(toClock(t)).toBe('14:07')
    expect(toDay(null)).toBeUndefined()
    expect(toText('  ')).toBeUndefined()
    expect(toText(' 甲 ')).toBe('甲')
    expect(ceilMinutes(dayjs('2026-03-02 09:41:10'), 5).format('HH:mm')).toBe('09:45')
    expect(ceilMinutes(dayjs('2026-03-02 09:45:10'), 5).format('HH:mm')).toBe('09:45')
    const f = KIND_CONVERTERS.hotWork.toFields({ ...filled.hotWork, level: 'first', method: 'gasCutting', start: t, end: t.add(2, 'hour') })
    expect(f).toMatchObject({ start: '2026-03-02 14:07', end: '2026-03-02 16:07', fireWatcherPhone: undefined })
  })

  it('release slip: more than MAX_RELEASE_ITEMS rows are refused by the schema', () => {
    const c = KIND_CONVERTERS.releaseSlip
    const items = Array.from({ length: MAX_RELEASE_ITEMS + 1 }, (_, i) => ({ name: `物品${i}`, quantity: 1 }))
    const r = FIELD_SCHEMAS.releaseSlip.safeParse(c.toFields({ ...c.initialFields(NOW), ...filled.releaseSlip, items }))
    expect(r.success).toBe(false)
    expect(r.error?.issues[0].message).toBe(`物品清单不能超过${MAX_RELEASE_ITEMS}项,请分开开具`)
  })

  it('worker rows → the batch schema', () => {
    const photo = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD'
    const rows = [
      { ...initialWorkers()[0], workerName: '钱工', workerIdNumber: ID, workerPhone: '', trade: '水电工', photo, receiptNo: 'CW-001', idCopyCollected: true },
      { workerName: '孙工', workerIdNumber: ID, photoCollected: true, receiptNo: 'CW-001', idCopyCollected: true, depositFen: 100, feeFen: null },
    ]
    const workers = toWorkers(rows)
    expect(workers[0]).toMatchObject({ workerPhone: undefined, photo, photoCollected: false, depositFen: undefined })
    expect(workers[1]).toMatchObject({ photo: undefined, photoCollected: true, depositFen: 10000, feeFen: undefined })
    const r = workerPassBatchFields.safeParse({ renovationSerial: 'ZX-2026-0001', workers })
    expect(r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([])
    expect(toWorkers(undefined)).toEqual([])
    const blank = workerPassBatchFields.safeParse({ renovationSerial: 'ZX-2026-0001', workers: toWorkers(initialWorkers()) })
    expect(blank.success ? [] : blank.error.issues.map((i) => i.message)).toContain('请先确认:已收取身份证复印件')
  })
})
