import type { AuditRow, ChainReport } from '../../../shared/audit/schema'
import type { Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { newId } from '../ids'
import { auditKey, GENESIS, keyedHash, legacyHash, siteSecret, type SealedFields } from './chain'
import { recordHead } from './heads'

export { listAudit } from './list'
export { verifyChain } from './verify'

export interface AuditEntry {
  action: string
  entity: string
  entityId?: string | null
  summary: string
  changes?: unknown
}

/** The audit key per write connection, once the site (and so its secret) exists. */
const keys = new WeakMap<object, Buffer>()

async function keyFor(w: Writer): Promise<Buffer | null> {
  const cached = keys.get(w)
  if (cached) return cached
  const secret = await siteSecret(w)
  if (!secret) return null
  const key = auditKey(secret)
  keys.set(w, key)
  return key
}

/**
 * Appends one audit row inside the caller's transaction: the next link of this terminal's keyed
 * chain (chain.ts). After COMMIT the new head goes to the head store outside the database.
 */
export async function audit(w: Writer, ctx: Ctx, e: AuditEntry, staffId = ctx.staff?.id ?? null): Promise<void> {
  const f: SealedFields = {
    id: newId(),
    at: ctx.now().toISOString(),
    staffId,
    terminalId: ctx.terminalId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId ?? null,
    summary: e.summary,
    changes: JSON.stringify(e.changes ?? {}),
  }
  const last = await w.get<{ seq: number }>('SELECT max(seq) AS seq FROM audit_events')
  const seq = (last?.seq ?? 0) + 1
  const key = await keyFor(w)
  const legacyTail = async () => (await w.get<{ hash: string }>("SELECT hash FROM audit_events WHERE seal = 'sha256' ORDER BY seq DESC LIMIT 1"))?.hash ?? GENESIS
  if (!key) {
    // No site yet, hence no secret: the unkeyed chain continues (the keyed one starts at setup).
    const prev = await legacyTail()
    await insert(w, seq, f, prev, legacyHash(prev, f), 'sha256', null)
    return
  }
  const tail = await w.get<{ chain_seq: number; hash: string }>(
    'SELECT chain_seq, hash FROM audit_events WHERE terminal_id = ? AND chain_seq IS NOT NULL ORDER BY chain_seq DESC LIMIT 1',
    [ctx.terminalId],
  )
  const prev = tail?.hash ?? (await legacyTail())
  const chainSeq = (tail?.chain_seq ?? 0) + 1
  const hash = keyedHash(key, prev, chainSeq, f)
  await insert(w, seq, f, prev, hash, 'hmac1', chainSeq)
  const store = ctx.auditHeads
  if (store) w.afterCommit('audit-head', () => recordHead(store, ctx.terminalId, { count: chainSeq, hash, at: f.at }))
}

async function insert(w: Writer, seq: number, f: SealedFields, prev: string, hash: string, seal: string, chainSeq: number | null) {
  await w.run(
    `INSERT INTO audit_events (seq, id, at, staff_id, terminal_id, action, entity, entity_id, summary, changes, prev_hash, hash, seal, chain_seq)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    [seq, f.id, f.at, f.staffId, f.terminalId, f.action, f.entity, f.entityId, f.summary, f.changes, prev, hash, seal, chainSeq],
  )
}

/** Field-level diff for the audit trail: {field: [before, after]} for fields that changed. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {}
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)) out[k] = [before[k] ?? null, after[k] ?? null]
  }
  return out
}

export type { AuditRow, ChainReport, Reader }
