import crypto from 'node:crypto'
import type { AuditRow, ChainReport } from '../../../shared/audit/schema'
import type { Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { newId } from '../ids'

const GENESIS = '0'.repeat(64)

interface AuditFields {
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

function hashOf(prev: string, f: AuditFields): string {
  const body = [prev, f.id, f.at, f.staffId ?? '', f.terminalId, f.action, f.entity, f.entityId ?? '', f.summary, f.changes]
  return crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex')
}

export interface AuditEntry {
  action: string
  entity: string
  entityId?: string | null
  summary: string
  changes?: unknown
}

/** Appends one audit row inside the caller's transaction, linked to the previous row's hash. */
export async function audit(w: Writer, ctx: Ctx, e: AuditEntry, staffId = ctx.staff?.id ?? null): Promise<void> {
  const last = await w.get<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1')
  const f: AuditFields = {
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
  const prev = last?.hash ?? GENESIS
  await w.run(
    `INSERT INTO audit_events (seq, id, at, staff_id, terminal_id, action, entity, entity_id, summary, changes, prev_hash, hash)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    [(last?.seq ?? 0) + 1, f.id, f.at, f.staffId, f.terminalId, f.action, f.entity, f.entityId, f.summary, f.changes, prev, hashOf(prev, f)],
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

/** Walks the whole chain; reports the first row whose link or hash does not match. */
export async function verifyChain(r: Reader): Promise<ChainReport> {
  const rows = await r.all<{
    seq: number
    id: string
    at: string
    staff_id: string | null
    terminal_id: string
    action: string
    entity: string
    entity_id: string | null
    summary: string
    changes: string
    prev_hash: string
    hash: string
  }>('SELECT * FROM audit_events ORDER BY seq')
  let prev = GENESIS
  let expectedSeq = 1
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, checked: expectedSeq - 1, brokenAt: expectedSeq, reason: `缺少第 ${expectedSeq} 条记录(可能被删除)` }
    if (row.prev_hash !== prev) return { ok: false, checked: row.seq - 1, brokenAt: row.seq, reason: `第 ${row.seq} 条记录与前一条的链接不符` }
    const h = hashOf(prev, {
      id: row.id,
      at: row.at,
      staffId: row.staff_id,
      terminalId: row.terminal_id,
      action: row.action,
      entity: row.entity,
      entityId: row.entity_id,
      summary: row.summary,
      changes: row.changes,
    })
    if (h !== row.hash) return { ok: false, checked: row.seq - 1, brokenAt: row.seq, reason: `第 ${row.seq} 条记录内容被改动` }
    prev = row.hash
    expectedSeq++
  }
  return { ok: true, checked: rows.length }
}

export async function listAudit(r: Reader, page: number, pageSize: number, entity?: string) {
  const where = entity ? 'WHERE a.entity = ?' : ''
  const params = entity ? [entity] : []
  const total = (await r.get<{ n: number }>(`SELECT count(*) AS n FROM audit_events a ${where}`, params))!.n
  const rows = await r.all<AuditRow>(
    `SELECT a.seq, a.at, s.name AS staffName, a.terminal_id AS terminalId, a.action, a.entity, a.entity_id AS entityId, a.summary
       FROM audit_events a LEFT JOIN staff s ON s.id = a.staff_id ${where}
      ORDER BY a.seq DESC LIMIT ? OFFSET ?`,
    [...params, pageSize, (page - 1) * pageSize],
  )
  return { rows, total }
}
