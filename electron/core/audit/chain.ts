import crypto from 'node:crypto'
import type { Reader } from '../db/connection'

/**
 * The seals of the audit trail.
 *
 * - `sha256`: rows written before migration 0010 (and rows written before a site, hence its
 *   secret, exists): one chain over the whole table in `seq` order, SHA-256 without a key. Kept as
 *   they were — the trail is append-only, so they are not re-sealed.
 * - `hmac1`: from the marked point on, each terminal keeps its own chain (`terminal_id`,
 *   `chain_seq` 1, 2, 3 …), sealed with HMAC-SHA256 under a key derived from the site's secret.
 *   One chain per terminal is what LAN sync needs: terminals append independently and exchange
 *   rows without re-numbering each other's chains. The first keyed row of a terminal links to the
 *   tail of the unkeyed chain (if any), so the old rows cannot be re-sealed unseen either.
 *
 * The secret lives in the same database file, so the key alone stops only someone without the
 * file; what shows a re-sealed or truncated chain is the head (count + last hash) kept outside
 * the database: in the terminal's settings file and beside every backup (heads.ts, backup.ts).
 */
export const GENESIS = '0'.repeat(64)
export type Seal = 'sha256' | 'hmac1'

export interface SealedFields {
  id: string
  at: string
  staffId: string | null
  terminalId: string
  action: string
  entity: string
  entityId: string | null
  summary: string
  changes: string
}

const body = (f: SealedFields) => [f.id, f.at, f.staffId ?? '', f.terminalId, f.action, f.entity, f.entityId ?? '', f.summary, f.changes]

/** The unkeyed seal of rows before the marked point (unchanged from issue A). */
export function legacyHash(prev: string, f: SealedFields): string {
  return crypto.createHash('sha256').update(JSON.stringify([prev, ...body(f)])).digest('hex')
}

/** The audit key: derived from the site's secret, so it differs from the permit check-code key. */
export function auditKey(siteSecret: string): Buffer {
  return crypto.createHmac('sha256', siteSecret).update('desk/audit-chain/v1').digest()
}

export function keyedHash(key: Buffer, prev: string, chainSeq: number, f: SealedFields): string {
  return crypto.createHmac('sha256', key).update(JSON.stringify([prev, chainSeq, ...body(f)])).digest('hex')
}

/** The head of one terminal's keyed chain: how many rows it has and the last row's seal. */
export interface ChainHead {
  terminalId: string
  count: number
  hash: string
}

/** The head of every keyed chain in the database, as it is now. */
export async function chainHeads(r: Pick<Reader, 'all'>): Promise<ChainHead[]> {
  // A database from before migration 0010 (the copy made just before it) has no keyed chains.
  const cols = await r.all<{ name: string }>('PRAGMA table_info(audit_events)')
  if (!cols.some((c) => c.name === 'seal')) return []
  return r.all<ChainHead>(
    `SELECT a.terminal_id AS terminalId, a.chain_seq AS count, a.hash
       FROM audit_events a
       JOIN (SELECT terminal_id, max(chain_seq) AS n FROM audit_events WHERE seal = 'hmac1' GROUP BY terminal_id) m
         ON m.terminal_id = a.terminal_id AND m.n = a.chain_seq
      WHERE a.seal = 'hmac1'`,
  )
}

/** The site's secret, read in the core only (never returned by any method). */
export async function siteSecret(r: Pick<Reader, 'get'>): Promise<string | null> {
  const row = await r.get<{ secret: string }>('SELECT secret FROM site WHERE deleted_at IS NULL LIMIT 1')
  return row?.secret ?? null
}
