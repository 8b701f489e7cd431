import { SyncNetError } from './errors'
import { shortFingerprint } from './fingerprint'
import type { Identity } from './identity'
import type { PairingParty } from './pairingSponsor'
import { proofOf, sameProof } from './proof'
import { answerError, postJson, type PostAnswer } from './tlsRequest'

// The new terminal's side of 添加终端. The hello goes out unpinned (we do not know the sponsor yet)
// and learns the sponsor's certificate from the TLS session; the sponsor's proof of the code shows
// it is the terminal whose screen shows the code. Every later call is pinned to that certificate.

export type JoinerState = 'waitingSponsor' | 'done' | 'refused' | 'expired'

export interface JoinPairingOptions {
  address: string
  /** The 8 digits the sponsor's screen shows (spaces and dashes are ignored). */
  code: string
  identity: Identity
  name: string
  terminalId: string
  timeoutMs?: number
}

export interface JoinHandle {
  pairingId: string
  address: string
  pending: { sponsor: PairingParty; joiner: PairingParty }
  /** Our administrator compared the fingerprints: accept or refuse. */
  confirm(accept: boolean): Promise<JoinerState>
  /** Polls the sponsor; 'done' once both accepted (the payload is then kept here). */
  state(): Promise<JoinerState>
  /** What the sponsor handed over (site id, site key, terminals, series mark); null before 'done'. */
  payload(): unknown
}

const STATES = new Set<JoinerState>(['waitingSponsor', 'done', 'refused', 'expired'])

export async function joinPairing(o: JoinPairingOptions): Promise<JoinHandle> {
  const code = o.code.replace(/[\s-]/g, '')
  const timeoutMs = o.timeoutMs ?? 10_000
  const hello = await postJson({
    address: o.address,
    identity: o.identity,
    path: '/pair/hello',
    expectFingerprint: null,
    timeoutMs,
    // The code itself never leaves: only an HMAC of it over this TLS session.
    body: (ekm: Buffer) => ({ terminalId: o.terminalId, name: o.name, proof: proofOf(code, 'join', ekm) }),
  })
  if (hello.status >= 400) throw answerError(hello)
  const h = (hello.json ?? {}) as { pairingId?: unknown; sponsor?: { terminalId?: unknown; name?: unknown; fingerprint?: unknown }; proof?: unknown }
  // The sponsor must prove the code on the very session we spoke on, with the certificate we saw.
  if (!sameProof(proofOf(code, 'sponsor', hello.ekm), h.proof) || h.sponsor?.fingerprint !== hello.peerFingerprint) {
    throw new SyncNetError('badProof', '配对码不符或对方不是该终端')
  }
  if (typeof h.pairingId !== 'string' || typeof h.sponsor.terminalId !== 'string' || typeof h.sponsor.name !== 'string') {
    throw new SyncNetError('protocol', '对方的答复格式不符')
  }
  const pairingId = h.pairingId
  const sponsorFp = hello.peerFingerprint
  let payload: unknown = null
  let last: JoinerState = 'waitingSponsor'

  const call = async (path: string, body: unknown): Promise<JoinerState> => {
    if (last !== 'waitingSponsor') return last // over: nothing more to ask
    const a: PostAnswer = await postJson({ address: o.address, identity: o.identity, path, expectFingerprint: sponsorFp, timeoutMs, body })
    if (a.status >= 400) throw answerError(a)
    const j = (a.json ?? {}) as { state?: JoinerState; payload?: unknown }
    if (!j.state || !STATES.has(j.state)) throw new SyncNetError('protocol', '对方的答复格式不符')
    // The payload only ever comes from /pair/state; a 'done' here means "ask for it".
    if (j.state === 'done' && path !== '/pair/state') return 'waitingSponsor'
    if (j.state === 'done') payload = j.payload ?? null
    last = j.state
    return last
  }

  return {
    pairingId,
    address: o.address,
    pending: {
      sponsor: { terminalId: h.sponsor.terminalId, name: h.sponsor.name, fingerprint: sponsorFp, shortFingerprint: shortFingerprint(sponsorFp) },
      joiner: { terminalId: o.terminalId, name: o.name, fingerprint: o.identity.fingerprint, shortFingerprint: o.identity.shortFingerprint },
    },
    confirm: (accept) => call('/pair/confirm', { pairingId, accept }),
    state: () => call('/pair/state', { pairingId }),
    payload: () => payload,
  }
}
