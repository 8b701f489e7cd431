import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { announce, browse } from '../../electron/core/sync/net/discovery'
import { SyncNetError } from '../../electron/core/sync/net/errors'
import { loadOrCreateIdentity, type Identity } from '../../electron/core/sync/net/identity'
import { joinPairing, PairingSponsor, type JoinPairingOptions } from '../../electron/core/sync/net/pairing'
import { proofOf } from '../../electron/core/sync/net/proof'
import { startSyncServer, type SyncRefusal, type SyncServer } from '../../electron/core/sync/net/server'

// 添加终端 over real TLS on 127.0.0.1: sponsor A shows the code, joiner B types it.

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sync-pair-'))
let A: Identity
let B: Identity
let C: Identity
beforeAll(async () => {
  ;[A, B, C] = await Promise.all(['a', 'b', 'c'].map((d) => loadOrCreateIdentity(path.join(tmp, d))))
})
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

let server: SyncServer | null = null
afterEach(async () => {
  await server?.close()
  server = null
})

const siteKey = randomBytes(32)
async function sponsorOn(over: { onPaired?: () => unknown } = {}) {
  const paid: unknown[] = []
  const refusals: SyncRefusal[] = []
  const sponsor = new PairingSponsor({
    self: () => ({ terminalId: 'T-A', name: '前台', fingerprint: A.fingerprint }),
    onPaired: (e) => {
      paid.push(e)
      return over.onPaired ? over.onPaired() : { siteId: 'S1', siteKey: siteKey.toString('base64'), mark: 'B' }
    },
  })
  server = await startSyncServer({
    identity: A,
    host: '127.0.0.1',
    peerByFingerprint: () => null,
    siteKey: () => siteKey,
    onRequest: () => ({}),
    onRefused: (r) => refusals.push(r),
    pairing: sponsor,
  })
  const join = (code: string, who: Identity = B): Promise<Awaited<ReturnType<typeof joinPairing>>> =>
    joinPairing({ address: `127.0.0.1:${server!.port}`, code, identity: who, name: '后台', terminalId: 'T-B' } satisfies JoinPairingOptions)
  return { sponsor, paid, refusals, join }
}

const refusal = async (p: Promise<unknown>): Promise<SyncNetError> => {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(SyncNetError)
    return e as SyncNetError
  }
  throw new Error('expected a refusal')
}
const wrongCode = (code: string) => String((Number(code) + 1) % 100_000_000).padStart(8, '0')

describe('pairing by one-time code', () => {
  it('the right code: both screens show the same two short fingerprints; both accept → the payload arrives once', async () => {
    const { sponsor, paid, join } = await sponsorOn()
    const { code, expiresAt } = sponsor.start()
    expect(code).toMatch(/^\d{8}$/)
    expect(expiresAt - Date.now()).toBeGreaterThan(9.9 * 60_000)
    expect(sponsor.getPending()).toBeNull() // nothing to compare until a joiner proves the code

    const joiner = await join(`${code.slice(0, 4)} ${code.slice(4)}`) // typed with a space
    const onSponsor = sponsor.getPending()!
    expect(onSponsor.state).toBe('confirm')
    expect(onSponsor.sponsor.shortFingerprint).toBe(A.shortFingerprint)
    expect(onSponsor.joiner).toEqual({ terminalId: 'T-B', name: '后台', fingerprint: B.fingerprint, shortFingerprint: B.shortFingerprint })
    expect(joiner.pending.sponsor).toEqual({ terminalId: 'T-A', name: '前台', fingerprint: A.fingerprint, shortFingerprint: A.shortFingerprint })
    expect(joiner.pending.joiner.shortFingerprint).toBe(B.shortFingerprint)
    expect(joiner.pairingId).toBe(onSponsor.pairingId)

    expect(await joiner.confirm(true)).toBe('waitingSponsor')
    expect(await joiner.state()).toBe('waitingSponsor')
    expect(paid).toEqual([])
    expect((await sponsor.confirm(true))!.state).toBe('done')
    expect(paid).toEqual([{ joiner: { terminalId: 'T-B', name: '后台', fingerprint: B.fingerprint } }])

    expect(await joiner.state()).toBe('done')
    expect(joiner.payload()).toEqual({ siteId: 'S1', siteKey: siteKey.toString('base64'), mark: 'B' })
    // Handed over once: asking the sponsor again yields no second copy.
    const again = await sponsor.handle('state', { pairingId: joiner.pairingId }, { fingerprint: B.fingerprint, ekm: Buffer.alloc(32) })
    expect(again.body).toEqual({ state: 'done' })
    expect(paid).toHaveLength(1)
  })

  it('the sponsor may accept first; the joiner’s accept then completes it', async () => {
    const { sponsor, join } = await sponsorOn()
    const joiner = await join(sponsor.start().code)
    expect((await sponsor.confirm(true))!.state).toBe('waitingJoiner')
    expect(await joiner.confirm(true)).toBe('waitingSponsor')
    expect(await joiner.state()).toBe('done')
    expect(joiner.payload()).toMatchObject({ siteId: 'S1' })
  })

  it('a code is used once: a second joiner with the same code is refused', async () => {
    const { sponsor, join, refusals } = await sponsorOn()
    const { code } = sponsor.start()
    await join(code)
    const e = await refusal(join(code, C))
    expect(e.kind).toBe('refused')
    expect(e.reason).toBe('code dead')
    expect(sponsor.getPending()!.joiner.fingerprint).toBe(B.fingerprint) // the first joiner keeps it
    expect(refusals.map((r) => [r.fingerprint, r.reason])).toEqual([[C.fingerprint, '配对码已失效,请在对方终端重新添加终端']])
  })

  it('5 wrong codes kill the code, even for the right one afterwards', async () => {
    const { sponsor, join, refusals } = await sponsorOn()
    const { code } = sponsor.start()
    for (let i = 0; i < 4; i++) expect((await refusal(join(wrongCode(code)))).reason).toBe('wrong code')
    expect((await refusal(join(wrongCode(code)))).reason).toBe('code dead') // the 5th
    expect((await refusal(join(code))).reason).toBe('code dead')
    expect(sponsor.getPending()).toBeNull()
    expect(refusals).toHaveLength(6)
    // A new 添加终端 gives a new code that works.
    const fresh = sponsor.start().code
    expect((await join(fresh)).pending.sponsor.fingerprint).toBe(A.fingerprint)
  })

  it('4 wrong tries leave the code alive', async () => {
    const { sponsor, join } = await sponsorOn()
    const { code } = sponsor.start()
    for (let i = 0; i < 4; i++) await refusal(join(wrongCode(code)))
    expect((await join(code)).pending.sponsor.shortFingerprint).toBe(A.shortFingerprint)
  })

  it('an expired code is refused', async () => {
    const { sponsor, join } = await sponsorOn()
    const { code } = sponsor.start(Date.now() - 10 * 60_000 - 1)
    expect((await refusal(join(code))).reason).toBe('code expired')
    expect(sponsor.getPending()).toBeNull()
  })

  it('a new 添加终端 replaces the old code', async () => {
    const { sponsor, join } = await sponsorOn()
    const old = sponsor.start().code
    const fresh = sponsor.start().code
    if (old !== fresh) expect((await refusal(join(old))).reason).toBe('wrong code')
    expect((await join(fresh)).pending.joiner.fingerprint).toBe(B.fingerprint)
  })

  it('the sponsor refuses → the joiner sees refused and gets nothing', async () => {
    const { sponsor, paid, join } = await sponsorOn()
    const joiner = await join(sponsor.start().code)
    expect(await joiner.confirm(true)).toBe('waitingSponsor')
    expect((await sponsor.confirm(false))!.state).toBe('refused')
    expect(await joiner.state()).toBe('refused')
    expect(joiner.payload()).toBeNull()
    expect(paid).toEqual([])
    expect((await sponsor.confirm(true))!.state).toBe('refused') // no change of mind afterwards
  })

  it('the joiner refuses → the sponsor sees refused, nothing handed over', async () => {
    const { sponsor, paid, join } = await sponsorOn()
    const joiner = await join(sponsor.start().code)
    expect(await joiner.confirm(false)).toBe('refused')
    expect((await sponsor.confirm(true))!.state).toBe('refused')
    expect(paid).toEqual([])
    expect(joiner.payload()).toBeNull()
  })

  it('a pairing not confirmed in 10 minutes expires on both sides', async () => {
    const { sponsor, join } = await sponsorOn()
    const joiner = await join(sponsor.start().code)
    const later = Date.now() + 10 * 60_000 + 1000
    expect(sponsor.getPending(later)!.state).toBe('expired')
    expect((await sponsor.confirm(true, later))!.state).toBe('expired')
    expect(await joiner.state()).toBe('expired')
  })

  it('only the certificate that said hello may confirm or ask for the payload', async () => {
    const { sponsor, join } = await sponsorOn()
    const joiner = await join(sponsor.start().code)
    await sponsor.confirm(true)
    const ekm = Buffer.alloc(32)
    const stranger = await sponsor.handle('confirm', { pairingId: joiner.pairingId, accept: true }, { fingerprint: C.fingerprint, ekm })
    expect(stranger.status).toBe(403)
    expect((await sponsor.handle('state', { pairingId: joiner.pairingId }, { fingerprint: C.fingerprint, ekm })).status).toBe(403)
    expect(sponsor.getPending()!.state).toBe('waitingJoiner')
  })

  it('a joiner’s proof relayed onto another TLS session is a wrong code (a man in the middle cannot pass it on)', async () => {
    const { sponsor } = await sponsorOn()
    const { code } = sponsor.start()
    const seen = randomBytes(32) // the session the joiner spoke on (with the middleman)
    const relayed = randomBytes(32) // the middleman's own session with the sponsor
    const proof = proofOf(code, 'join', seen)
    const a = await sponsor.handle('hello', { terminalId: 'T-B', name: '后台', proof }, { fingerprint: C.fingerprint, ekm: relayed })
    expect(a.status).toBe(403)
    expect(a.refusal).toBe('配对码不符')
    const b = await sponsor.handle('hello', { terminalId: 'T-B', name: '后台', proof }, { fingerprint: B.fingerprint, ekm: seen })
    expect(b.status).toBe(200) // the control: on its own session the same proof is right
    expect((b.body as { proof: string }).proof).toBe(proofOf(code, 'sponsor', seen))
  })

  it('a terminal answering without knowing the code is not believed by the joiner', async () => {
    // A fake sponsor: accepts any hello and answers with a proof it cannot have made.
    const fake = { handle: async () => ({ status: 200, body: { pairingId: 'p', sponsor: { terminalId: 'T-X', name: '假终端', fingerprint: C.fingerprint }, proof: 'ab'.repeat(32) } }) }
    server = await startSyncServer({ identity: C, host: '127.0.0.1', peerByFingerprint: () => null, siteKey: () => null, onRequest: () => ({}), pairing: fake as unknown as PairingSponsor })
    const e = await refusal(joinPairing({ address: `127.0.0.1:${server.port}`, code: '12345678', identity: B, name: '后台', terminalId: 'T-B' }))
    expect(e.kind).toBe('badProof')
    expect(e.message).toBe('配对码不符或对方不是该终端')
  })

  it('onPaired failing ends the pairing refused, with the reason on the sponsor’s screen', async () => {
    const { sponsor, join } = await sponsorOn({
      onPaired: () => {
        throw new Error('写入终端失败')
      },
    })
    const joiner = await join(sponsor.start().code)
    await joiner.confirm(true)
    const after = (await sponsor.confirm(true))!
    expect(after.state).toBe('refused')
    expect(after.error).toBe('写入终端失败')
    expect(await joiner.state()).toBe('refused')
  })

  it('no 添加终端 in progress: the pairing routes refuse', async () => {
    server = await startSyncServer({ identity: A, host: '127.0.0.1', peerByFingerprint: () => null, siteKey: () => null, onRequest: () => ({}) })
    const e = await refusal(joinPairing({ address: `127.0.0.1:${server.port}`, code: '12345678', identity: B, name: '后台', terminalId: 'T-B' }))
    expect(e.reason).toBe('pairing closed')
  })
})

describe('discovery (a hint only)', () => {
  it('announce and browse never throw and return within the time asked; what is heard carries the TXT', async () => {
    const stop = announce({ port: 47801, siteId: 'S1', terminalId: 'T-A', name: '前台' })
    try {
      const t0 = Date.now()
      const found = await browse({ timeoutMs: 1200 })
      expect(Date.now() - t0).toBeLessThan(2500)
      expect(Array.isArray(found)).toBe(true)
      for (const f of found) expect(f.address).toMatch(/^\d+\.\d+\.\d+\.\d+:\d+$/)
      const me = found.find((f) => f.terminalId === 'T-A')
      console.log(`syncNet discovery: ${found.length} found${me ? '' : ' (mDNS blocked here: nothing heard)'}`)
      if (me) {
        expect(me).toEqual({ name: '前台', address: expect.stringMatching(/:47801$/), siteId: 'S1', terminalId: 'T-A' })
        // Another site's browse does not list it; nor does the terminal's own.
        const [otherSite, itself, sameSite] = await Promise.all([browse({ timeoutMs: 1000, siteId: 'S2' }), browse({ timeoutMs: 1000, excludeTerminalId: 'T-A' }), browse({ timeoutMs: 1000, siteId: 'S1' })])
        expect(otherSite.some((f) => f.terminalId === 'T-A')).toBe(false)
        expect(itself.some((f) => f.terminalId === 'T-A')).toBe(false)
        expect(sameSite.some((f) => f.terminalId === 'T-A')).toBe(true)
      }
    } finally {
      stop()
      stop() // twice is harmless
    }
  })
})
