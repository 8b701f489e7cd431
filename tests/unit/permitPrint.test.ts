import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import {
  buildAdditionalWorksForm,
  buildExtensionForm,
  buildHotWorkPermit,
  buildLiftUseForm,
  buildPermitDocument,
  buildReleaseSlip,
  buildRenovationPermit,
  buildWorkerPassSheet,
} from '../../electron/core/permit/print/index'
import { renderPdf } from '../../electron/core/print/pdf'
import {
  applyReview,
  checkCode,
  checkCodeFields,
  checkFields,
  DEFAULT_PERMIT_SETTINGS,
  draftRecord,
  extendRenovation,
  FIELD_SCHEMAS,
  formatSerial,
  kindDef,
  qrPayload,
  transition,
  type Applicant,
  type PermitKind,
  type PermitRecord,
  type PermitRecordOf,
} from '../../shared/permit/index'
import { pdfPageCount, pdfText } from '../helpers/pdf'
import { ROLE_LABELS } from '../../shared/roles'

/** The duty supervisor's step, named as shared/roles.ts names the role. */
const SUPERVISOR_STEP = `${ROLE_LABELS.supervisor}审批`

// ───────────────────────────── fixtures ─────────────────────────────

const hmac = (s: string, t: string) => createHmac('sha256', s).update(t, 'utf8').digest('hex')
const NOW = '2026-03-02 09:15'
const ID = '11010519491231002X'
const site = { name: '阳光花园', office: '阳光花园物业服务中心' }
const owner: Applicant = { role: 'owner', name: '刘龑', phone: '13812345678', idNumber: ID }
const STAFF: Record<string, string> = { engineering: '王堃', safety: '李昇', director: '陈翀', supervisor: '赵赟', admin: '张喆' }
// A 1×1 PNG, as the desk's camera would hand over a photo.
const PHOTO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

function unwrap<T>(o: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!o.ok) throw new Error(o.reason)
  return o.value
}

function make<K extends PermitKind>(kind: K, fields: unknown, o: { renovation?: PermitRecord; n?: number; approveSteps?: number } = {}): PermitRecordOf<K> {
  const parsed = FIELD_SCHEMAS[kind].parse(fields)
  const d = unwrap(checkFields(kind, parsed as never, { now: NOW, settings: DEFAULT_PERMIT_SETTINGS, renovation: o.renovation }))
  let r: PermitRecord = draftRecord(kind, { unitLabel: '3栋2单元1201', applicant: owner }, d as never, NOW) as PermitRecord
  r = unwrap(transition(r, { type: 'submit', at: NOW, serial: formatSerial(kindDef(kind).prefix, 2026, o.n ?? 1) }))
  const steps = kindDef(kind).steps
  for (let i = 0; i < (o.approveSteps ?? steps.length); i++) {
    r = unwrap(applyReview(r, { step: i, role: steps[i].role, staffId: steps[i].role, staffName: STAFF[steps[i].role], at: `2026-03-02 08:0${i}`, decision: 'approve', opinion: i === 0 ? '符合规定' : '' }))
  }
  return r as PermitRecordOf<K>
}

const qrOf = (r: PermitRecord) => qrPayload(r.serial!, checkCode(hmac, 'secret', checkCodeFields(r)))
const opts = (r: PermitRecord, reprintCount = 0) => ({ reprintCount, qrPayload: qrOf(r), printedAt: NOW })

async function text(doc: TDocumentDefinitions): Promise<{ pages: number; text: string }> {
  const buf = await renderPdf(doc)
  const pages = await pdfText(buf)
  return { pages: await pdfPageCount(buf), text: pages.join('\n') }
}

const renovation = make('renovation', {
  contractorName: '深圳市美家装饰工程有限公司',
  leadName: '张喆',
  leadPhone: '13912345678',
  leadIdNumber: ID,
  works: '厨房、卫生间防水;全屋水电改造',
  startDate: '2026-03-02',
  depositFen: 200000,
  workerCount: 6,
})

const hotWorkFields = {
  place: '北阳台',
  level: 'first',
  method: 'gasCutting',
  content: '阳台不锈钢防盗网焊接',
  welderName: '王建国',
  welderIdNumber: ID,
  welderCertNo: 'T110105194912',
  copiesCollected: true,
  start: '2026-03-02 09:30',
  end: '2026-03-02 17:30',
  fireWatcherName: '李四',
  extinguisherCount: 2,
  precautions: ['combustiblesCleared', 'openingsCovered', 'extinguishersReady', 'watcherPresent', 'welderCertified', 'equipmentChecked', 'cylindersSpaced', 'gasTested', 'siteCheckAfter'],
  gasTestResult: '0%LEL 合格',
}

const pass = (name: string, n: number, photo?: string) =>
  make('workerPass', { renovationSerial: renovation.serial, workerName: name, workerIdNumber: ID, trade: '木工', photo, photoCollected: true, receiptNo: `SJ${n}`, idCopyCollected: true }, { renovation, n })

// ───────────────────────────── every form ─────────────────────────────

describe('permit printing', () => {
  it('renovation permit: A4, unit, period in large type, contractor, lead, approvals, QR caption', async () => {
    const doc = buildRenovationPermit(site, renovation, opts(renovation))
    expect(doc.pageSize).toBe('A4')
    const { pages, text: t } = await text(doc)
    expect(pages).toBe(1)
    expect(t).toMatch(/装\s*修\s*许\s*可\s*证/)
    expect(t).toContain('编号:ZX-2026-0001')
    expect(t).toContain('3栋2单元1201')
    expect(t).toContain('2026-03-02 至 2026-06-01')
    expect(t).toContain('深圳市美家装饰工程有限公司')
    expect(t).toContain('13912345678')
    expect(t).not.toContain(ID)
    for (const s of ['工程主管审核', '王堃', '服务中心经理/主任审批', '陈翀', '2026-03-02 08:01', '管理处(盖章)', '扫码核验 ZX-2026-0001']) expect(t).toContain(s)
    expect(t).not.toContain('补打')
    expect((await text(buildRenovationPermit(site, renovation, opts(renovation, 1)))).text).toContain('补打(第1次)')
  })

  it('an extended renovation prints its new period and says so; its QR code is unchanged', async () => {
    const ext = make('extension', { renovationSerial: renovation.serial, newEndDate: '2026-07-31', reason: '主材到货延迟' }, { renovation })
    const issued = unwrap(transition(renovation, { type: 'print', at: NOW }))
    const plan = unwrap(extendRenovation(issued, ext, [], NOW))
    expect(qrOf(plan.renovation)).toBe(qrOf(issued))
    const { pages, text: t } = await text(buildRenovationPermit(site, plan.renovation, opts(plan.renovation, 1)))
    expect(pages).toBe(1)
    expect(t).toContain('2026-03-02 至 2026-07-31')
    expect(t).toContain('已延期(原期限至 2026-06-01)')
  })

  it('worker passes: 8 card-size passes on one A4 page with masked IDs; a ninth starts a second sheet', async () => {
    const names = ['王建国', '李龑', '赵大勇', '欧阳明辉', '陈翀', '周鍪', '孙小二', '吴堃', '郑三']
    const passes = names.map((n, i) => pass(n, i + 1, i % 2 ? PHOTO : undefined))
    const items = passes.map((r, i) => ({ record: r, reprintCount: i === 2 ? 1 : 0, qrPayload: qrOf(r) }))
    const eight = await text(buildWorkerPassSheet(site, items.slice(0, 8), { printedAt: NOW }))
    expect(eight.pages).toBe(1)
    for (const n of names.slice(0, 8)) expect(eight.text).toContain(n)
    expect(eight.text.match(/装修人员出入证/g)!.length).toBeGreaterThanOrEqual(8)
    expect(eight.text).toContain('110105********002X')
    expect(eight.text).not.toContain(ID)
    expect(eight.text).toContain('CR-2026-0008')
    expect(eight.text).toContain('2026-03-02 至 2026-06-01')
    expect(eight.text).toContain('照片')
    expect(eight.text.match(/补打\(第1次\)/g)).toHaveLength(1)
    const nine = await text(buildWorkerPassSheet(site, items, { printedAt: NOW }))
    expect(nine.pages).toBe(2)
    expect(nine.text).toContain('郑三')
  })

  it('one worker pass through the common entry point', async () => {
    const p = pass('王建国', 1)
    const { pages, text: t } = await text(buildPermitDocument(site, p, opts(p, 2)))
    expect(pages).toBe(1)
    expect(t).toContain('CR-2026-0001')
    expect(t).toContain('补打(第2次)')
  })

  it('hot-work permit: level, window, welder, watcher, checklist with ticks, three approvals', async () => {
    const h = make('hotWork', hotWorkFields)
    const doc = buildHotWorkPermit(site, h, opts(h, 1))
    expect(doc.pageSize).toBe('A4')
    const { pages, text: t } = await text(doc)
    expect(pages).toBe(1)
    expect(t).toMatch(/动\s*火\s*许\s*可\s*证/)
    for (const s of ['DH-2026-0001', '一级动火', '2026-03-02 09:30 至 17:30', '北阳台', '气割', '王建国', 'T110105194912', '李四', '2 具', '0%LEL 合格']) expect(t).toContain(s)
    for (const s of ['工程主管审核', '王堃', '安全主管审核', '李昇', '服务中心经理/主任审批', '陈翀']) expect(t).toContain(s)
    expect(t).toContain('动火点周围易燃、可燃物已清除或隔离')
    expect(t.match(/✓/g)).toHaveLength(9)
    expect(t).toContain('补打(第1次)')
    expect(t).not.toContain(ID)
  })

  it('release slip: A5, the day in large type, single use, items, carrier, 办证人, approval', async () => {
    const items = Array.from({ length: 8 }, (_, i) => ({ name: ['双门冰箱', '洗衣机', '实木衣柜(已拆)', '纸箱(书籍)'][i % 4], quantity: i + 1, note: i === 0 ? '旧物' : undefined }))
    const s = make('releaseSlip', { carrierName: '欧阳明辉', carrierIdNumber: ID, carrierPhone: '13700001111', vehiclePlate: '粤B12345', reason: '搬家', items, date: '2026-03-02' })
    const doc = buildReleaseSlip(site, s, opts(s, 3))
    expect(doc.pageSize).toBe('A5')
    const { pages, text: t } = await text(doc)
    expect(pages).toBe(1)
    expect(t).toMatch(/物\s*品\s*放\s*行\s*条/)
    for (const x of ['FX-2026-0001', '2026-03-02', '当日有效', '单次有效', '欧阳明辉', '110105********002X', '办证人', '刘龑(业主)', '实木衣柜(已拆)', '共 8 项', '36', SUPERVISOR_STEP, '赵赟', '补打(第3次)']) {
      expect(t).toContain(x)
    }
  })

  it('extension, additional works and lift use: A5 forms with approvals, stamp and QR', async () => {
    const ext = make('extension', { renovationSerial: renovation.serial, newEndDate: '2026-07-31', reason: '主材到货延迟' }, { renovation })
    const e = await text(buildExtensionForm(site, ext, opts(ext)))
    expect(e.pages).toBe(1)
    for (const x of ['装修延期审批单', 'YQ-2026-0001', '2026-07-31', 'ZX-2026-0001', '2026-06-01', '主材到货延迟', '工程主管审核', '服务中心经理/主任审批', '管理处(盖章)']) expect(e.text).toContain(x)

    const aw = make('additionalWorks', { items: ['drilling', 'securityDoor'], location: '入户门', description: '更换防盗门', startDate: '2026-03-03', endDate: '2026-03-05' })
    const a = await text(buildAdditionalWorksForm(site, aw, opts(aw, 1)))
    expect(a.pages).toBe(1)
    for (const x of ['增加项目审批单', 'ZJ-2026-0001', '2026-03-03 至 2026-03-05', '安装防盗门', '打孔', '更换防盗门', '补打(第1次)']) expect(a.text).toContain(x)
    expect(a.text.match(/✓/g)).toHaveLength(2)

    const lu = make('liftUse', { use: 'fireLift', liftName: '3栋消防梯', goods: '红砖 500 块', date: '2026-03-02', timeFrom: '13:00', timeTo: '17:00', undertaking: true })
    const l = await text(buildLiftUseForm(site, lu, opts(lu)))
    expect(l.pages).toBe(1)
    for (const x of ['使用楼梯/电梯审批单', 'DT-2026-0001', '2026-03-02 13:00 至 17:00', '消防梯', '红砖 500 块', '客服管理员审批', '张喆', '承诺']) expect(l.text).toContain(x)
    expect(l.text).not.toContain('补打')
  })
})

// ───────────────────────────── every form filled to its maxima ─────────────────────────────

describe('permit printing at the schema maxima', () => {
  // Text of exactly n characters; the lengths are the schemas' maxima (names 15/20, texts per field).
  const L = (n: number, base = '测试内容长文本') => base.repeat(Math.ceil(n / base.length)).slice(0, n)
  const longSite = { name: L(60, '阳光花园'), office: L(60, '阳光花园物业服务中心') }
  const unit = 'A12栋3单元2101A号房'
  const applicant: Applicant = { role: 'owner', name: L(20, '欧阳'), phone: '0755-26881234-123456', idNumber: ID }
  const widen = <R extends PermitRecord>(r: R): R => ({ ...r, unitLabel: unit, applicant, ownerConsent: { ownerName: L(20, '欧阳'), method: 'letter' } })

  it('every form still prints on one sheet, nothing pushed off the paper', async () => {
    const ren = widen(make('renovation', { contractorName: L(40), contractorLicense: L(30, 'A1'), leadName: L(15, '欧阳'), leadPhone: '0755-26881234-123456', leadIdNumber: ID, works: L(150), startDate: '2026-03-02', depositFen: 99999999, workerCount: 200, note: L(100) }))
    const records: PermitRecord[] = [
      ren,
      widen(make('hotWork', { ...hotWorkFields, place: L(40), level: 'special', method: 'grinding', content: L(100), welderName: L(15, '欧阳'), welderCertNo: L(20, 'T1'), fireWatcherName: L(15, '司马'), fireWatcherPhone: '0755-26881234-123456', extinguisherCount: 50, gasTestResult: L(50), precautions: [...hotWorkFields.precautions, 'sparkShield'] })),
      widen(make('releaseSlip', { carrierName: L(15, '欧阳'), carrierIdNumber: ID, carrierPhone: '0755-26881234-123456', vehiclePlate: L(10, '粤B1'), reason: L(20), items: Array.from({ length: 8 }, () => ({ name: L(16, '物品'), quantity: 9999, note: L(10, '备注') })), date: '2026-03-02' })),
      widen(make('extension', { renovationSerial: renovation.serial, newEndDate: '2026-07-31', reason: L(100), feeFen: 99999999 }, { renovation })),
      widen(make('additionalWorks', { items: ['wall', 'drilling', 'securityDoor', 'windowGuard', 'screen', 'other'], location: L(30), description: L(100), contractorName: L(30), startDate: '2026-03-03', endDate: '2026-03-05' })),
      widen(make('liftUse', { use: 'stairs', liftName: L(20), goods: L(60), date: '2026-03-02', timeFrom: '13:00', timeTo: '17:00', undertaking: true })),
    ]
    for (const r of records) {
      const { pages, text: t } = await text(buildPermitDocument(longSite, r, { ...opts(r, 12), qrPayload: qrOf(r) }))
      expect(pages, r.kind).toBe(1)
      expect(t, r.kind).toContain(r.serial!)
      expect(t, r.kind).toContain('补打(第12次)')
    }
    const passes = Array.from({ length: 8 }, (_, i) =>
      widen(make('workerPass', { renovationSerial: renovation.serial, workerName: L(15, '欧阳'), workerIdNumber: ID, trade: L(10, '木工'), photoCollected: true, receiptNo: L(30, 'X'), idCopyCollected: true }, { renovation, n: i + 1 })),
    )
    const sheet = await text(buildWorkerPassSheet(longSite, passes.map((r) => ({ record: r, reprintCount: 12, qrPayload: qrOf(r) })), { printedAt: NOW }))
    expect(sheet.pages).toBe(1)
    expect(sheet.text).toContain('CR-2026-0008')
  })

  it('every document carries the service center phone; the renovation permit its working hours; an opinion prints once', async () => {
    const phoned = { ...site, settings: { serviceCenterPhone: '0755-86001234', workHours: '08:30-12:00,14:00-18:30' } }
    const once = (r: PermitRecord) => ({ ...r, reviews: r.reviews.map((x, i) => (i === 0 ? { ...x, opinion: '同意,按规定施工' } : x)) }) as PermitRecord
    const records: PermitRecord[] = [
      once(renovation),
      make('hotWork', hotWorkFields),
      make('releaseSlip', { carrierName: '欧阳明辉', carrierIdNumber: ID, items: [{ name: '冰箱', quantity: 1 }], date: '2026-03-02' }),
      make('extension', { renovationSerial: renovation.serial, newEndDate: '2026-07-31', reason: '主材到货延迟' }, { renovation }),
      make('additionalWorks', { items: ['drilling'], location: '客厅', description: '打孔', startDate: '2026-03-03', endDate: '2026-03-05' }),
      make('liftUse', { use: 'lift', goods: '瓷砖', date: '2026-03-02', timeFrom: '13:00', timeTo: '17:00', undertaking: true }),
      pass('王建国', 1),
    ]
    for (const r of records) {
      const { pages, text: t } = await text(buildPermitDocument(phoned, r, opts(r)))
      expect(pages, r.kind).toBe(1)
      expect(t.replace(/\s/g, ''), r.kind).toContain('0755-86001234')
    }
    const ren = await text(buildPermitDocument(phoned, records[0], opts(records[0])))
    expect(ren.text).toContain('施工时间')
    expect(ren.text).toContain('08:30—12:00、14:00—18:30')
    expect(ren.text).toContain('同意,按规定施工')
    expect(ren.text).not.toMatch(/同意。\s*同意/)
    // Without a phone set, no empty label is printed.
    expect((await text(buildPermitDocument(site, records[1], opts(records[1])))).text).not.toContain('服务中心电话')
  })
})

// ───────────────────────────── refusals ─────────────────────────────

describe('permit printing refuses what canPrint refuses', () => {
  it('hot work before the safety supervisor and the director approved', () => {
    const h = make('hotWork', hotWorkFields, { approveSteps: 1 })
    expect(() => buildHotWorkPermit(site, h, opts(h))).toThrow(/尚缺:安全主管审核、服务中心经理\/主任审批/)
  })

  it('a voided or expired document, and a release slip on another day', () => {
    const v = unwrap(transition(renovation, { type: 'void', at: NOW, reason: '业主撤回' }))
    expect(() => buildRenovationPermit(site, v, opts(v))).toThrow(/已作废/)
    const h = make('hotWork', hotWorkFields)
    expect(() => buildHotWorkPermit(site, h, { ...opts(h), printedAt: '2026-03-02 18:00' })).toThrow(/已过期/)
    const s = make('releaseSlip', { carrierName: '欧阳明辉', carrierIdNumber: ID, items: [{ name: '冰箱', quantity: 1 }], date: '2026-03-02' })
    expect(() => buildReleaseSlip(site, s, { ...opts(s), printedAt: '2026-03-01 18:00' })).toThrow(/只能在放行当日\(2026-03-02\)打印/)
    expect(() => buildReleaseSlip(site, s, { ...opts(s), printedAt: '2026-03-03 08:00' })).toThrow(/已过期/)
    const p = pass('王建国', 1)
    expect(() => buildWorkerPassSheet(site, [{ record: p, reprintCount: 0, qrPayload: qrOf(p) }], { printedAt: '2026-06-02 08:00' })).toThrow(/已过期/)
  })

  it('a QR payload of another document, or without its check code', () => {
    const aw = make('additionalWorks', { items: ['drilling'], location: '客厅', description: '打孔', startDate: '2026-03-03', endDate: '2026-03-03' })
    expect(() => buildAdditionalWorksForm(site, aw, { ...opts(aw), qrPayload: qrOf(renovation) })).toThrow(/不符/)
    expect(() => buildAdditionalWorksForm(site, aw, { ...opts(aw), qrPayload: aw.serial! })).toThrow(/校验码/)
    expect(() => buildAdditionalWorksForm(site, aw, { ...opts(aw), reprintCount: -1 })).toThrow(/补打次数/)
  })
})
