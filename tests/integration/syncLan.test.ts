import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { checksum, terminal } from '../helpers/sync'

/** Three terminals on one machine: three data folders, three sync ports on 127.0.0.1, the real transport. */
type T = Awaited<ReturnType<typeof terminal>>
let A: T, B: T, C: T

async function until<X>(what: string, fn: () => Promise<X | false | null | undefined>, ms = 20_000): Promise<X> {
  const end = Date.now() + ms
  for (;;) {
    const v = await fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out: ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

async function pair(sponsor: T, joiner: T) {
  const offer = await sponsor.sync!.pairStart()
  const seen = await joiner.sync!.joinBegin(offer.addresses[0], offer.code)
  const there = sponsor.sync!.pairPending()!
  // Both screens show the same two short fingerprints.
  expect(there.sponsor.shortFingerprint).toBe(seen.sponsor.shortFingerprint)
  expect(there.joiner.shortFingerprint).toBe(seen.joiner.shortFingerprint)
  await joiner.sync!.joinConfirm(true)
  await sponsor.sync!.pairConfirm(true)
  await until('joined', async () => (await joiner.sync!.joinState())?.state === 'done')
}

const converged = async () => {
  const [a, b, c] = await Promise.all([checksum(A), checksum(B), checksum(C)])
  return JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(b) === JSON.stringify(c)
}

beforeAll(async () => {
  A = await terminal('A')
  B = await terminal('B')
  C = await terminal('C')
})
afterAll(async () => {
  for (const t of [A, B, C]) await t?.close()
})

describe('LAN sync: three terminals through mutual TLS', () => {
  it('pairs A–B, then B–C (B sponsors C after receiving the site); writes on all three converge', async () => {
    await setUpSite(A)
    await pair(A, B)
    await until('site on B', async () => (await B.db.read.get('SELECT 1 AS x FROM site')) ?? false).catch(async (e) => {
      console.log(JSON.stringify(await B.sync!.logEntries(20), null, 1), JSON.stringify(await B.sync!.status(), null, 1), JSON.stringify(await A.sync!.logEntries(20), null, 1))
      throw e
    })
    await pair(B, C)
    await until('site on C', async () => (await C.db.read.get('SELECT 1 AS x FROM site')) ?? false)
    const tokens = await Promise.all([A, B, C].map(async (t) => (await callOk(t, 'auth.login', { staffNo: 'admin', pin: '246810' })).token))
    await Promise.all([A, B, C].map((t, i) => callOk(t, 'building.create', { code: String(20 + i) }, tokens[i])))
    await until('converged', converged).catch(async (e) => {
      const [a, b, c] = await Promise.all([checksum(A), checksum(B), checksum(C)])
      for (const k of Object.keys(a)) if (a[k] !== b[k] || b[k] !== c[k]) console.log(k, a[k], b[k], c[k])
      for (const t of [A, B, C]) console.log(t.terminalId, JSON.stringify((await t.sync!.logEntries(8)).map((l) => l.detail)), JSON.stringify((await t.sync!.status()).peers.map((p) => [p.name, p.state, p.lastError])))
      throw e
    })
    const codes = (await C.db.read.all<{ code: string }>('SELECT code FROM buildings ORDER BY code')).map((r) => r.code)
    expect(codes).toEqual(['20', '21', '22'])
    // Series letters: A keeps the first series; B and C were given their own.
    const marks = await A.db.read.all<{ id: string; mark: string }>('SELECT id, series_mark AS mark FROM terminals ORDER BY id')
    expect(marks.map((m) => m.mark)).toEqual(['', 'B', 'C'])
    const st = await A.sync!.status()
    expect(st.summary.state === 'inSync' || st.summary.state === 'waiting').toBe(true)
    expect(st.peers.map((p) => p.name).sort()).toEqual(['终端B', '终端C'])
  })

  it('a removed terminal is refused by every peer, and the refusal is in the sync log', async () => {
    await A.sync!.remove(C.terminalId)
    await until('revocation reaches B', async () => (await B.db.read.get<{ r: string | null }>('SELECT revoked_at AS r FROM terminals WHERE id = ?', [C.terminalId]))?.r ?? false)
    const token = (await callOk(C, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    await callOk(C, 'building.create', { code: '99' }, token)
    await C.sync!.syncNow()
    await new Promise((r) => setTimeout(r, 500))
    expect(await A.db.read.get("SELECT 1 FROM buildings WHERE code = '99'")).toBeUndefined()
    expect(await B.db.read.get("SELECT 1 FROM buildings WHERE code = '99'")).toBeUndefined()
    const log = await A.sync!.logEntries(50)
    expect(log.some((l) => l.direction === 'refused')).toBe(true)
  })
  it('a terminal that holds a site cannot join another (the public join methods refuse, nothing changes)', async () => {
    const before = await checksum(A)
    for (const [name, input] of [['sync.join.begin', { name: '二号前台', address: '127.0.0.1:47800', code: '12345678' }], ['sync.join.confirm', { accept: true }], ['sync.discover', {}]] as const) {
      const r = await A.call(name, input as never, null)
      expect(r.ok, name).toBe(false)
      if (!r.ok) expect(r.error.message).toContain('已有项目数据')
    }
    expect(await checksum(A)).toEqual(before)
  })
})
