import type { Reader } from '../db/connection'

/**
 * Which tables sync, and their columns, read from the live schema (so a table added by a later
 * migration syncs without a list to update). Every table with a text `id` syncs, except:
 * - this terminal's own state: PIN lock-outs are per terminal (issue H), the serial counters are per
 *   terminal (each issues from its own series), and the sync bookkeeping itself;
 * - tables the database derives by trigger (name parts, the log's full-text index): each terminal
 *   derives them from the synced rows.
 */
const LOCAL_TABLES = new Set(['pin_attempts', 'permit_serials', 'spare_key_serials', 'resident_name_parts', 'sync_changes', 'sync_state', 'sync_peers', 'sync_log', 'sync_conflicts', '__drizzle_migrations'])

/** Columns that are this database's own numbering (audit_events.seq orders the local copy only). */
const LOCAL_COLUMNS: Record<string, string[]> = { audit_events: ['seq'] }

export interface SyncedTable {
  name: string
  columns: string[]
  /** `id` is the key or uniquely indexed, so an insert can say ON CONFLICT(id) (audit_events' key is its seq). */
  idUnique: boolean
}

export async function syncedTables(r: Pick<Reader, 'all'>): Promise<SyncedTable[]> {
  const tables = await r.all<{ name: string }>(
    `SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE 'log_fts%'
       AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'id') ORDER BY m.name`,
  )
  const out: SyncedTable[] = []
  for (const { name } of tables) {
    if (LOCAL_TABLES.has(name)) continue
    const cols = await r.all<{ name: string; pk: number }>('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid', [name])
    const skip = LOCAL_COLUMNS[name] ?? []
    const pks = cols.filter((c) => c.pk > 0)
    const idKey = pks.length === 1 && pks[0].name === 'id'
    const idIndexed = idKey
      ? true
      : !!(await r.all<{ n: number }>(
          `SELECT 1 AS n FROM pragma_index_list(?) l WHERE l."unique" = 1 AND l.partial = 0
             AND (SELECT count(*) FROM pragma_index_info(l.name)) = 1 AND (SELECT name FROM pragma_index_info(l.name)) = 'id'`,
          [name],
        )).length
    out.push({ name, columns: cols.map((c) => c.name).filter((c) => !skip.includes(c)), idUnique: idIndexed })
  }
  return topoOrder(r, out)
}

/** Parents before children (foreign keys), so a baseline applied in batches never meets a missing parent. */
async function topoOrder(r: Pick<Reader, 'all'>, tables: SyncedTable[]): Promise<SyncedTable[]> {
  const byName = new Map(tables.map((t) => [t.name, t]))
  const deps = new Map<string, string[]>()
  for (const t of tables) {
    const fks = await r.all<{ table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)', [t.name])
    deps.set(t.name, [...new Set(fks.map((f) => f.table))].filter((p) => p !== t.name && byName.has(p)))
  }
  const out: SyncedTable[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (n: string) => {
    if (state.get(n)) return
    state.set(n, 'visiting')
    for (const d of deps.get(n) ?? []) visit(d)
    state.set(n, 'done')
    out.push(byName.get(n)!)
  }
  for (const t of tables) visit(t.name)
  return out
}

export const quoteId = (s: string) => `"${s.replace(/"/g, '""')}"`
