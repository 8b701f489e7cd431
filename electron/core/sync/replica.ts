import type { DeskDb } from '../db/connection'
import { applyBatch, changesSince, missing, SyncRefusal, vectorOf, type ApplyResult, type Vector } from './changes'
import { installCapture } from './capture'
import { TerminalClock } from './hlc'
import { sealNewChanges, signerOf, type ChangeRow, type Signer } from './seal'
import type { SyncedTable } from './tables'

/** What one terminal asks another for, and the answer. */
export interface PullRequest {
  vector: Vector
  limit: number
  /** The asker's clock (ISO), to measure the offset. */
  now: string
}
export interface PullResponse {
  changes: ChangeRow[]
  more: boolean
  vector: Vector
  now: string
}

/** How a terminal reaches a peer: the real one is mutual TLS (link.ts); tests may call in process. */
export interface PeerLink {
  pull(req: PullRequest): Promise<PullResponse>
}

export const BATCH = 2000

/**
 * This terminal's replica of the site's records: the capture (triggers), the clock, the sealing of
 * our changes, serving what peers lack and applying what they send. Networking is elsewhere.
 */
export class Replica {
  clock!: TerminalClock
  tables = new Map<string, SyncedTable>()
  private signer: Signer | null
  /** Called after a commit that added changes of ours (the network pokes the peers). */
  onLocalChange: (() => void) | null = null

  constructor(
    private db: () => DeskDb,
    readonly terminalId: string,
    private readonly now: () => Date,
    keyPem: string | null,
    /** How a certificate's fingerprint is computed (sha256 of its DER); tests with bare keys pass their own. */
    private readonly fingerprintOf: (pem: string) => string = () => '',
  ) {
    this.signer = keyPem ? signerOf(keyPem) : null
  }

  /** At start and after the database was reopened (a restore): capture, clock and hooks on the new handle. */
  async attach(): Promise<void> {
    const db = this.db()
    // A schema from before sync (only a test's truncated migrations): nothing to capture into.
    if (!(await db.read.get("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"))) {
      db.txHooks = {}
      return
    }
    const last = await db.read.get<{ hlc: string }>('SELECT hlc FROM sync_state WHERE id = 1').catch(() => undefined)
    const maxSeen = await db.read.get<{ hlc: string | null }>('SELECT MAX(hlc) AS hlc FROM sync_changes')
    const start = [last?.hlc, maxSeen?.hlc].filter(Boolean).sort().pop() ?? null
    this.clock = new TerminalClock(this.terminalId, start)
    const tables = await installCapture(db, this.terminalId, () => this.clock.send())
    this.tables = new Map(tables.map((t) => [t.name, t]))
    db.txHooks = {
      begin: async (w) => void (await w.run('UPDATE sync_state SET hlc = ? WHERE id = 1', [this.clock.send()])),
      beforeCommit: async (w) => {
        const n = await sealNewChanges(w, this.terminalId, this.signer)
        if (n && this.onLocalChange) w.afterCommit('sync.poke', this.onLocalChange)
      },
    }
    // Seal whatever is unsealed (the baseline, or changes of a run that stopped before this code existed).
    await db.tx(async () => undefined)
  }

  /** Puts this terminal's certificate on its row (peers verify our signatures with it). */
  async publishCert(cert: { certPem: string; fingerprint: string } | null): Promise<void> {
    const db = this.db()
    if (cert)
      await db.tx((w) =>
        w.run('UPDATE terminals SET cert_pem = ?, cert_fp = ? WHERE id = ? AND (cert_fp IS NOT ? OR cert_pem IS NOT ?)', [cert.certPem, cert.fingerprint, this.terminalId, cert.fingerprint, cert.certPem]),
      )
  }

  vector(): Promise<Vector> {
    return vectorOf(this.db().read)
  }

  /** Answers a peer's pull (read-only: a snapshot of the committed change log). */
  async serve(req: PullRequest): Promise<PullResponse> {
    const r = this.db().read
    const { changes, more } = await changesSince(r, req.vector, Math.min(Math.max(1, req.limit | 0), 5000))
    return { changes, more, vector: await vectorOf(r), now: this.now().toISOString() }
  }

  /** Applies one received batch in one transaction (all or nothing: a crash leaves what was before). */
  async apply(changes: ChangeRow[]): Promise<ApplyResult> {
    const at = this.now().toISOString()
    return this.db().tx((w) =>
      applyBatch(w, changes, {
        tables: this.tables,
        clock: this.clock,
        now: at,
        certOf: async (origin, batch) => {
          const row = await w.get<{ pem: string | null; fp: string | null }>('SELECT cert_pem AS pem, cert_fp AS fp FROM terminals WHERE id = ?', [origin])
          if (row?.pem) return row.pem
          // Pinned at pairing by fingerprint only: the terminal's own first changes carry its
          // certificate, which is taken if it is the one pinned.
          if (!row?.fp) return null
          for (const c of batch) {
            if (c.tbl !== 'terminals' || c.rowId !== origin || c.origin !== origin) continue
            const pem = (JSON.parse(c.vals) as { cert_pem?: unknown }).cert_pem
            if (typeof pem === 'string' && this.fingerprintOf(pem) === row.fp) return pem
          }
          return null
        },
      }),
    )
  }

  /**
   * Pulls from a peer until it has nothing more for us. Returns what came in; a refused batch (a
   * forged, altered or broken change) throws SyncRefusal and nothing of it is written.
   */
  async pullFrom(link: PeerLink): Promise<{ applied: number; refusedByRule: number; conflicts: number; batches: number; clockOffsetMs: number; theirVector: Vector; waitingIn: number }> {
    let applied = 0
    let refusedByRule = 0
    let conflicts = 0
    let batches = 0
    let offset = 0
    for (;;) {
      const mine = await this.vector()
      const t0 = Date.now()
      const res = await link.pull({ vector: mine, limit: BATCH, now: this.now().toISOString() })
      const t1 = Date.now()
      if (!res || !Array.isArray(res.changes)) throw new SyncRefusal('对方的回复格式不符')
      offset = Date.parse(res.now) - (this.now().getTime() - (t1 - t0) / 2) // their clock minus ours when they answered
      batches++
      if (res.changes.length) {
        const r = await this.apply(res.changes)
        applied += r.applied
        refusedByRule += r.refusedByRule.length
        conflicts += r.conflicts
        // Progress is what entered the change log: a change a rule refused here is kept there too.
        const progressed = r.applied + r.refusedByRule.length > 0
        if (!progressed && r.unverified.length) throw new SyncRefusal(`来源终端 ${r.unverified.map((o) => o.slice(0, 8)).join('、')} 未登记(无证书)`)
        if (!progressed && res.more) throw new SyncRefusal('对方的变更无法接续(缺少前序变更)')
      }
      if (!res.more) return { applied, refusedByRule, conflicts, batches, clockOffsetMs: Math.round(offset), theirVector: res.vector, waitingIn: missing(await this.vector(), res.vector) }
    }
  }
}
