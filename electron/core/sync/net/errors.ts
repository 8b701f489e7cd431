// The transport's failures, typed so the core can tell "peer offline" (retry later, no alarm) from
// "peer is not who we paired with" (log a refusal) without parsing messages. Messages are Chinese
// because they reach the sync log and the screen as they are.

export type SyncNetErrorKind =
  | 'offline' // no answer, connection refused or timed out
  | 'pinMismatch' // the peer's certificate is not the one we pinned
  | 'badProof' // the peer could not prove the site key / the pairing code
  | 'refused' // the peer answered 4xx (unknown certificate, wrong proof, pairing refused…)
  | 'remote' // the peer failed while handling our call (5xx)
  | 'protocol' // an answer that is not what the protocol says

export class SyncNetError extends Error {
  constructor(
    readonly kind: SyncNetErrorKind,
    message: string,
    readonly status?: number,
    /** The peer's own reason code when it gave one ('unknown certificate', 'bad proof', …). */
    readonly reason?: string,
  ) {
    super(message)
    this.name = 'SyncNetError'
  }
}

export const isSyncNetError = (e: unknown, kind?: SyncNetErrorKind): e is SyncNetError => e instanceof SyncNetError && (!kind || e.kind === kind)
