import fs from 'node:fs'
import path from 'node:path'
import type { ChainReport, ChainSummary } from '../../../shared/audit/schema'
import { listBackups, readManifest } from '../db/backup'
import type { Reader } from '../db/connection'
import { auditKey, GENESIS, keyedHash, legacyHash, siteSecret, type SealedFields } from './chain'
import { anchorsOf, type Anchor, type AuditHeadStore } from './heads'

/** An audit_events row as stored. */
export interface AuditRow {
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
  seal: string
  chain_seq: number | null
}

/** The fields a row's seal covers. */
export const fieldsOf = (row: AuditRow): SealedFields => ({
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

/** The heads kept outside the database: this terminal's settings file and the backups' manifests of the same epoch. */
export function outsideAnchors(store: AuditHeadStore | undefined, backupDir: string | undefined): Anchor[] {
  const stored = store?.read()
  const out = anchorsOf(stored, '本终端设置文件')
  if (backupDir && fs.existsSync(backupDir)) {
    for (const b of listBackups(backupDir)) {
      const m = readManifest(b.path)
      // A backup of another epoch describes a history a restore has left behind (heads.ts).
      if (!m || (stored && m.epoch !== stored.epoch)) continue
      for (const h of m.heads) out.push({ ...h, source: `备份 ${path.basename(b.path)}` })
    }
  }
  return out
}

/**
 * Walks the whole trail: the unkeyed rows first (one chain in seq order), then each terminal's
 * keyed chain; then compares each chain with the heads kept outside the database, so a chain cut
 * short (rows deleted at the end) or re-sealed after an edit shows. Reports the first broken row.
 */
export async function verifyChain(r: Pick<Reader, 'all' | 'get'>, anchors: Anchor[] = []): Promise<ChainReport> {
  const rows = await r.all<AuditRow>('SELECT * FROM audit_events ORDER BY seq')
  const names = new Map((await r.all<{ id: string; name: string }>('SELECT id, name FROM terminals WHERE deleted_at IS NULL')).map((t) => [t.id, t.name]))
  const secret = await siteSecret(r)
  const key = secret ? auditKey(secret) : null
  const report = (extra: Partial<ChainReport>): ChainReport => ({ ok: true, checked: rows.length, legacyRows, chains: summaries(), warnings, ...extra })
  const broken = (row: AuditRow | { seq: number }, reason: string, checked = row.seq - 1) => report({ ok: false, checked, brokenAt: row.seq, reason })
  const label = (t: string) => `终端「${names.get(t) ?? t.slice(-8)}」`
  const warnings: string[] = []
  const chains = new Map<string, { count: number; hashes: string[] }>()
  const summaries = (): ChainSummary[] =>
    [...chains].map(([terminalId, c]) => ({ terminalId, terminalName: names.get(terminalId) ?? null, count: c.count, anchors: anchors.filter((a) => a.terminalId === terminalId).length }))

  let legacyRows = 0
  let legacyTail = GENESIS
  let expectedSeq = 1
  for (const row of rows) {
    if (row.seq !== expectedSeq) return broken({ seq: expectedSeq }, `缺少第 ${expectedSeq} 条记录(可能被删除)`)
    expectedSeq++
    if (row.seal === 'sha256') {
      if (chains.size) return broken(row, `第 ${row.seq} 条记录的封印方式被改为旧式(旧式封印只能出现在加密钥封印之前)`)
      if (row.prev_hash !== legacyTail) return broken(row, `第 ${row.seq} 条记录与前一条的链接不符`)
      if (legacyHash(legacyTail, fieldsOf(row)) !== row.hash) return broken(row, `第 ${row.seq} 条记录内容被改动`)
      legacyTail = row.hash
      legacyRows++
      continue
    }
    if (row.seal !== 'hmac1') return broken(row, `第 ${row.seq} 条记录的封印方式不明(${row.seal})`)
    if (!key) return broken(row, `第 ${row.seq} 条记录有加密钥封印,但数据库中没有项目密钥`)
    let chain = chains.get(row.terminal_id)
    if (!chain) chains.set(row.terminal_id, (chain = { count: 0, hashes: [] }))
    const prev = chain.hashes.at(-1) ?? legacyTail
    if (row.chain_seq !== chain.count + 1) return broken(row, `${label(row.terminal_id)}的审计链缺少第 ${chain.count + 1} 条(第 ${row.seq} 条记录的链序号为 ${row.chain_seq}),记录可能被删除`)
    if (row.prev_hash !== prev) return broken(row, `第 ${row.seq} 条记录与${label(row.terminal_id)}的前一条链接不符`)
    if (keyedHash(key, prev, row.chain_seq, fieldsOf(row)) !== row.hash) return broken(row, `第 ${row.seq} 条记录内容被改动(封印不符)`)
    chain.count++
    chain.hashes.push(row.hash)
  }

  // The heads outside the database: the chain must still reach each of them, with the same seal.
  for (const a of anchors) {
    const chain = chains.get(a.terminalId)
    const found = chain?.count ?? 0
    if (found < a.count) {
      return report({
        ok: false,
        reason: `${label(a.terminalId)}的审计链被截断:据${a.source},应至少有 ${a.count} 条,现只有 ${found} 条(最后 ${a.count - found} 条被删除)`,
        truncated: { terminalId: a.terminalId, expected: a.count, found, source: a.source },
      })
    }
    if (chain!.hashes[a.count - 1] !== a.hash) {
      const seq = rows.filter((x) => x.terminal_id === a.terminalId && x.chain_seq === a.count)[0]?.seq
      return report({ ok: false, brokenAt: seq, reason: `${label(a.terminalId)}的第 ${a.count} 条链记录与${a.source}中的链头不符:审计链在此之前被改写并重新封印` })
    }
  }
  if (key && !chains.size && legacyRows) warnings.push('项目已有密钥,但没有一条加密钥封印的记录:升级后的记录可能被改写为旧式封印')
  for (const t of chains.keys()) if (!anchors.some((a) => a.terminalId === t)) warnings.push(`${label(t)}的链头没有保存在数据库之外(本终端设置文件或备份中),无法发现其末尾记录被删除`)
  return report({})
}
