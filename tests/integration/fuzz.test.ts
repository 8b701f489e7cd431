import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { callOk } from '../../electron/core/app'
import { createHostServer, type HostServer } from '../../electron/host/server'
import { api } from '../../shared/api'
import type { ErrorCode, MethodDef, Result } from '../../shared/api/contract'
import type { Role } from '../../shared/roles'
import { tempDir } from '../helpers/core'
import { approvedRenovation, hotWorkFields, idNo, lead, LEAD_ID, openPermitDesk, owner, OWNER_ID, releaseFields, renovationFields, tenant, worker, type PermitDesk, type PermitStaffNo } from '../helpers/permit'

/**
 * The attack campaign: every method of the contract (read from `api`, so a method added later is
 * attacked too) gets malformed inputs from a seeded generator. Every answer must be a stable refusal
 * in Chinese or a success; never INTERNAL, never a throw. Afterwards the database and its chains hold,
 * and no table grew or shrank except through a call that answered ok.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
/** Cases per method; scaled so the whole file stays well under a minute on a loaded 2-core machine. */
const CASES = Number(process.env.FUZZ_CASES ?? 40)

/** mulberry32: small, fixed, reproducible. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
  }
}
type Rng = ReturnType<typeof prng>

const HUGE = 'x'.repeat(100_000)
const HUGE_CJK = '楼'.repeat(100_000)
const NO_SUCH_ID = '0190a0b0-0000-7000-8000-000000000000'

const NASTY_STRINGS = [
  '',
  ' ',
  '   \t\n ',
  HUGE,
  HUGE_CJK,
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f\u007f',
  '\r\n\r\n',
  '"',
  '*',
  'NEAR(',
  'NEAR(a b',
  'AND',
  'OR NOT',
  '"unterminated',
  'a*b"c',
  '^ -x :col',
  "'; DROP TABLE units; --",
  "1' OR '1'='1",
  '%_%',
  '\ud800',
  '\udfff',
  'a\ud83d',
  '\u202e\u200f1201',
  '\u200b',
  '\ufeff',
  '１２３４',
  '１２０１',
  '🏠🏠🏠',
  'e\u0301',
  '2026-02-30',
  '2026-13-01',
  '2026-02-29',
  '0000-00-00',
  '2026-3-2',
  '24:61',
  '2026-03-02T25:00',
  '2026-03-02 13:00',
  '../../desk.sqlite',
  '..\\..\\windows\\system32',
  '/etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'null',
  'NaN',
  '-0',
  '1e308',
  NO_SUCH_ID,
  'not-a-uuid',
]
const NASTY_NUMBERS = [-1, 0, -0, 1.5, NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53 + 1, Number.MIN_VALUE, -2147483649]

/** Keys that poison a careless merge. Built by JSON.parse so `__proto__` is an own key. */
const poisoned = () => JSON.parse('{"__proto__":{"isAdmin":true,"roles":["admin"]},"constructor":{"prototype":{"polluted":1}}}')

function nasty(r: Rng, ids: string[]): unknown {
  switch (r.int(9)) {
    case 0:
    case 1:
    case 2:
      return r.pick(NASTY_STRINGS)
    case 3:
      return r.pick(NASTY_NUMBERS)
    case 4:
      return r.pick([null, undefined, true, false])
    case 5:
      return r.pick([[], [{}], [null], [HUGE], Array.from({ length: 2000 }, (_, i) => i)])
    case 6:
      return r.pick([{}, poisoned(), { length: 1 }, { 0: 'a' }])
    case 7:
      return r.pick(ids)
    default:
      return r.pick(NASTY_STRINGS) + r.pick(NASTY_STRINGS).slice(0, 50)
  }
}

// ---- values shaped after the method's own zod schema, so the attack reaches past the first check ----

type Def = { type: string; [k: string]: any }
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def

const DATES = ['2026-03-02', '2026-02-30', '2026-12-01', '2025-12-31', '2026-03', '2026-11', '2026-03-02 13:00', '2026-03-02 17:00', '2099-01-01', '1900-01-01']

function plausibleString(r: Rng, key: string, ids: string[]): string {
  if (/id$/i.test(key) || /Ids?$/.test(key)) return r.chance(0.85) ? r.pick(ids) : r.pick([NO_SUCH_ID, 'x', ''])
  if (/date|day|month|start|end|from|to|until|at$/i.test(key)) return r.pick(DATES)
  if (/time/i.test(key)) return r.pick(['08:00', '22:00', '24:00', '7:5'])
  if (/phone/i.test(key)) return r.pick(['13812345678', '1381234567', '０１２３'])
  if (/idNumber/i.test(key)) return r.pick(['11010519491231002X', '110105194912310021', '11010519491231002x'])
  if (/pin/i.test(key)) return r.pick(['12', 'abcdef', '12345678901'])
  return r.pick(['测试', '3', '1201', '张伟', '阳光花园', 'A', '备注:门禁卡', '  空格  '])
}

/** How often a node is replaced by garbage or dropped; low heat reaches the services, high heat the schemas. */
let heat = 0.1

function shaped(schema: z.ZodType, r: Rng, ids: string[], key: string, depth: number): unknown {
  if (depth > 6 || r.chance(depth === 0 ? heat / 2 : heat)) return nasty(r, ids)
  const d = defOf(schema)
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, s] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        if (r.chance(heat)) continue // a missing field
        out[k] = shaped(s, r, ids, k, depth + 1)
      }
      if (r.chance(0.08)) Object.assign(out, { extra: nasty(r, ids) })
      if (r.chance(0.05)) return Object.assign(poisoned(), out)
      return out
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return r.chance(0.3) ? undefined : shaped(d.innerType, r, ids, key, depth)
    case 'pipe':
      return shaped(d.in.type === 'transform' ? d.out : d.in, r, ids, key, depth)
    case 'lazy':
      return shaped(d.getter(), r, ids, key, depth)
    case 'intersection':
      return { ...(shaped(d.left, r, ids, key, depth + 1) as object), ...(shaped(d.right, r, ids, key, depth + 1) as object) }
    case 'union':
      return shaped(r.pick(d.options as z.ZodType[]), r, ids, key, depth)
    case 'array': {
      const n = r.pick([0, 1, 1, 2, 3, 40])
      return Array.from({ length: n }, () => shaped(d.element, r, ids, key, depth + 1))
    }
    case 'tuple':
      return (d.items as z.ZodType[]).map((s) => shaped(s, r, ids, key, depth + 1))
    case 'record':
      return { [plausibleString(r, key, ids)]: shaped(d.valueType, r, ids, key, depth + 1) }
    case 'enum':
      return r.pick(Object.values(d.entries as Record<string, string>))
    case 'literal':
      return r.pick(d.values as unknown[])
    case 'string':
      return plausibleString(r, key, ids)
    case 'number':
    case 'int':
      return r.pick([0, 1, 2, 3, 10, 200000, -1, 1.5])
    case 'boolean':
      return r.chance(0.5)
    case 'date':
      return new Date(0)
    default:
      return nasty(r, ids)
  }
}

/** Valid inputs for the methods whose schemas a random shape seldom passes; filled in beforeAll. */
const TEMPLATES: Record<string, unknown[]> = {}

/** All paths to the leaves of a plain value. */
function leaves(v: unknown, path: string[] = []): string[][] {
  if (v === null || typeof v !== 'object') return [path]
  const out = Object.entries(v).flatMap(([k, x]) => leaves(x, [...path, k]))
  return out.length ? out : [path]
}

/** A valid input with one or two of its fields replaced by garbage, an id of another record, or removed. */
function mutate(template: unknown, r: Rng, ids: string[]): unknown {
  const v = structuredClone(template) as Record<string, unknown>
  for (let n = 1 + r.int(2); n > 0; n--) {
    const path = r.pick(leaves(v))
    if (!path.length) return nasty(r, ids)
    let parent = v as Record<string, unknown>
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string, unknown>
    const last = path[path.length - 1]
    const roll = r.int(3)
    if (roll === 0) delete parent[last]
    else parent[last] = roll === 1 ? nasty(r, ids) : r.pick(ids)
  }
  return v
}

function fuzzInput(def: MethodDef, r: Rng, ids: string[], name = ''): unknown {
  const templates = TEMPLATES[name]
  if (templates && r.chance(0.6)) return mutate(r.pick(templates), r, ids)
  heat = r.pick([0, 0, 0.03, 0.1, 0.3])
  if (r.chance(0.12)) return nasty(r, ids)
  return shaped(def.input, r, ids, '', 0)
}

// ---- the site under attack ----

const STABLE: ErrorCode[] = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'LOCKED', 'BAD_CREDENTIALS', 'RULE', 'UNKNOWN_METHOD', 'BUSY']
const CJK = /[\u3400-\u9fff]/
const ROLE_STAFF: Record<Role, PermitStaffNo[]> = {
  clerk: ['Q1', 'G1'],
  admin: ['admin', 'A1'],
  supervisor: ['S1'],
  director: ['D1'],
  engineering: ['E1', 'E2'],
  safety: ['F1'],
}

const MAIN_TABLES = [
  'site', 'terminals', 'staff', 'buildings', 'units', 'residents', 'resident_name_parts', 'agents',
  'rosters', 'roster_slots', 'leave_requests', 'duty_shifts', 'log_entries', 'log_follow_ups', 'day_reviews', 'quality_checks',
  'handovers', 'handover_acks', 'handover_checks', 'handover_counts', 'handover_questions', 'handover_signatures',
  'permits', 'permit_reviews', 'permit_prints', 'permit_serials', 'deposit_ledger', 'permit_files', 'permit_seals',
  'audit_events', 'pin_attempts',
  'spare_key_deposits', 'spare_key_moves', 'spare_key_collectors', 'spare_key_collector_ends', 'spare_key_files', 'spare_key_serials',
  'move_ins', 'move_in_cards', 'move_in_signatures', 'home_services', 'home_service_steps', 'special_events', 'special_event_reads',
]
const COUNT_SQL = `SELECT ${MAIN_TABLES.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`

/**
 * A refused call may still leave one trace: a wrong PIN (at login, a PIN change, a PIN confirmed at
 * the desk) is counted (pin_attempts) and audited — the lockout depends on it.
 */
const PIN_REFUSALS: ErrorCode[] = ['BAD_CREDENTIALS', 'LOCKED']
const PIN_TRACES = ['pin_attempts', 'audit_events']
/** A spare-key release or close refused for the person (field idNumber) is kept on record: that is the rule, not a leak. */
const REFUSAL_RECORDED = (name: string, e: { code: ErrorCode; field?: string }) => /^spareKey\.(release|close)$/.test(name) && e.code === 'RULE' && e.field === 'idNumber'
const REFUSAL_TRACES = ['spare_key_moves', 'audit_events']

let desk: PermitDesk
const tokens = new Map<PermitStaffNo, string>()
let ids: string[] = []

async function counts(): Promise<Record<string, number>> {
  return (await desk.core.db.read.get<Record<string, number>>(COUNT_SQL))!
}

/**
 * A fresh session for `no`. The campaign's wrong PINs lock this terminal's logins for a while (the
 * lockout is doing its job): then the clock moves a day on, which also ends every idle session, so
 * everyone logs in again.
 */
async function relogin(no: PermitStaffNo) {
  const login = (n: PermitStaffNo) => desk.core.call('auth.login', { staffNo: n, pin: n === 'admin' ? '246810' : '1234' }, null)
  let r = await login(no)
  if (!r.ok && r.error.code === 'LOCKED') {
    desk.clock.add(24 * 60)
    for (const n of tokens.keys()) {
      r = await login(n)
      expect(r.ok, `${n} logs in again after the lockout: ${JSON.stringify(r)}`).toBe(true)
      if (r.ok) tokens.set(n, (r.value as { token: string }).token)
    }
    return
  }
  expect(r.ok, `${no} logs in again: ${JSON.stringify(r)}`).toBe(true)
  if (r.ok) tokens.set(no, (r.value as { token: string }).token)
}

/** What went wrong, one line per kind of failure (the first input that showed it), so one run lists them all. */
const problems = new Map<string, string>()

function checkAnswer(name: string, input: unknown, res: Result<unknown>) {
  const shown = () => JSON.stringify(input)?.slice(0, 200)
  if (typeof res !== 'object' || res === null) return void problems.set(`${name} no result`, `${name} ← ${shown()} → ${String(res)}`)
  if (res.ok) return
  const { code, message } = res.error
  if (code === 'INTERNAL' || !STABLE.includes(code)) problems.set(`${name} ${code} ${message.slice(0, 60)}`, `${name} ← ${shown()} → ${code} ${message}`)
  else if (!CJK.test(message)) problems.set(`${name} not Chinese ${message.slice(0, 40)}`, `${name} ← ${shown()} → ${code} ${message} (field ${res.error.field})`)
}

beforeAll(async () => {
  desk = await openPermitDesk()
  for (const no of ['admin', 'Q1', 'G1', 'A1', 'S1', 'D1', 'E1', 'E2', 'F1'] as PermitStaffNo[]) tokens.set(no, await desk.token(no))
  // Records of every kind, so an id of the wrong kind is always at hand.
  const permit = await approvedRenovation(desk)
  const s1 = tokens.get('S1')!
  // Q1 on duty (no roster: the supervisor's override) with one log entry, so the duty methods meet real rows.
  const override = { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '临时顶班' }
  await callOk(desk.core, 'duty.start', { override }, tokens.get('Q1'))
  const logInput = { kind: 'call', person: '业主', content: '北门门禁卡失灵,已报工程部', action: '已登记' }
  const log = await callOk(desk.core, 'log.add', logInput as never, tokens.get('Q1'))
  const b = await callOk(desk.core, 'building.list', {}, s1)
  // Staff the campaign may reset, deactivate or re-role (their ids are in the pool); the staff who
  // hold the campaign's sessions are not, so a valid staff.resetPin cannot lock the campaign out.
  const victims = []
  for (const [no, roles] of [['V1', ['clerk']], ['V2', ['supervisor', 'engineering']]] as const) {
    victims.push((await callOk(desk.core, 'staff.create', { staffNo: no, name: '受试员工', roles: [...roles], pin: '1234' }, tokens.get('admin'))).id)
  }
  const q1 = tokens.get('Q1')!
  const slipDay = '2026-03-02'
  Object.assign(TEMPLATES, {
    'permit.apply': [
      { kind: 'renovation', unitId: desk.unitId, applicant: owner(desk), fields: renovationFields() },
      { kind: 'hotWork', unitId: desk.unitId, applicant: lead(desk), fields: hotWorkFields() },
      { kind: 'releaseSlip', unitId: desk.unitId, applicant: tenant(desk), ownerConsent: { ownerName: '刘龑', method: 'letter', note: '业主同意书' }, fields: releaseFields(slipDay) },
    ],
    'workerPass.issueBatch': [{ renovationId: permit.id, applicant: lead(desk), receiptNo: 'SJ-1', workers: [worker('王建国', 1), worker('李龑', 2)] }],
    'staff.create': [{ staffNo: 'N1', name: '新员工', roles: ['clerk'], pin: '1234' }],
    'site.update': [await callOk(desk.core, 'site.get', {}, q1).then((x) => ({ name: x.name, office: x.office, timeZone: 'Asia/Shanghai', shifts: x.shifts }))],
    'resident.create': [{ unitId: desk.otherUnitId, name: '周杰', kind: 'tenant', phone: '13812345678' }],
    'agent.create': [{ unitId: desk.unitId, ownerId: desk.ownerId, name: '张喆', phone: '13912345678', idNumber: LEAD_ID, scopes: ['renovation'] }],
    'permit.review': [{ id: permit.id, decision: 'approve', opinion: '同意' }],
    'log.add': [logInput],
    'duty.start': [{ override }],
  })
  // Owners' spare keys: a bag held for the owner and a collector, so the methods meet real rows.
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
  const spare = await callOk(desk.core, 'spareKey.deposit', { unitId: desk.unitId, ownerResidentId: desk.ownerId, description: '入户门钥匙', keyCount: 2, bagNo: 'F-1' }, q1)
  const collector = { unitId: desk.unitId, ownerResidentId: desk.ownerId, name: '刘母', idNumber: idNo('19600101', 41), phone: '13912345678', relation: '母亲', validFrom: '2026-01-01', validTo: '2026-12-31', attachments: [{ label: '授权书', fileName: 'a.png', dataUrl: png }] }
  const spareCollector = await callOk(desk.core, 'spareKeyCollector.add', collector, s1)
  Object.assign(TEMPLATES, {
    'spareKey.deposit': [{ unitId: desk.unitId, ownerResidentId: desk.ownerId, description: '信报箱钥匙', keyCount: 1, bagNo: 'F-2' }],
    'spareKey.release': [{ depositId: spare.id, idNumber: OWNER_ID, entry: 'reader' }, { depositId: spare.id, idNumber: LEAD_ID, askerName: '张三' }],
    'spareKey.close': [{ depositId: spare.id, idNumber: collector.idNumber }],
    'spareKey.return': [{ depositId: spare.id, returnedBy: '刘龑', keyCount: 2 }],
    'spareKeyCollector.add': [{ ...collector, idNumber: idNo('19700101', 51), validFrom: '2026-03-01' }],
    'spareKeyCollector.end': [{ id: spareCollector.id, reason: '业主撤回' }],
  })
  // A well-named backup that does not exist; files that are not what their names say.
  const backup = { fileName: 'desk-20260302T010000Z-nosuch.sqlite' }
  Object.assign(TEMPLATES, { 'backup.inspect': [backup], 'backup.restore': [backup], 'setup.restore': [backup] })
  const fileRng = prng(SEED + 2)
  const junk = Buffer.from(Array.from({ length: 3000 }, () => fileRng.int(256)))
  const zipHead = Buffer.concat([Buffer.from('PK\u0003\u0004'), junk])
  const csv = Buffer.from('楼栋,单元,房号,姓名,类型,电话\n3,2,1201,"刘龑\u0000",owner,"=cmd|\' /C calc\'!A0"\n3,2,"1202\n,,,,,,,,,,\n', 'utf8')
  const files = [
    { fileName: 'a.xlsx', contentBase64: junk.toString('base64') },
    { fileName: 'a.xlsx', contentBase64: zipHead.toString('base64') },
    { fileName: 'a.csv', contentBase64: junk.toString('base64') },
    { fileName: 'a.csv', contentBase64: csv.toString('base64') },
    { fileName: 'a.csv', contentBase64: '!!!not base64!!!' },
  ]
  TEMPLATES['import.preview'] = files.map((f) => ({ ...f, mapping: {} }))
  TEMPLATES['import.commit'] = files.map((f) => ({ ...f, mapping: {}, mode: 'validOnly' }))
  ids = [
    ...victims,
    desk.unitId,
    desk.otherUnitId,
    desk.ownerId,
    desk.tenantId,
    desk.leadAgentId,
    desk.releaseAgentId,
    permit.id,
    ...b.map((x) => x.id),
    log.id,
    spare.id,
    spareCollector.id,
    spareCollector.files[0].id,
    NO_SUCH_ID,
    'not-a-uuid',
    '',
  ]
}, 60_000)

afterAll(async () => {
  await desk?.core.close()
})

/**
 * Inputs that once broke a door, kept whatever the seed: each must be refused in Chinese, naming the field.
 * [method, who, input, field]
 */
const FOUND: Array<[string, PermitStaffNo, unknown, string | undefined]> = [
  // zod's own words were English ("Invalid input: expected object, received string").
  ['agent.create', 'Q1', 'null', undefined],
  ['auth.changePin', 'Q1', { newPin: '12345678901' }, 'oldPin'],
  ['audit.list', 'S1', { pageSize: 1.5 }, 'pageSize'],
  // A lone surrogate was saved as U+FFFD while the audit row was sealed over the text as sent: the
  // audit chain then reported the row as tampered with.
  ['site.renameTerminal', 'admin', { name: '-0a\ud83d' }, 'name'],
  ['resident.create', 'Q1', { unitId: 'x', name: '\udfff刘', kind: 'owner' }, 'name'],
]

/** Methods that only read; permit.inspect records an inspection, so it is not one. */
const isRead = (name: string) =>
  name !== 'permit.inspect' &&
  /\.(get|list|query|queue|current|verify|me|status|people|actions|templates|pending|reminder|overdue|incoming|terminals|checkSeals|renovationLeads|inspect|preview)$/.test(name)

/**
 * A refused call that once left rows behind: a supervisor authorising their own duty start had their
 * PIN checked (and, after earlier wrong PINs, the run ended and audited) before being refused.
 */
async function selfOverrideLeavesNoTrace() {
  const s1 = tokens.get('S1')!
  await desk.core.call('duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '9999', reason: '测试' } }, s1)
  const before = await counts()
  const res = await desk.core.call('duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '测试' } }, s1)
  expect(res.ok).toBe(false)
  if (!res.ok) expect([res.error.code, res.error.field, res.error.message]).toEqual(['RULE', 'override.supervisorStaffNo', '客服主管不能为自己授权,请由另一位客服主管授权'])
  expect(await counts()).toEqual(before)
}

const okWrites = new Map<string, number>()
/** Methods where at least one call got past the door's checks (a success or a service's own refusal). */
const reached = new Set<string>()
let calls = 0

describe('attack campaign over every method of the contract', () => {
  it('refuses the inputs that once broke a door, in Chinese, naming the field', async () => {
    for (const [name, who, input, field] of FOUND) {
      const res = await desk.core.call(name, input, tokens.get(who)!)
      expect(res.ok, name).toBe(false)
      if (res.ok) continue
      expect(res.error.code, `${name} ${res.error.message}`).toBe('INVALID_INPUT')
      expect(res.error.message).toMatch(CJK)
      expect(res.error.field, res.error.message).toBe(field)
      if (field) expect(res.error.message).toContain(field)
    }
    await selfOverrideLeavesNoTrace()
  })

  it('answers every malformed call with a stable Chinese refusal (or a success) and changes nothing it refused', async () => {
    const started = Date.now()
    const r = prng(SEED)
    const names = Object.keys(api).sort()
    for (const name of names) {
      const def = (api as Record<string, MethodDef>)[name]
      const allowed: Role[] = def.access === 'public' || def.access === 'session' ? (Object.keys(ROLE_STAFF) as Role[]) : [...(def.access as readonly Role[])]
      for (let i = 0; i < CASES; i++) {
        const input = fuzzInput(def, r, ids, name)
        // Mostly a staff member the method admits, so the attack reaches the schema and the service.
        const roll = r.next()
        const who: PermitStaffNo | null = roll < 0.85 ? r.pick(ROLE_STAFF[r.pick(allowed)]) : roll < 0.93 ? r.pick([...tokens.keys()]) : null
        const token = who ? (tokens.get(who) ?? null) : r.pick([null, '', 'x'.repeat(5000), "' OR 1=1 --"])
        const before = await counts()
        let res: Result<unknown>
        try {
          res = await desk.core.call(name, input, token)
        } catch (e) {
          problems.set(`${name} threw`, `${name} threw instead of answering: ${(e as Error).stack}`)
          continue
        }
        calls++
        checkAnswer(name, input, res)
        if (res.ok || !['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN'].includes(res.error.code)) reached.add(name)
        const after = await counts()
        const changed = MAIN_TABLES.filter((t) => before[t] !== after[t])
        if (res.ok) {
          if (changed.length) okWrites.set(name, (okWrites.get(name) ?? 0) + 1)
          // A read may leave an audit row (who looked at an ID number, who printed), nothing else.
          if (isRead(name)) expect(changed.filter((t) => t !== 'audit_events'), `${name} is a read but changed rows`).toEqual([])
          if (process.env.FUZZ_SHOW_OK) console.log('[fuzz ok]', name, who, changed.join(','), JSON.stringify(input)?.slice(0, 300))
        } else {
          // A right PIN after wrong ones ends the run of failures (counted, audited) even when the step it
          // confirmed is then refused (that person is not a supervisor): a fact of the PIN, not of the step.
          const pinField = /pin|staffNo/i.test(res.error.field ?? '')
          const may = PIN_REFUSALS.includes(res.error.code) || pinField ? PIN_TRACES : REFUSAL_RECORDED(name, res.error) ? REFUSAL_TRACES : []
          expect(changed.filter((t) => !may.includes(t)), `${name} refused (${res.error.code} ${res.error.message}) but changed rows ← ${JSON.stringify(input)?.slice(0, 300)}`).toEqual([])
        }
        // A call that ended a session (logout, a PIN reset, a restore) must not end the campaign.
        if (who && (name.startsWith('auth.') || name.startsWith('staff.') || name.startsWith('backup.')) && res.ok) {
          for (const no of tokens.keys()) if (!(await desk.core.call('auth.me', {}, tokens.get(no)!)).ok) await relogin(no)
        }
      }
    }
    expect([...problems.values()].join('\n')).toBe('')
    console.log(`[fuzz] ${calls} calls over ${names.length} methods in ${Date.now() - started} ms (seed ${SEED}); ok:true calls that changed rows:`, Object.fromEntries(okWrites))
    console.log(`[fuzz] reached the service of ${reached.size}/${names.length} methods; only refused at the door:`, names.filter((n) => !reached.has(n)).join(' '))
    expect(calls).toBe(names.length * CASES)
  }, 120_000)

  it('leaves the database, the audit chain, the handover chain and the permit seals intact', async () => {
    // No input reached Object.prototype through a __proto__ / constructor key.
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as unknown as Record<string, unknown>).roles).toBeUndefined()
    const integrity = await desk.core.db.read.all<{ integrity_check: string }>('PRAGMA integrity_check')
    expect(integrity).toEqual([{ integrity_check: 'ok' }])
    const fk = await desk.core.db.read.all('PRAGMA foreign_key_check')
    expect(fk).toEqual([])
    await relogin('S1')
    await relogin('admin')
    const audit = await callOk(desk.core, 'audit.verify', {}, tokens.get('S1'))
    if (!audit.ok) console.log('[fuzz] broken audit row', JSON.stringify(await desk.core.db.read.get('SELECT * FROM audit_events WHERE seq = ?', [audit.brokenAt])))
    expect(audit.ok, JSON.stringify(audit)).toBe(true)
    expect(audit.checked).toBeGreaterThan(0)
    const handover = await callOk(desk.core, 'handover.verify', {}, tokens.get('S1'))
    expect(handover.ok, JSON.stringify(handover)).toBe(true)
    const seals = await callOk(desk.core, 'permit.checkSeals', undefined, tokens.get('S1'))
    expect(seals.ok, JSON.stringify(seals.broken)).toBe(true)
    expect(seals.checked).toBeGreaterThan(0)
  })

  it('HTTP host door: random bytes, wrong content types, huge headers and broken JSON never get a 500; the server keeps answering', async () => {
    const staticDir = tempDir('desk-fuzz-static-')
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<div id="root"></div>')
    const server: HostServer = createHostServer(desk.core, staticDir)
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res))
    const port = (server.address() as AddressInfo).port
    await relogin('admin')
    let token = tokens.get('admin')!
    const r = prng(SEED + 1)
    const names = Object.keys(api)
    const statuses = new Map<number | string, number>()
    let sent = 0

    const send = (opts: { path: string; method?: string; headers?: Record<string, string>; body?: Buffer | string }) =>
      new Promise<number | string>((resolve) => {
        const req = http.request(
          { host: '127.0.0.1', port, method: opts.method ?? 'POST', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers }, agent: false },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (c: string) => (text += c))
            res.on('end', () => {
              // The door's own JSON answers are refusals in Chinese too (Node's bare 431 has no body).
              if (String(res.headers['content-type']).startsWith('application/json')) {
                const body = JSON.parse(text) as Result<unknown>
                if (!body.ok) {
                  expect(body.error.code, text).not.toBe('INTERNAL')
                  expect(body.error.message, text).toMatch(CJK)
                }
              }
              resolve(res.statusCode!)
            })
          },
        )
        // Node itself may drop a request it will not parse (a header over its limit): that is not a 500.
        req.on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'))
        req.setTimeout(5000, () => {
          req.destroy()
          resolve('timeout')
        })
        req.end(opts.body)
      })

    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => r.int(256)))
    const CONTENT_TYPES = ['application/json', 'application/json; charset=gbk', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/jsonx', 'APPLICATION/JSON']
    const BROKEN_JSON = ['{', '{"a":', '[1,2', '{"staffNo":"admin","pin":}', 'nul', '"\\ud800"', '{"__proto__":{"x":1}}', '\ufeff{}', '{}{}', '1e999', '-', '\u0000']

    for (let i = 0; i < Number(process.env.FUZZ_HTTP ?? 160); i++) {
      const name = r.chance(0.9) ? r.pick(names) : r.pick(['no.such', '__proto__', 'constructor', '..%2f..', '%00', 'a'.repeat(3000)])
      const headers: Record<string, string> = { 'content-type': r.chance(0.7) ? 'application/json' : r.pick(CONTENT_TYPES) }
      if (r.chance(0.8)) headers['x-desk-token'] = r.chance(0.9) ? token : r.pick(['', 'bogus', 'x'.repeat(4000)])
      let body: Buffer | string
      switch (r.int(4)) {
        case 0:
          body = bytes(r.pick([1, 16, 512, 4096]))
          break
        case 1:
          body = r.pick(BROKEN_JSON)
          break
        case 2:
          body = JSON.stringify(fuzzInput((api as Record<string, MethodDef>)[names[r.int(names.length)]], r, ids)) ?? ''
          break
        default:
          body = JSON.stringify(nasty(r, ids)) ?? ''
      }
      if (r.chance(0.05)) headers['x-huge'] = 'h'.repeat(r.pick([8_000, 20_000, 100_000]))
      // A declared length the body does not have: none at all, or far over any limit (refused unread).
      if (r.chance(0.05)) headers['content-length'] = String(r.pick([0, 99_999_999_999]))
      if (headers['content-length'] && headers['content-length'] !== String(Buffer.byteLength(body))) body = ''
      const status = await send({ path: `/api/${name}`, headers, body })
      sent++
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
      // A valid logout ends the session the rest of the attack uses.
      if (status === 200 && name === 'auth.logout') {
        await relogin('admin')
        token = tokens.get('admin')!
      }
      expect(status, `${name} ${headers['content-type']} ${String(body).slice(0, 80)}`).not.toBe(500)
      expect(status, `${name} ${headers['content-type']} ${String(body).slice(0, 80)}`).not.toBe('timeout')
    }
    // Other verbs and paths.
    for (const method of ['GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const status = await send({ method, path: `/api/${r.pick(names)}`, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' })
      sent++
      expect(status).not.toBe(500)
    }
    const alive = await send({ path: '/api/setup.status', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(alive).toBe(200)
    // The campaign may have logged this session out (auth.logout is a valid call): a fresh one.
    await relogin('admin')
    const me = await send({ path: '/api/auth.me', headers: { 'content-type': 'application/json', 'x-desk-token': tokens.get('admin')! }, body: '{}' })
    expect(me).toBe(200)
    console.log(`[fuzz] ${sent} HTTP requests; statuses:`, Object.fromEntries(statuses))
    await server.stop(0)
  }, 60_000)
})
