import { randomInt, randomUUID } from 'node:crypto'
import { shortFingerprint } from './fingerprint'
import { proofOf, sameProof } from './proof'

// 添加终端, on the terminal that is already in the site. The one-time code never crosses the wire:
// each side proves it knows the code with an HMAC over this TLS session's keying material, so a
// man in the middle can neither relay a proof nor learn the code from a wrong try. 5 wrong tries
// kill the code; a right one uses it up. Both administrators then compare the two short
// fingerprints, and only when both accept does the site (key, terminals) go to the joiner — once.

export interface PairingParty {
  terminalId: string
  name: string
  fingerprint: string
  shortFingerprint: string
}

export type SponsorState = 'confirm' | 'waitingJoiner' | 'done' | 'refused' | 'expired'

export interface SponsorPending {
  pairingId: string
  sponsor: PairingParty
  joiner: PairingParty
  /** confirm: our administrator must compare and accept; waitingJoiner: we accepted, the joiner has not. */
  state: SponsorState
  expiresAt: number
  /** Why it ended refused, when it was not a plain "no" (e.g. onPaired failed). */
  error?: string
}

export interface SponsorSelf {
  terminalId: string
  name: string
  fingerprint: string
}

export interface PairingSponsorOptions {
  self: SponsorSelf | (() => SponsorSelf)
  /** Both accepted: register the joiner and return what it receives (site id, site key, terminals, series mark). */
  onPaired: (e: { joiner: { terminalId: string; name: string; fingerprint: string } }) => unknown
  ttlMs?: number
  maxTries?: number
  now?: () => number
}

export type PairRoute = 'hello' | 'confirm' | 'state'
export interface PairContext {
  /** The joiner's certificate fingerprint, from the TLS session. */
  fingerprint: string
  ekm: Buffer
}
export interface PairAnswer {
  status: number
  body: unknown
  /** Set when the answer is a refusal worth logging (Chinese). */
  refusal?: string
}

interface Offer {
  code: string
  expiresAt: number
  wrong: number
  dead: boolean
}
interface Session {
  pairingId: string
  sponsor: PairingParty
  joiner: PairingParty
  expiresAt: number
  sponsorAccepted: boolean
  joinerAccepted: boolean
  outcome: 'open' | 'paying' | 'done' | 'refused' | 'expired'
  paying?: Promise<void>
  payload?: unknown
  delivered: boolean
  error?: string
}

const party = (p: { terminalId: string; name: string; fingerprint: string }): PairingParty => ({
  terminalId: p.terminalId,
  name: p.name,
  fingerprint: p.fingerprint,
  shortFingerprint: shortFingerprint(p.fingerprint),
})
const text = (v: unknown, max = 200) => typeof v === 'string' && v.length > 0 && v.length <= max

export class PairingSponsor {
  private offer: Offer | null = null
  private session: Session | null = null
  private readonly ttlMs: number
  private readonly maxTries: number
  private readonly clock: () => number

  constructor(private readonly opts: PairingSponsorOptions) {
    this.ttlMs = opts.ttlMs ?? 10 * 60_000
    this.maxTries = opts.maxTries ?? 5
    this.clock = opts.now ?? Date.now
  }

  private self(): SponsorSelf {
    return typeof this.opts.self === 'function' ? this.opts.self() : this.opts.self
  }

  /** A new 8-digit code for 10 minutes; replaces any earlier code and pairing in progress. */
  start(now = this.clock()): { code: string; expiresAt: number } {
    const code = String(randomInt(0, 100_000_000)).padStart(8, '0')
    this.offer = { code, expiresAt: now + this.ttlMs, wrong: 0, dead: false }
    this.session = null
    return { code, expiresAt: this.offer.expiresAt }
  }

  /** 取消: the code and any pairing in progress end now. */
  cancel(): void {
    this.offer = null
    this.session = null
  }

  /** Whether a code is waiting for a joiner (live, not used up, not expired). */
  offerOpen(now = this.clock()): boolean {
    return !!this.offer && !this.offer.dead && now <= this.offer.expiresAt
  }

  /** For the sponsor's screen: null until a joiner has proved the code. */
  getPending(now = this.clock()): SponsorPending | null {
    const s = this.session
    if (!s) return null
    this.expire(s, now)
    const state: SponsorState = s.outcome === 'open' || s.outcome === 'paying' ? (s.sponsorAccepted ? 'waitingJoiner' : 'confirm') : s.outcome
    return { pairingId: s.pairingId, sponsor: s.sponsor, joiner: s.joiner, state, expiresAt: s.expiresAt, ...(s.error ? { error: s.error } : {}) }
  }

  /** Our administrator compared the fingerprints: accept (or refuse) the joiner. */
  async confirm(accept: boolean, now = this.clock()): Promise<SponsorPending | null> {
    const s = this.session
    if (!s) return null
    this.expire(s, now)
    if (s.outcome === 'open') {
      if (!accept) s.outcome = 'refused'
      else {
        s.sponsorAccepted = true
        this.maybeFinish(s)
      }
    }
    await s.paying
    return this.getPending(now)
  }

  /** The server's pairing routes. */
  async handle(route: PairRoute, body: unknown, ctx: PairContext, now = this.clock()): Promise<PairAnswer> {
    if (route === 'hello') return this.hello(body, ctx, now)
    const b = (body ?? {}) as { pairingId?: unknown; accept?: unknown }
    const s = this.session
    // Only the certificate that said hello may go on with this pairing.
    if (!s || b.pairingId !== s.pairingId || ctx.fingerprint !== s.joiner.fingerprint) {
      return { status: 403, body: { error: 'unknown pairing', message: '配对不存在或证书不符' }, refusal: '配对不存在或证书不符' }
    }
    this.expire(s, now)
    if (route === 'confirm') {
      if (typeof b.accept !== 'boolean') return { status: 400, body: { error: 'malformed', message: '请求格式不符' } }
      if (s.outcome === 'open') {
        if (!b.accept) s.outcome = 'refused'
        else {
          s.joinerAccepted = true
          this.maybeFinish(s)
        }
      }
      return { status: 200, body: { state: this.joinerState(s) } }
    }
    await s.paying
    if (s.outcome === 'done' && !s.delivered) {
      s.delivered = true
      return { status: 200, body: { state: 'done', payload: s.payload ?? null } }
    }
    return { status: 200, body: { state: this.joinerState(s) } }
  }

  private hello(body: unknown, ctx: PairContext, now: number): PairAnswer {
    const b = (body ?? {}) as { terminalId?: unknown; name?: unknown; proof?: unknown }
    if (!text(b.terminalId) || !text(b.name) || typeof b.proof !== 'string') return { status: 400, body: { error: 'malformed', message: '请求格式不符' } }
    const refuse = (error: string, message: string): PairAnswer => ({ status: 403, body: { error, message }, refusal: message })
    const offer = this.offer
    if (!offer) return refuse('no code', '本机没有有效的配对码')
    if (offer.dead) return refuse('code dead', '配对码已失效,请在对方终端重新添加终端')
    if (now > offer.expiresAt) return refuse('code expired', '配对码已过期,请在对方终端重新添加终端')
    const self = this.self()
    if (ctx.fingerprint === self.fingerprint) return refuse('same terminal', '不能与本机配对')
    if (!sameProof(proofOf(offer.code, 'join', ctx.ekm), b.proof)) {
      offer.wrong += 1
      if (offer.wrong >= this.maxTries) {
        offer.dead = true
        return refuse('code dead', '配对码错误次数过多,已失效')
      }
      return refuse('wrong code', '配对码不符')
    }
    offer.dead = true // single use
    const pairingId = randomUUID()
    this.session = {
      pairingId,
      sponsor: party(self),
      joiner: party({ terminalId: b.terminalId as string, name: b.name as string, fingerprint: ctx.fingerprint }),
      expiresAt: now + this.ttlMs,
      sponsorAccepted: false,
      joinerAccepted: false,
      outcome: 'open',
      delivered: false,
    }
    return {
      status: 200,
      body: {
        pairingId,
        sponsor: { terminalId: self.terminalId, name: self.name, fingerprint: self.fingerprint },
        proof: proofOf(offer.code, 'sponsor', ctx.ekm),
        expiresAt: this.session.expiresAt,
      },
    }
  }

  private expire(s: Session, now: number): void {
    if (s.outcome === 'open' && now > s.expiresAt) s.outcome = 'expired'
  }

  private maybeFinish(s: Session): void {
    if (!(s.sponsorAccepted && s.joinerAccepted) || s.outcome !== 'open') return
    s.outcome = 'paying'
    const joiner = { terminalId: s.joiner.terminalId, name: s.joiner.name, fingerprint: s.joiner.fingerprint }
    s.paying = (async () => {
      try {
        s.payload = await this.opts.onPaired({ joiner })
        s.outcome = 'done'
      } catch (e) {
        s.outcome = 'refused'
        s.error = (e as Error).message
      }
    })()
  }

  private joinerState(s: Session): 'waitingSponsor' | 'done' | 'refused' | 'expired' {
    return s.outcome === 'open' || s.outcome === 'paying' ? 'waitingSponsor' : s.outcome
  }
}
