import type { DeskDb, Writer } from '../db/connection'
import { quoteId, syncedTables, type SyncedTable } from './tables'

/**
 * Change capture: every write to a synced table appends its change record in the same transaction,
 * by trigger, so no service has to remember to (and raw SQL is captured too). The triggers read the
 * transaction's timestamp and this terminal's origin from `sync_state`, set when the transaction
 * began (DeskDb's begin hook); while a received batch is applied (`applying` = 1) they stay quiet —
 * the received change is stored as it came instead.
 *
 * The triggers are generated from the live schema at every start (dropped and made again when a
 * migration changed a table), so a new column or table is captured without a list to keep.
 */

const Q = quoteId
const seqOf = `COALESCE((SELECT MAX(seq) FROM sync_changes WHERE origin = s.origin), 0) + 1`
const quiet = `(SELECT applying FROM sync_state WHERE id = 1) = 0`

/** json_object takes at most 127 arguments: chunks of 60 columns merged with json_patch. */
function jsonOf(cols: string[], rec: 'NEW') {
  const parts: string[] = []
  for (let i = 0; i < cols.length; i += 60) parts.push(`json_object(${cols.slice(i, i + 60).map((c) => `'${c}', ${rec}.${Q(c)}`).join(', ')})`)
  return parts.reduce((a, b) => `json_patch(${a}, ${b})`)
}

export function triggerSql(t: SyncedTable): Record<string, string> {
  const n = t.name
  const changed = t.columns.map((c) => `SELECT '${c}' AS k, NEW.${Q(c)} AS v WHERE NEW.${Q(c)} IS NOT OLD.${Q(c)}`).join(' UNION ALL ')
  const any = t.columns.map((c) => `NEW.${Q(c)} IS NOT OLD.${Q(c)}`).join(' OR ')
  return {
    [`sync_i_${n}`]: `CREATE TRIGGER ${Q(`sync_i_${n}`)} AFTER INSERT ON ${Q(n)} WHEN ${quiet}
BEGIN INSERT INTO sync_changes (origin, seq, hlc, tbl, row_id, op, vals)
  SELECT s.origin, ${seqOf}, s.hlc, '${n}', NEW.id, 'i', ${jsonOf(t.columns, 'NEW')} FROM sync_state s WHERE s.id = 1; END`,
    [`sync_u_${n}`]: `CREATE TRIGGER ${Q(`sync_u_${n}`)} AFTER UPDATE ON ${Q(n)} WHEN ${quiet} AND (${any})
BEGIN INSERT INTO sync_changes (origin, seq, hlc, tbl, row_id, op, vals)
  SELECT s.origin, ${seqOf}, s.hlc, '${n}', NEW.id, 'u', (SELECT json_group_object(k, v) FROM (${changed})) FROM sync_state s WHERE s.id = 1; END`,
    [`sync_d_${n}`]: `CREATE TRIGGER ${Q(`sync_d_${n}`)} AFTER DELETE ON ${Q(n)} WHEN ${quiet}
BEGIN INSERT INTO sync_changes (origin, seq, hlc, tbl, row_id, op, vals)
  SELECT s.origin, ${seqOf}, s.hlc, '${n}', OLD.id, 'd', '{}' FROM sync_state s WHERE s.id = 1; END`,
  }
}

/**
 * Installs the capture at start: the state row, the triggers, and — the first time, on a database
 * that already holds records — a baseline: every existing row as an insert change of this terminal,
 * parents before children, so a terminal that joins later receives what was there before sync.
 */
export async function installCapture(db: DeskDb, origin: string, firstHlc: () => string): Promise<SyncedTable[]> {
  const tables = await syncedTables(db.read)
  await db.tx(async (w) => {
    const state = await w.get<{ origin: string }>('SELECT origin FROM sync_state WHERE id = 1')
    const fresh = !state
    if (fresh) await w.run('INSERT INTO sync_state (id, origin, hlc, applying) VALUES (1, ?, ?, 0)', [origin, firstHlc()])
    else if (state.origin !== origin) {
      // The database now serves another terminal id (its folder was moved to a new install): that
      // terminal's changes are a new origin from here; the old origin's stay as they are.
      const last = await w.get<{ seq: number; hash: string | null }>('SELECT seq, hash FROM sync_changes WHERE origin = ? ORDER BY seq DESC LIMIT 1', [origin])
      await w.run('UPDATE sync_state SET origin = ?, sealed_seq = ?, sealed_hash = ? WHERE id = 1', [origin, last?.seq ?? 0, last?.hash ?? ''])
    }
    await w.run('UPDATE sync_state SET applying = 0 WHERE id = 1')
    const existing = new Map((await w.all<{ name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'")).map((r) => [r.name, r.sql]))
    const wanted = new Map<string, string>()
    for (const t of tables) for (const [name, sql] of Object.entries(triggerSql(t))) wanted.set(name, sql)
    for (const name of existing.keys()) if (!wanted.has(name)) await w.exec(`DROP TRIGGER ${Q(name)}`)
    for (const [name, sql] of wanted) {
      if (existing.get(name) === sql) continue
      if (existing.has(name)) await w.exec(`DROP TRIGGER ${Q(name)}`)
      await w.exec(sql)
    }
    if (fresh) await baseline(w, origin, tables)
  })
  return tables
}

async function baseline(w: Writer, origin: string, tables: SyncedTable[]) {
  const { hlc } = (await w.get<{ hlc: string }>('SELECT hlc FROM sync_state WHERE id = 1'))!
  for (const t of tables) {
    const base = (await w.get<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM sync_changes WHERE origin = ?', [origin]))!.n
    await w.run(
      `INSERT INTO sync_changes (origin, seq, hlc, tbl, row_id, op, vals)
       SELECT ?, ? + row_number() OVER (ORDER BY rowid), ?, '${t.name}', NEW.id, 'i', ${jsonOf(t.columns, 'NEW')} FROM ${Q(t.name)} AS NEW`,
      [origin, base, hlc],
    )
  }
}
