import https from 'node:https'
import { SyncNetError } from './errors'
import type { Identity } from './identity'
import { PROOF_HEADER, proofOf, sameProof } from './proof'
import { answerError, postJson } from './tlsRequest'

// Calling a paired peer: its certificate must be the pinned one, we prove the site key over this
// TLS session, and it must prove the site key back. One kept-alive agent per peer, so a burst of
// batches rides one handshake.

export interface SyncCallOptions {
  /** "host:port" */
  address: string
  identity: Identity
  /** The peer's pinned certificate fingerprint (sha256 hex). */
  expectFingerprint: string
  siteKey: Buffer | null
  /** The method on the peer: POST /sync/<name>. */
  name: string
  body: unknown
  timeoutMs?: number
}

const agents = new Map<string, https.Agent>()

function agentFor(o: SyncCallOptions): https.Agent {
  const key = `${o.address}|${o.identity.fingerprint}|${o.expectFingerprint}`
  let agent = agents.get(key)
  if (!agent) {
    // No TLS session resumption: every connection shows both certificates in full, which we pin.
    agent = new https.Agent({ keepAlive: true, maxSockets: 4, maxFreeSockets: 2, timeout: 30_000, maxCachedSessions: 0, scheduling: 'lifo' })
    agents.set(key, agent)
  }
  return agent
}

export async function syncCall<T = unknown>(o: SyncCallOptions): Promise<T> {
  const siteKey = o.siteKey
  if (!siteKey) throw new SyncNetError('protocol', '本机尚无站点密钥,请先与本站点的终端配对')
  const answer = await postJson({
    address: o.address,
    identity: o.identity,
    path: `/sync/${encodeURIComponent(o.name)}`,
    body: o.body,
    expectFingerprint: o.expectFingerprint,
    timeoutMs: o.timeoutMs ?? 15_000,
    agent: agentFor(o),
    headers: (ekm) => ({ [PROOF_HEADER]: proofOf(siteKey, 'client', ekm) }),
  })
  if (answer.status >= 400 && answer.status !== 500) throw answerError(answer)
  // A 500 from the real peer carries its proof; without one it is not our peer speaking.
  if (!sameProof(proofOf(siteKey, 'server', answer.ekm), answer.headers[PROOF_HEADER])) {
    throw new SyncNetError('badProof', '对方终端无法证明持有本站点的密钥')
  }
  if (answer.status >= 400) throw answerError(answer)
  return answer.json as T
}

/** Closes every kept-alive connection (sync turned off, app quitting, tests). */
export function closeSyncConnections(): void {
  for (const agent of agents.values()) agent.destroy()
  agents.clear()
}
