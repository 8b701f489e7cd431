import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  applyReview,
  canApply,
  canPrint,
  canReview,
  checkCode,
  checkCodeFields,
  checkFields,
  DEFAULT_PERMIT_SETTINGS,
  draftRecord,
  effectiveState,
  extendRenovation,
  FIELD_SCHEMAS,
  formatSerial,
  hotWorkFields,
  hotWorkMaxHours,
  hotWorkWindow,
  kindDef,
  nextStep,
  parseQrPayload,
  printCode,
  PERMIT_KIND_DEFS,
  PERMIT_KINDS,
  permitApplyInput,
  permitReviewInput,
  qrPayload,
  releaseSlipFields,
  releaseSlipUse,
  transition,
  verifyCode,
  verifyOutcome,
  workerPassValidity,
  type Applicant,
  type PermitKind,
  type PermitRecord,
  type PermitRecordOf,
  type Review,
} from '../../shared/permit/index'
import { periodEnd } from '../../shared/time/calendar'
import { idCheckChar } from '../../shared/validate/idNumber'

// ───────────────────────────── fixtures ─────────────────────────────

const hmac = (s: string, t: string) => createHmac('sha256', s).update(t, 'utf8').digest('hex')
const SECRET = 'site-secret-1'
const NOW = '2026-03-02 09:15'
const ID = '11010519491231002X'
const ID2 = (() => {
  const first = '44030519900101123'
  return first + idCheckChar(first)
})()
const owner: Applicant = { role: 'owner', name: '刘龑', phone: '13812345678', idNumber: ID }
const STAFF: Record<string, string> = { engineering: '王堃', safety: '李昇', director: '陈翀', supervisor: '赵赟', admin: '张喆' }

function unwrap<T>(o: { ok: true; value: T } | { ok: false; reason: string }): T {
  if (!o.ok) throw new Error(o.reason)
  return o.value
}

const FIELDS = {
  renovation: { contractorName: '美家装饰', leadName: '张喆', leadPhone: '13912345678', leadIdNumber: ID2, works: '全屋装修', startDate: '2026-03-02', depositFen: 200000 },
  hotWork: {
    place: '阳台',
    level: 'second',
    method: 'electricWelding',
    content: '焊接防盗网',
    welderName: '王建国',
    welderIdNumber: ID2,
    welderCertNo: 'T4403051990',
    copiesCollected: true,
    start: '2026-03-02 10:00',
    end: '2026-03-02 16:00',
    fireWatcherName: '李四',
    extinguisherCount: 2,
    precautions: ['combustiblesCleared', 'openingsCovered', 'extinguishersReady', 'watcherPresent', 'welderCertified', 'equipmentChecked', 'siteCheckAfter'],
  },
  releaseSlip: { carrierName: '欧阳明辉', carrierIdNumber: ID2, items: [{ name: '冰箱', quantity: 1 }], date: '2026-03-02' },
  liftUse: { use: 'lift', goods: '沙发', date: '2026-03-02', timeFrom: '13:00', timeTo: '15:00', undertaking: true },
  additionalWorks: { items: ['drilling'], location: '客厅', description: '打孔挂电视', startDate: '2026-03-03', endDate: '2026-03-03' },
} as const

/** Parse → kind rule → draft → submit, optionally approve the first `approveSteps` steps (default all). */
function make<K extends PermitKind>(
  kind: K,
  fields: unknown,
  opts: { now?: string; renovation?: PermitRecord; n?: number; approveSteps?: number; applicant?: Applicant } = {},
): PermitRecordOf<K> {
  const now = opts.now ?? NOW
  const parsed = FIELD_SCHEMAS[kind].parse(fields)
  const d = unwrap(checkFields(kind, parsed as never, { now, settings: DEFAULT_PERMIT_SETTINGS, renovation: opts.renovation }))
  let r: PermitRecord = draftRecord(kind, { unitLabel: '3栋2单元1201', applicant: opts.applicant ?? owner }, d as never, now) as PermitRecord
  r = unwrap(transition(r, { type: 'submit', at: now, serial: formatSerial(kindDef(kind).prefix, Number(now.slice(0, 4)), opts.n ?? 1) }))
  const steps = kindDef(kind).steps
  const upto = opts.approveSteps ?? steps.length
  for (let i = 0; i < upto; i++) {
    r = unwrap(applyReview(r, review(i, steps[i].role, now)))
  }
  return r as PermitRecordOf<K>
}

function review(step: number, role: Review['role'], at = NOW, decision: Review['decision'] = 'approve', opinion = ''): Review {
  return { step, role, staffId: `${role}-1`, staffName: STAFF[role], at, decision, opinion }
}

const renovation = () => make('renovation', FIELDS.renovation)
const issued = <R extends PermitRecord>(r: R, at = NOW): R => unwrap(transition(r, { type: 'print', at }))

// ───────────────────────────── kinds, serials, codes ─────────────────────────────

describe('form kinds', () => {
  it('declares every kind once, with distinct two-letter prefixes and review steps by role', () => {
    const prefixes = PERMIT_KINDS.map((k) => PERMIT_KIND_DEFS[k].prefix)
    expect(new Set(prefixes).size).toBe(PERMIT_KINDS.length)
    for (const p of prefixes) expect(p).toMatch(/^[A-Z]{2}$/)
    expect(kindDef('hotWork').steps.map((s) => s.role)).toEqual(['engineering', 'safety', 'director'])
    expect(kindDef('renovation').steps.map((s) => s.role)).toEqual(['engineering', 'director'])
    expect(kindDef('releaseSlip').steps.map((s) => s.role)).toEqual(['supervisor'])
    expect(kindDef('liftUse').steps.map((s) => s.role)).toEqual(['engineering', 'admin'])
    expect(kindDef('workerPass').steps).toEqual([])
    expect(kindDef('hotWork').applicants).toEqual(['owner', 'lead'])
  })
})

describe('serials', () => {
  it('formats per kind per year, four digits, never truncating', () => {
    expect(formatSerial('DH', 2026, 1)).toBe('DH-2026-0001')
    expect(formatSerial('ZX', 2026, 987)).toBe('ZX-2026-0987')
    expect(formatSerial('FX', 2027, 12345)).toBe('FX-2027-12345')
    expect(() => formatSerial('dh', 2026, 1)).toThrow(/前缀/)
    expect(() => formatSerial('DH', 2026, 0)).toThrow(/序号/)
    expect(() => formatSerial('DH', 2026, 1.5)).toThrow(/序号/)
  })
})

describe('check codes and QR payloads', () => {
  const r = issued(renovation())
  const fields = checkCodeFields(r)
  const code = checkCode(hmac, SECRET, fields)

  it('is 10 Crockford base32 characters, stable, and depends on the secret and every key field', () => {
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/)
    expect(checkCode(hmac, SECRET, fields)).toBe(code)
    expect(checkCode(hmac, 'other-site', fields)).not.toBe(code)
    expect(checkCode(hmac, SECRET, [...fields.slice(0, -1), '2026-12-31'])).not.toBe(code)
  })

  it('verifies the right code (as typed: lower case, O for 0) and detects a forged one', () => {
    expect(verifyCode(hmac, SECRET, fields, code)).toBe(true)
    expect(verifyCode(hmac, SECRET, fields, code.toLowerCase().replace(/0/g, 'o'))).toBe(true)
    const forged = (code[0] === 'A' ? 'B' : 'A') + code.slice(1)
    expect(verifyCode(hmac, SECRET, fields, forged)).toBe(false)
    // A copied code on a paper with another name: the key fields differ.
    const altered = checkCodeFields({ ...r, fields: { ...r.fields, leadName: '李四' } })
    expect(verifyCode(hmac, SECRET, altered, code)).toBe(false)
  })

  it('QR payload is ASCII, carries serial and code, and parses back', () => {
    const p = qrPayload(r.serial!, code)
    expect(p).toBe(`WYQT:${r.serial}:${code}`)
    expect(p).toMatch(/^[\x20-\x7e]+$/)
    expect(parseQrPayload(p)).toEqual({ serial: r.serial, code, generation: 0 })
    expect(parseQrPayload(` wyqt:${r.serial!.toLowerCase()}:${code.toLowerCase()} `)).toEqual({ serial: r.serial, code, generation: 0 })
    expect(() => qrPayload('DH-2026-0001', '张三')).toThrow(/校验码/)
    // A re-print carries its generation, and its own code (the generation is inside the HMAC).
    const g2 = printCode(hmac, SECRET, checkCodeFields(r), 2)
    expect(g2).not.toBe(code)
    expect(printCode(hmac, SECRET, checkCodeFields(r), 0)).toBe(code)
    expect(qrPayload(r.serial!, g2, 2)).toBe(`WYQT:${r.serial}:${g2}:2`)
    expect(parseQrPayload(`WYQT:${r.serial}:${g2}:2`)).toEqual({ serial: r.serial, code: g2, generation: 2 })
    expect(parseQrPayload(`WYQT:${r.serial}:${g2}:x`)).toBeNull()
    expect(() => qrPayload(r.serial!, g2, -1)).toThrow(/打印次序/)
  })

  it('accepts a serial typed by hand: any case, spaces, no dashes, short numbers, full-width', () => {
    for (const typed of ['DH-2026-0001', 'dh-2026-0001', ' dh 2026 0001 ', 'DH20260001', 'dh-2026-1', 'ＤＨ－２０２６－０００１']) {
      expect(parseQrPayload(typed)).toEqual({ serial: 'DH-2026-0001', code: null, generation: null })
    }
    expect(parseQrPayload('XX-2026-0001')).toBeNull()
    expect(parseQrPayload('DH-2026-0000')).toBeNull()
    expect(parseQrPayload('https://example.com/DH-2026-0001')).toBeNull()
    expect(parseQrPayload('WYQT:DH-2026-0001:SHORT')).toBeNull()
  })
})

// ───────────────────────────── applying ─────────────────────────────

describe('who may apply', () => {
  const tenant: Applicant = { role: 'tenant', name: '周鍪', phone: '13700001111' }
  const consent = { ownerName: '刘龑', method: 'letter' as const }

  it('refuses a tenant without the owner’s consent, accepts one with it', () => {
    const no = canApply('releaseSlip', tenant, { now: NOW })
    expect(no).toMatchObject({ ok: false, reason: expect.stringContaining('业主同意') })
    expect(canApply('releaseSlip', tenant, { now: NOW, ownerConsent: consent })).toEqual({ ok: true })
  })

  it('refuses a tenant for hot work even with consent: owner or lead only', () => {
    const r = canApply('hotWork', tenant, { now: NOW, ownerConsent: consent })
    expect(r).toEqual({ ok: false, reason: '动火申请表只能由业主或装修负责人申请', field: 'applicant.role' })
  })

  it('checks the owner against the registry and the lead’s authorisation', () => {
    expect(canApply('hotWork', owner, { now: NOW, isOwner: false })).toMatchObject({ ok: false, reason: '申请人不是该房屋登记的业主' })
    expect(canApply('hotWork', owner, { now: NOW, isOwner: true }).ok).toBe(true)
    const lead: Applicant = { role: 'lead', name: '张喆', phone: '13912345678' }
    expect(canApply('hotWork', lead, { now: NOW }).ok).toBe(false)
    expect(canApply('hotWork', lead, { now: NOW, agentScopes: ['keys'] }).ok).toBe(false)
    expect(canApply('hotWork', lead, { now: NOW, agentScopes: ['renovation'] }).ok).toBe(true)
    expect(canApply('hotWork', lead, { now: NOW, isRenovationLead: true }).ok).toBe(true)
  })

  it('lets an authorised agent ask for a release slip, only with the release scope', () => {
    const agent: Applicant = { role: 'agent', name: '孙小二', phone: '13700002222' }
    expect(canApply('releaseSlip', agent, { now: NOW, agentScopes: ['release'] }).ok).toBe(true)
    expect(canApply('releaseSlip', agent, { now: NOW, agentScopes: ['keys'] }).ok).toBe(false)
    expect(canApply('renovation', agent, { now: NOW, agentScopes: ['release'] }).ok).toBe(false)
  })

  it('worker passes and extensions need the unit’s approved, running renovation', () => {
    expect(canApply('workerPass', owner, { now: NOW, isOwner: true, renovation: null })).toMatchObject({ ok: false, reason: expect.stringContaining('未找到') })
    const inReview = make('renovation', FIELDS.renovation, { approveSteps: 1 })
    expect(canApply('workerPass', owner, { now: NOW, isOwner: true, renovation: inReview })).toMatchObject({ ok: false, reason: expect.stringContaining('审批中') })
    const r = renovation()
    expect(canApply('workerPass', owner, { now: NOW, isOwner: true, renovation: r }).ok).toBe(true)
    const later = '2026-06-02 08:00'
    expect(canApply('extension', owner, { now: later, isOwner: true, renovation: r })).toMatchObject({ ok: false, reason: expect.stringContaining('届满') })
  })
})

describe('field schemas name the field in Chinese', () => {
  it('hot-work fields', () => {
    const bad = hotWorkFields.safeParse({ ...FIELDS.hotWork, welderName: '', welderIdNumber: '110105194912310021', copiesCollected: false })
    expect(bad.success).toBe(false)
    const messages = bad.error!.issues.map((i) => i.message)
    expect(messages).toContain('动火人姓名不能为空')
    expect(messages).toContain('动火人身份证号校验位不正确')
    expect(messages).toContain('请先确认:已收取焊工证及身份证复印件')
  })
  it('release slip items', () => {
    expect(releaseSlipFields.safeParse({ ...FIELDS.releaseSlip, items: [] }).error?.issues[0].message).toBe('物品清单至少填写一项')
    const many = Array.from({ length: 9 }, () => ({ name: '箱子', quantity: 1 }))
    expect(releaseSlipFields.safeParse({ ...FIELDS.releaseSlip, items: many }).error?.issues[0].message).toMatch(/不能超过8项/)
    expect(releaseSlipFields.safeParse({ ...FIELDS.releaseSlip, items: [{ name: '箱子', quantity: 0 }] }).error?.issues[0].message).toBe('物品数量至少为1')
  })
  it('one apply input for every kind, chosen by kind', () => {
    const ok = permitApplyInput.safeParse({ kind: 'releaseSlip', unitId: 'u1', applicant: owner, fields: FIELDS.releaseSlip })
    expect(ok.success).toBe(true)
    const wrong = permitApplyInput.safeParse({ kind: 'releaseSlip', unitId: 'u1', applicant: owner, fields: FIELDS.liftUse })
    expect(wrong.success).toBe(false)
    expect(permitReviewInput.safeParse({ id: 'a', decision: 'refuse' }).error?.issues[0].message).toBe('不同意时必须填写理由')
    const tenant = { role: 'tenant', name: '周鍪', phone: '13700001111' }
    const noConsent = permitApplyInput.safeParse({ kind: 'releaseSlip', unitId: 'u1', applicant: tenant, fields: FIELDS.releaseSlip })
    expect(noConsent.error?.issues[0]).toMatchObject({ path: ['ownerConsent'], message: '租户申请须经业主同意,请先登记业主同意' })
    const phoneConsent = permitApplyInput.safeParse({ kind: 'releaseSlip', unitId: 'u1', applicant: tenant, ownerConsent: { ownerName: '刘龑', method: 'phone' }, fields: FIELDS.releaseSlip })
    expect(phoneConsent.error?.issues[0].message).toMatch(/电话确认须/)
  })
})

// ───────────────────────────── validity ─────────────────────────────

describe('worker pass validity', () => {
  it('defaults to the end of the renovation and never goes beyond it', () => {
    const r = renovation()
    expect(r.validUntil).toBe(periodEnd('2026-03-02', 3))
    expect(unwrap(workerPassValidity(r, {}, NOW))).toEqual({ validFrom: '2026-03-02', validUntil: r.validUntil })
    expect(unwrap(workerPassValidity(r, { until: '2026-04-30' }, NOW)).validUntil).toBe('2026-04-30')
    const beyond = workerPassValidity(r, { until: '2026-07-01' }, NOW)
    expect(beyond).toEqual({ ok: false, reason: `出入证有效期不能超过装修期限(至 ${r.validUntil})`, field: 'validUntil' })
    expect(workerPassValidity(r, { from: '2026-03-01' }, NOW).ok).toBe(false)
  })

  it('refuses an unapproved, refused, voided or expired renovation', () => {
    const inReview = make('renovation', FIELDS.renovation, { approveSteps: 0 })
    expect(workerPassValidity(inReview, {}, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('审批中') })
    const refused = unwrap(applyReview(inReview, review(0, 'engineering', NOW, 'refuse', '图纸不全')))
    expect(workerPassValidity(refused, {}, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('未批准') })
    const voided = unwrap(transition(renovation(), { type: 'void', at: NOW, reason: '业主撤回' }))
    expect(workerPassValidity(voided, {}, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('已作废') })
    const r = renovation()
    expect(workerPassValidity(r, {}, `${r.validUntil} 23:59`).ok).toBe(true)
    const after = workerPassValidity(r, {}, '2026-06-02 08:00')
    expect(after).toMatchObject({ ok: false, reason: expect.stringContaining(`已于 ${r.validUntil} 届满`) })
  })

  it('the pass rule fills deposit and fee from the site settings', () => {
    const r = renovation()
    const pass = make('workerPass', { renovationSerial: r.serial, workerName: '王建国', workerIdNumber: ID2, photoCollected: true, receiptNo: 'SJ001', idCopyCollected: true }, { renovation: r })
    expect(pass.state).toBe('approved')
    expect(pass.fields).toMatchObject({ depositFen: 10000, feeFen: 500 })
    expect(pass.parentSerial).toBe(r.serial)
    const other = checkFields('workerPass', FIELD_SCHEMAS.workerPass.parse({ renovationSerial: 'ZX-2026-0099', workerName: '王建国', workerIdNumber: ID2, photoCollected: true, receiptNo: 'SJ001', idCopyCollected: true }), { now: NOW, settings: DEFAULT_PERMIT_SETTINGS, renovation: r })
    expect(other).toMatchObject({ ok: false, field: 'renovationSerial' })
  })
})

describe('hot-work window and checklist', () => {
  it('defaults to the longest window, ending the same day at the latest', () => {
    expect(unwrap(hotWorkWindow('2026-03-02 09:00', undefined, 8))).toEqual({ validFrom: '2026-03-02 09:00', validUntil: '2026-03-02 17:00' })
    expect(unwrap(hotWorkWindow('2026-03-02 20:00', undefined, 8)).validUntil).toBe('2026-03-02 23:59')
  })
  it('refuses an end before the start or a window over the maximum', () => {
    expect(hotWorkWindow('2026-03-02 09:00', '2026-03-02 08:00', 8)).toMatchObject({ ok: false, reason: '动火结束时间应晚于开始时间' })
    expect(hotWorkWindow('2026-03-02 09:00', '2026-03-02 17:01', 8)).toMatchObject({ ok: false, reason: '动火时间不能超过8小时' })
    expect(hotWorkWindow('2026-03-02 09:00', '2026-03-02 17:00', 8).ok).toBe(true)
  })
  it('caps the site setting by the level (GB 30871: 特级/一级 8 h)', () => {
    expect(hotWorkMaxHours('first', { hotWorkMaxHours: 12 })).toBe(8)
    expect(hotWorkMaxHours('second', { hotWorkMaxHours: 12 })).toBe(12)
    expect(hotWorkMaxHours('second', { hotWorkMaxHours: 4 })).toBe(4)
  })
  it('refuses missing precautions, a welder watching his own fire, a missing gas test', () => {
    const ctx = { now: NOW, settings: DEFAULT_PERMIT_SETTINGS }
    const missing = checkFields('hotWork', hotWorkFields.parse({ ...FIELDS.hotWork, precautions: ['combustiblesCleared'] }), ctx)
    expect(missing).toMatchObject({ ok: false, field: 'precautions', reason: expect.stringContaining('现场已配备灭火器等灭火器材') })
    const self = checkFields('hotWork', hotWorkFields.parse({ ...FIELDS.hotWork, fireWatcherName: '王建国' }), ctx)
    expect(self).toMatchObject({ ok: false, reason: '监火人不能由动火人兼任' })
    const first = hotWorkFields.parse({ ...FIELDS.hotWork, level: 'first', precautions: [...FIELDS.hotWork.precautions, 'gasTested'] })
    expect(checkFields('hotWork', first, ctx)).toMatchObject({ ok: false, field: 'gasTestResult' })
    expect(checkFields('hotWork', { ...first, gasTestResult: '合格' }, ctx).ok).toBe(true)
    const gone = checkFields('hotWork', hotWorkFields.parse(FIELDS.hotWork), { ...ctx, now: '2026-03-02 16:00' })
    expect(gone).toMatchObject({ ok: false, reason: '动火结束时间已过' })
  })
})

// ───────────────────────────── reviewing ─────────────────────────────

describe('reviews', () => {
  it('walks the steps in order, by role', () => {
    const r = make('hotWork', FIELDS.hotWork, { approveSteps: 0 })
    expect(r.state).toBe('inReview')
    expect(nextStep(r)).toMatchObject({ index: 0, role: 'engineering', label: '工程主管审核' })
    expect(canReview(r, ['safety'])).toEqual({ ok: false, reason: '当前环节为「工程主管审核」,须由工程主管审批' })
    expect(canReview(r, ['director'])).toMatchObject({ ok: false })
    expect(canReview(r, ['clerk', 'engineering']).ok).toBe(true)
  })

  it('refuses approval by the wrong role', () => {
    const r = make('hotWork', FIELDS.hotWork, { approveSteps: 1 })
    const byDirector = applyReview(r, review(1, 'director'))
    expect(byDirector).toMatchObject({ ok: false, reason: '当前环节为「安全主管审核」,须由安全主管审批' })
    const skipped = applyReview(r, review(2, 'safety'))
    expect(skipped).toMatchObject({ ok: false, reason: expect.stringContaining('审批环节不符') })
  })

  it('refuses one person deciding two steps', () => {
    const r = make('hotWork', FIELDS.hotWork, { approveSteps: 1 })
    const same = applyReview(r, { ...review(1, 'safety'), staffId: 'engineering-1' })
    expect(same).toMatchObject({ ok: false, reason: '同一人不能审批同一申请的两个环节' })
  })

  it('a refusal needs its reason and ends the application', () => {
    const r = make('renovation', FIELDS.renovation, { approveSteps: 0 })
    expect(applyReview(r, review(0, 'engineering', NOW, 'refuse', '  '))).toMatchObject({ ok: false, reason: '不同意时必须填写理由' })
    const refused = unwrap(applyReview(r, review(0, 'engineering', NOW, 'refuse', '承重墙拆改,不予批准')))
    expect(refused.state).toBe('refused')
    expect(refused.reviews[0]).toMatchObject({ staffName: '王堃', decision: 'refuse', opinion: '承重墙拆改,不予批准', at: NOW })
    expect(nextStep(refused)).toBeNull()
    expect(applyReview(refused, review(1, 'director')).ok).toBe(false)
    expect(canPrint(refused, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('未获批准') })
  })
})

// ───────────────────────────── printing and the state machine ─────────────────────────────

describe('canPrint', () => {
  it('hot work cannot print before the safety approval and the director’s', () => {
    const afterEngineering = make('hotWork', FIELDS.hotWork, { approveSteps: 1 })
    expect(canPrint(afterEngineering, NOW)).toEqual({
      ok: false,
      reason: '动火许可证须经工程主管审核、安全主管审核、服务中心经理/主任审批后方可打印(尚缺:安全主管审核、服务中心经理/主任审批)',
    })
    const afterSafety = make('hotWork', FIELDS.hotWork, { approveSteps: 2 })
    expect(canPrint(afterSafety, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('尚缺:服务中心经理/主任审批') })
    expect(canPrint(make('hotWork', FIELDS.hotWork), NOW)).toEqual({ ok: true })
  })

  it('refuses a forged state: approved without the reviews on record', () => {
    const r = make('hotWork', FIELDS.hotWork, { approveSteps: 1 })
    expect(canPrint({ ...r, state: 'approved' }, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('尚缺:安全主管审核') })
  })

  it('refuses voided, expired, used and returned documents', () => {
    const h = make('hotWork', FIELDS.hotWork)
    const voided = unwrap(transition(h, { type: 'void', at: NOW, reason: '天气原因取消' }))
    expect(canPrint(voided, NOW)).toEqual({ ok: false, reason: '该动火许可证已作废,不能打印(作废原因:天气原因取消)' })
    expect(canPrint(h, '2026-03-02 16:00')).toMatchObject({ ok: false, reason: expect.stringContaining('已过期') })
    const slip = issued(make('releaseSlip', FIELDS.releaseSlip))
    const used = unwrap(releaseSlipUse(slip, '2026-03-02 15:00'))
    expect(canPrint(used, '2026-03-02 15:05')).toMatchObject({ ok: false, reason: expect.stringContaining('已使用') })
    const r = renovation()
    const pass = issued(make('workerPass', { renovationSerial: r.serial, workerName: '王建国', workerIdNumber: ID2, photoCollected: true, receiptNo: 'SJ1', idCopyCollected: true }, { renovation: r }))
    const returned = unwrap(transition(pass, { type: 'return', at: NOW }))
    expect(canPrint(returned, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('已交回') })
  })

  it('a release slip prints only on its day', () => {
    const slip = make('releaseSlip', { ...FIELDS.releaseSlip, date: '2026-03-03' })
    expect(canPrint(slip, NOW)).toEqual({ ok: false, reason: '物品放行条只能在放行当日(2026-03-03)打印' })
    expect(canPrint(slip, '2026-03-03 08:00').ok).toBe(true)
  })
})

describe('state machine', () => {
  it('submit takes a serial of the kind and the year, and sends the form to review', () => {
    const parsed = FIELD_SCHEMAS.liftUse.parse(FIELDS.liftUse)
    const d = unwrap(checkFields('liftUse', parsed, { now: NOW, settings: DEFAULT_PERMIT_SETTINGS }))
    const draft = draftRecord('liftUse', { unitLabel: '1栋101', applicant: owner }, d, NOW)
    expect(draft).toMatchObject({ state: 'draft', serial: null, validFrom: '2026-03-02 13:00', validUntil: '2026-03-02 15:00', printCount: 0 })
    expect(canPrint(draft, NOW)).toEqual({ ok: false, reason: '该申请尚未提交,不能打印使用楼梯/电梯审批单' })
    expect(transition(draft, { type: 'submit', at: NOW, serial: 'DH-2026-0001' })).toMatchObject({ ok: false, reason: expect.stringContaining('DT') })
    expect(transition(draft, { type: 'submit', at: NOW, serial: 'DT-2025-0001' })).toMatchObject({ ok: false, reason: expect.stringContaining('2026') })
    const sub = unwrap(transition(draft, { type: 'submit', at: NOW, serial: 'DT-2026-0007' }))
    expect(sub).toMatchObject({ state: 'inReview', serial: 'DT-2026-0007', submittedAt: NOW })
    expect(transition(sub, { type: 'submit', at: NOW, serial: 'DT-2026-0008' }).ok).toBe(false)
  })

  it('a tenant’s draft cannot be submitted without the owner’s consent', () => {
    const tenant: Applicant = { role: 'tenant', name: '周鍪', phone: '13700001111' }
    const d = unwrap(checkFields('releaseSlip', FIELD_SCHEMAS.releaseSlip.parse(FIELDS.releaseSlip), { now: NOW, settings: DEFAULT_PERMIT_SETTINGS }))
    const draft = draftRecord('releaseSlip', { unitLabel: '1栋101', applicant: tenant }, d, NOW)
    expect(transition(draft, { type: 'submit', at: NOW, serial: 'FX-2026-0001' })).toMatchObject({ ok: false, field: 'ownerConsent' })
    const withConsent = draftRecord('releaseSlip', { unitLabel: '1栋101', applicant: tenant, ownerConsent: { ownerName: '刘龑', method: 'present' } }, d, NOW)
    expect(transition(withConsent, { type: 'submit', at: NOW, serial: 'FX-2026-0001' }).ok).toBe(true)
  })

  it('print issues, a second print counts the reprint', () => {
    const r = make('liftUse', FIELDS.liftUse)
    expect(r.state).toBe('approved')
    const first = issued(r, '2026-03-02 10:00')
    expect(first).toMatchObject({ state: 'issued', printCount: 1, issuedAt: '2026-03-02 10:00' })
    const again = issued(first, '2026-03-02 10:05')
    expect(again).toMatchObject({ state: 'issued', printCount: 2, issuedAt: '2026-03-02 10:00' })
  })

  it('voiding needs a reason and is final', () => {
    const r = make('additionalWorks', FIELDS.additionalWorks)
    expect(transition(r, { type: 'void', at: NOW, reason: ' ' })).toMatchObject({ ok: false, reason: '作废须填写原因' })
    const v = unwrap(transition(r, { type: 'void', at: NOW, reason: '业主取消' }))
    expect(v).toMatchObject({ state: 'voided', voidReason: '业主取消', voidedAt: NOW, serial: r.serial })
    expect(transition(v, { type: 'void', at: NOW, reason: '再次' }).ok).toBe(false)
    expect(transition(v, { type: 'print', at: NOW }).ok).toBe(false)
  })

  it('ends per kind: a pass is returned, a slip used; not the other way round', () => {
    const slip = issued(make('releaseSlip', FIELDS.releaseSlip))
    expect(transition(slip, { type: 'return', at: NOW })).toMatchObject({ ok: false, reason: '物品放行条无需交回' })
    const r = renovation()
    const pass = issued(make('workerPass', { renovationSerial: r.serial, workerName: '王建国', workerIdNumber: ID2, photoCollected: true, receiptNo: 'SJ1', idCopyCollected: true }, { renovation: r }))
    expect(transition(pass, { type: 'use', at: NOW })).toMatchObject({ ok: false })
    // An expired pass can still be handed back (deposit refund).
    const late = `${pass.validUntil.slice(0, 4)}-12-01 09:00`
    expect(effectiveState(pass, late)).toBe('expired')
    const expired = unwrap(transition(pass, { type: 'expire', at: late }))
    expect(unwrap(transition(expired, { type: 'return', at: late })).state).toBe('returned')
    expect(transition(pass, { type: 'expire', at: NOW })).toMatchObject({ ok: false, reason: expect.stringContaining('尚未到期') })
  })
})

describe('release slip at the gate', () => {
  it('is single use, on its day only', () => {
    const slip = make('releaseSlip', FIELDS.releaseSlip)
    expect(releaseSlipUse(slip, NOW)).toMatchObject({ ok: false, reason: expect.stringContaining('尚未开具') })
    const out = issued(slip)
    const used = unwrap(releaseSlipUse(out, '2026-03-02 15:30'))
    expect(used).toMatchObject({ state: 'used', usedAt: '2026-03-02 15:30' })
    expect(releaseSlipUse(used, '2026-03-02 15:40')).toEqual({ ok: false, reason: '该放行条已于 2026-03-02 15:30 使用,不能重复放行' })
    expect(transition(used, { type: 'use', at: '2026-03-02 15:40' }).ok).toBe(false)
    expect(releaseSlipUse(out, '2026-03-03 08:00')).toEqual({ ok: false, reason: '该放行条仅限 2026-03-02 当日有效' })
  })
})

describe('renovation extension', () => {
  it('moves the period and re-issues every live pass with new dates; old passes voided, never edited', () => {
    const r = issued(renovation())
    const oldCode = checkCode(hmac, SECRET, checkCodeFields(r))
    const pass = (name: string, n: number, until?: string) =>
      issued(make('workerPass', { renovationSerial: r.serial, workerName: name, workerIdNumber: ID2, photoCollected: true, receiptNo: `SJ${n}`, idCopyCollected: true, validUntil: until }, { renovation: r, n }))
    const full = pass('王建国', 1)
    const short = pass('李龑', 2, '2026-05-15')
    const gone = unwrap(transition(pass('赵大勇', 3), { type: 'return', at: NOW }))
    const ext = make('extension', { renovationSerial: r.serial, newEndDate: '2026-07-31', reason: '材料延误' }, { renovation: r })
    expect(ext.validFrom).toBe('2026-06-02')

    const now = '2026-05-20 10:00'
    const plan = unwrap(extendRenovation(r, ext, [full, short, gone], now))
    expect(plan.renovation).toMatchObject({ validUntil: '2026-07-31', extendedFrom: '2026-06-01', state: 'issued' })
    expect(plan.voided.map((p) => p.serial)).toEqual([full.serial])
    expect(plan.voided[0]).toMatchObject({ state: 'voided', validUntil: '2026-06-01', voidReason: expect.stringContaining('2026-07-31') })
    expect(plan.reissue).toHaveLength(1)
    expect(plan.reissue[0]).toMatchObject({ serial: null, state: 'approved', replacesSerial: full.serial, validFrom: '2026-05-20', validUntil: '2026-07-31', printCount: 0 })
    expect(plan.reissue[0].fields).toMatchObject({ workerName: '王建国', validFrom: '2026-05-20', validUntil: '2026-07-31' })
    // the short pass already ended? no: it runs to 05-15 < now → left alone
    expect(plan.voided.some((p) => p.serial === short.serial)).toBe(false)

    // The permit on the door still verifies after the extension.
    expect(checkCode(hmac, SECRET, checkCodeFields(plan.renovation))).toBe(oldCode)

    // A live short pass (not yet over) is re-issued but keeps its end.
    const plan2 = unwrap(extendRenovation(r, ext, [short], '2026-04-01 09:00'))
    expect(plan2.reissue[0]).toMatchObject({ validFrom: '2026-04-01', validUntil: '2026-05-15', replacesSerial: short.serial })

    expect(extendRenovation(r, make('extension', { renovationSerial: r.serial, newEndDate: '2026-07-31', reason: '材料延误' }, { renovation: r, approveSteps: 1 }), [], now)).toMatchObject({
      ok: false,
      reason: '装修延期申请尚未批准',
    })
  })

  it('the extension must end after the current period', () => {
    const r = renovation()
    const d = checkFields('extension', FIELD_SCHEMAS.extension.parse({ renovationSerial: r.serial, newEndDate: r.validUntil, reason: '延误' }), { now: NOW, settings: DEFAULT_PERMIT_SETTINGS, renovation: r })
    expect(d).toMatchObject({ ok: false, field: 'newEndDate' })
  })
})

describe('verification at the gate', () => {
  const code = (r: PermitRecord) => checkCode(hmac, SECRET, checkCodeFields(r))

  it('valid, forged, voided, used, expired, not yet valid, unknown', () => {
    const h = issued(make('hotWork', FIELDS.hotWork))
    const c = code(h)
    expect(verifyOutcome(h, c, '2026-03-02 11:00', c)).toMatchObject({ outcome: 'valid', label: '有效', codeChecked: true })
    expect(verifyOutcome(h, c, '2026-03-02 09:30', c)).toMatchObject({ outcome: 'notYetValid' })
    expect(verifyOutcome(h, c, '2026-03-02 16:00', c)).toMatchObject({ outcome: 'expired', label: '已过期' })
    const forged = c.slice(0, 9) + (c[9] === 'A' ? 'B' : 'A')
    const f = verifyOutcome(h, forged, '2026-03-02 11:00', c)
    expect(f).toMatchObject({ outcome: 'forged', label: '伪造' })
    // Nothing of the genuine document: not its serial, holder, unit or dates.
    for (const s of [h.serial!, h.fields.welderName, h.unitLabel, h.validFrom.slice(0, 10)]) expect(f.detail).not.toContain(s)
    // An earlier paper of a re-printed document; a generation never printed is forged.
    expect(verifyOutcome(h, c, '2026-03-02 11:00', c, { scanned: 0, current: 1, reprintedAt: '2026-03-02 10:40' })).toMatchObject({
      outcome: 'superseded',
      label: '已补打,原件作废',
      detail: expect.stringContaining('已于 2026-03-02 10:40 补打'),
    })
    expect(verifyOutcome(h, c, '2026-03-02 11:00', c, { scanned: 1, current: 1, reprintedAt: null })).toMatchObject({ outcome: 'valid' })
    expect(verifyOutcome(h, c, '2026-03-02 11:00', c, { scanned: 2, current: 1, reprintedAt: null })).toMatchObject({ outcome: 'forged' })
    const v = unwrap(transition(h, { type: 'void', at: NOW, reason: '现场未落实监火人' }))
    expect(verifyOutcome(v, c, '2026-03-02 11:00', c)).toMatchObject({ outcome: 'voided', detail: expect.stringContaining('现场未落实监火人') })
    expect(verifyOutcome(null, c, NOW, null)).toMatchObject({ outcome: 'unknown', label: '查无此证' })
    const slip = unwrap(releaseSlipUse(issued(make('releaseSlip', FIELDS.releaseSlip)), '2026-03-02 12:00'))
    expect(verifyOutcome(slip, code(slip), '2026-03-02 12:10', code(slip))).toMatchObject({ outcome: 'used' })
  })

  it('a typed serial is checked for state only, and says so', () => {
    const h = issued(make('hotWork', FIELDS.hotWork))
    const v = verifyOutcome(h, null, '2026-03-02 11:00', null)
    expect(v).toMatchObject({ outcome: 'valid', codeChecked: false })
    expect(v.detail).toContain('未核对校验码')
  })

  it('never calls an approved but unprinted document valid', () => {
    const h = make('hotWork', FIELDS.hotWork)
    expect(verifyOutcome(h, code(h), '2026-03-02 11:00', code(h)).outcome).toBe('notIssued')
  })
})
