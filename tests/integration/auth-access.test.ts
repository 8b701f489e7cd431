import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { api } from '../../shared/api'
import type { MethodDef } from '../../shared/api/contract'
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles'
import { apply, approve, openPermitDesk, owner, permitSnapshot, releaseFields, type PermitDesk } from '../helpers/permit'

/**
 * Who may call what. Every method either names the roles that do that job, or is on this reviewed
 * list of methods open to any logged-in person, each with the reason. A new 'session' method fails
 * here until someone decides who it is for.
 */
const OPEN_TO_EVERY_SESSION: Record<string, { kind: 'read' | 'own'; why: string }> = {
  'auth.logout': { kind: 'own', why: 'ends the caller’s own session' },
  'auth.me': { kind: 'read', why: 'the caller’s own session' },
  'auth.changePin': { kind: 'own', why: 'everyone changes their own PIN (proves the old one)' },
  'site.get': { kind: 'read', why: 'site name, time zone and shifts for every screen' },
  'clock.current': { kind: 'read', why: 'the core’s time for the header clock and “today” (host mode: another PC’s clock)' },
  'building.list': { kind: 'read', why: 'reviewers and the desk pick units' },
  'unit.list': { kind: 'read', why: 'reviewers and the desk pick units' },
  'unit.get': { kind: 'read', why: 'a unit’s page; personal data masked unless the role sees it' },
  'resident.get': { kind: 'read', why: 'masked unless the role sees personal data (that look is audited)' },
  'search.query': { kind: 'read', why: 'the type-ahead in the header, masked' },
  'permit.get': { kind: 'read', why: 'reviewers (工程/安全/主任) read what they decide' },
  'permit.list': { kind: 'read', why: 'reviewers and the desk' },
  'permit.queue': { kind: 'read', why: 'each reviewer’s own queue (待我审核)' },
  'permit.verify': { kind: 'read', why: 'anyone may check a paper is genuine; it changes nothing' },
  'sync.status': { kind: 'read', why: 'the header’s small sync state for every clerk (in sync / waiting / offline)' },
}

/** Verbs that only read. Anything else that is open to every session must be 'own' above. */
const READ_VERB = /\.(get|list|query|me|queue|verify|file|current|reminder|status)$/

const defs = Object.entries(api as Record<string, MethodDef>)

describe('every method names who may call it', () => {
  it('lists each method and its access; no write is open to every role unless reviewed', () => {
    const table = defs.map(([name, d]) => `${name.padEnd(24)} ${d.access === 'public' || d.access === 'session' ? d.access : d.access.join(',')}`)
    expect(table.length).toBeGreaterThan(80)
    const unreviewed = defs.filter(([name, d]) => d.access === 'session' && !OPEN_TO_EVERY_SESSION[name]).map(([n]) => n)
    expect(unreviewed, `open to every role without review:\n${table.join('\n')}`).toEqual([])
    // The list does not rot: each entry is still a 'session' method.
    for (const name of Object.keys(OPEN_TO_EVERY_SESSION)) expect((api as Record<string, MethodDef>)[name]?.access, name).toBe('session')
    // Write verbs open to everyone must be about the caller's own things.
    for (const [name, e] of Object.entries(OPEN_TO_EVERY_SESSION)) if (!READ_VERB.test(name)) expect(e.kind, name).toBe('own')
    // Nothing but setup, joining a site and the login itself is public (setup.restore and sync.discover/join.begin/confirm
    // refuse once a site exists: backup.test.ts, syncLan.test.ts; sync.join.state only reads this terminal's pairing).
    expect(defs.filter(([, d]) => d.access === 'public').map(([n]) => n).sort()).toEqual(['auth.login', 'setup.create', 'setup.restore', 'setup.status', 'sync.discover', 'sync.join.begin', 'sync.join.confirm', 'sync.join.state'])
    // Role lists are non-empty and name real roles.
    for (const [name, d] of defs) {
      if (typeof d.access === 'string') continue
      expect(d.access.length, name).toBeGreaterThan(0)
      for (const r of d.access) expect(ROLES, name).toContain(r)
    }
  })

  it('the jobs: who does what', () => {
    const roles = (name: string) => (api as Record<string, MethodDef>)[name].access as readonly Role[]
    // Marking a release slip used is the desk's job, not a reviewer's.
    expect(roles('permit.use')).toEqual(['clerk', 'admin', 'supervisor'])
    // Leave is asked and withdrawn by people on the desk roster.
    expect(roles('leave.request')).toEqual(['clerk', 'admin', 'supervisor'])
    expect(roles('leave.cancel')).toEqual(['clerk', 'admin', 'supervisor'])
    for (const n of ['roster.get', 'roster.reminder', 'leave.list', 'duty.current', 'print.roster']) expect(roles(n), n).not.toContain('engineering')
  })
})

let d: PermitDesk
afterEach(async () => d?.core.close())

describe('the dispatcher holds every role list', () => {
  it('a person without the role is refused on every role-limited method, before the input is read', async () => {
    d = await openPermitDesk()
    const admin = await d.token('admin')
    const token: Partial<Record<Role, string>> = {}
    for (const role of ROLES) {
      await callOk(d.core, 'staff.create', { staffNo: `R${ROLES.indexOf(role)}`, name: `角色${ROLES.indexOf(role)}`, roles: [role], pin: '1234' }, admin)
      token[role] = (await callOk(d.core, 'auth.login', { staffNo: `R${ROLES.indexOf(role)}`, pin: '1234' })).token
    }
    let checked = 0
    for (const [name, def] of defs) {
      if (typeof def.access === 'string') continue
      for (const role of ROLES.filter((r) => !(def.access as readonly Role[]).includes(r))) {
        const r = await d.core.call(name, {}, token[role]!)
        expect(r.ok, `${name} by ${role}`).toBe(false)
        if (!r.ok) expect(r.error.code, `${name} by ${role}`).toBe('FORBIDDEN')
        checked++
      }
    }
    expect(checked).toBeGreaterThan(150)
  })

  it('an engineering supervisor cannot mark a release slip used; the desk can, once', async () => {
    d = await openPermitDesk()
    const asked = await apply(d, { kind: 'releaseSlip', unitId: d.unitId, applicant: owner(d), fields: releaseFields('2026-03-02') })
    const slip = await approve(d, asked.id)
    await callOk(d.core, 'permit.print', { id: slip.id }, await d.token('Q1'))
    const eng = await d.token('E1')
    const serial = slip.record.serial!
    const before = await permitSnapshot(d.core)
    const refused = await d.core.call('permit.use', { text: serial }, eng)
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    if (!refused.ok) expect(refused.error.message).toContain(ROLE_LABELS.clerk)
    // Nothing changed: the slip still verifies as unused, for the engineer too (verify is a read).
    const v = await callOk(d.core, 'permit.verify', { text: serial }, eng)
    expect(v.outcome).not.toBe('used')
    for (const no of ['F1', 'D1'] as const) expect(await d.core.call('permit.use', { text: serial }, await d.token(no))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await permitSnapshot(d.core)).toBe(before)
    const used = await callOk(d.core, 'permit.use', { text: serial }, await d.token('G1'))
    expect(used.outcome).toBe('valid')
  })

  it('reviewers and the director cannot ask for leave; the roster and the current shift are the desk’s', async () => {
    d = await openPermitDesk()
    const eng = await d.token('E1')
    for (const [name, input] of [
      ['leave.request', { date: '2026-03-10', kind: 'leave', reason: '事假' }],
      ['leave.cancel', { id: '0190a0b0-0000-7000-8000-000000000000' }],
      ['roster.get', { month: '2026-03' }],
      ['print.roster', { month: '2026-03' }],
      ['duty.current', {}],
      ['leave.list', {}],
    ] as const) {
      expect(await d.core.call(name, input, eng), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect(await d.core.call('leave.request', { date: '2026-03-10', kind: 'leave', reason: '事假' }, await d.token('D1'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    // The desk still reads its roster.
    expect((await d.core.call('roster.get', { month: '2026-03' }, await d.token('Q1'))).ok).toBe(true)
  })
})
