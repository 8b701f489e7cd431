import type { Reader, Writer } from '../db/connection'
import { changeDigest, verifySig, type ChangeRow } from './seal'
import type { TerminalClock } from './hlc'
import { isTimestamp } from './hlc'
import { quoteId as Q, type SyncedTable } from './tables'

/** origin → the highest seq held from it (changes of an origin are gapless: this says all we have). */
export type Vector = Record<string, number>

export async function vectorOf(r: Pick<Reader, 'all'>): Promise<Vector> {
  const rows = await r.all<{ origin: string; n: number }>('SELECT origin, MAX(seq) AS n FROM sync_changes GROUP BY origin')
  return Object.fromEntries(rows.map((x) => [x.origin, x.n]))
}

/** How many changes `have` lacks of what `vector` holds. */
export function missing(have: Vector, vector: Vector): number {
  let n = 0
  for (const [o, s] of Object.entries(vector)) n += Math.max(0, s - (have[o] ?? 0))
  return n
}

const COLS = 'origin, seq, hlc, tbl, row_id AS rowId, op, vals, hash, sig'

/**
 * What a peer asked for: the changes it lacks, oldest clock first, at most about `limit`. The oldest
 * first keeps a batch causally closed (a change's parent row has an older clock and comes first);
 * each origin's slice runs to a signed change (the end of a transaction) so the receiver can check it.
 */
export async function changesSince(r: Pick<Reader, 'all'>, theirs: Vector, limit: number): Promise<{ changes: ChangeRow[]; more: boolean }> {
  const mine = await vectorOf(r)
  const slices: ChangeRow[][] = []
  let total = 0
  for (const [origin, top] of Object.entries(mine)) {
    const from = theirs[origin] ?? 0
    if (top <= from) continue
    total += top - from
    slices.push(await r.all<ChangeRow>(`SELECT ${COLS} FROM sync_changes WHERE origin = ? AND seq > ? ORDER BY seq LIMIT ?`, [origin, from, limit + 1]))
  }
  const all = slices.flat().sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.seq - b.seq))
  let cut = all.slice(0, limit)
  // Extend each origin's slice to its next signed change (a transaction's end), when we hold it.
  const last = new Map<string, ChangeRow>()
  for (const c of cut) last.set(c.origin, c)
  const extra: ChangeRow[] = []
  for (const [origin, c] of last) {
    if (c.sig || !c.hash) continue
    const more = await r.all<ChangeRow>(
      `SELECT ${COLS} FROM sync_changes WHERE origin = ? AND seq > ? AND seq <= COALESCE((SELECT MIN(seq) FROM sync_changes WHERE origin = ? AND seq > ? AND sig IS NOT NULL), seq) ORDER BY seq`,
      [origin, c.seq, origin, c.seq],
    )
    extra.push(...more)
  }
  cut = cut.concat(extra)
  return { changes: cut, more: cut.length < total }
}

export interface ApplyResult {
  applied: number
  duplicates: number
  /** Kept in the change log but not applied here: a rule of this database refused them. */
  refusedByRule: Array<{ change: ChangeRow; reason: string }>
  conflicts: number
  /** Origins whose certificate is not known here: their changes were left out. */
  unverified: string[]
}

export class SyncRefusal extends Error {}

function wellFormed(c: ChangeRow) {
  if (typeof c.origin !== 'string' || !c.origin || c.origin.length > 64 || !Number.isInteger(c.seq) || c.seq < 1 || !isTimestamp(c.hlc) || typeof c.tbl !== 'string' || typeof c.rowId !== 'string' || !['i', 'u', 'd'].includes(c.op) || typeof c.vals !== 'string' || (c.hash !== null && typeof c.hash !== 'string') || (c.sig !== null && typeof c.sig !== 'string'))
    throw new SyncRefusal('变更格式不符')
}

/**
 * Checks one origin's slice of a batch: gapless after what we hold, chained, signed (by the origin's
 * key) at its end. Returns the changes to apply (up to the last signed one); a break throws.
 */
async function verifyOrigin(w: Writer, origin: string, list: ChangeRow[], from: number, cert: string): Promise<ChangeRow[]> {
  list.sort((a, b) => a.seq - b.seq)
  const fresh = list.filter((c) => c.seq > from)
  if (!fresh.length) return []
  if (fresh[0].seq !== from + 1) throw new SyncRefusal(`来源 ${origin.slice(0, 8)} 的变更不连续(缺 ${from + 1} 号)`)
  const prevRow = from ? await w.get<{ hash: string | null }>('SELECT hash FROM sync_changes WHERE origin = ? AND seq = ?', [origin, from]) : { hash: '' }
  let prev = prevRow?.hash ?? ''
  let lastSigned = -1
  for (let i = 0; i < fresh.length; i++) {
    const c = fresh[i]
    if (i > 0 && c.seq !== fresh[i - 1].seq + 1) throw new SyncRefusal(`来源 ${origin.slice(0, 8)} 的变更不连续`)
    const h = changeDigest(prev, c)
    if (h !== c.hash) throw new SyncRefusal(`来源 ${origin.slice(0, 8)} 第 ${c.seq} 号变更的链哈希不符(被改动或伪造)`)
    prev = h
    if (c.sig) lastSigned = i
  }
  if (lastSigned < 0) return [] // nothing checkable yet: the rest of the transaction comes next time
  if (!verifySig(cert, fresh[lastSigned].hash!, fresh[lastSigned].sig!)) throw new SyncRefusal(`来源终端 ${origin.slice(0, 8)} 的签名不符(冒充来源)`)
  return fresh.slice(0, lastSigned + 1)
}

/**
 * Applies a batch received from a peer in the caller's transaction, idempotently: a change already
 * held is skipped; each new one is stored as it came (the change log is the same everywhere) and
 * applied per column — the newer clock wins; an older value arriving late loses and is listed in
 * sync_conflicts. Foreign keys are checked at COMMIT (a batch carries parents before children).
 */
export async function applyBatch(
  w: Writer,
  incoming: ChangeRow[],
  ctx: { tables: Map<string, SyncedTable>; clock: TerminalClock; now: string; certOf: (origin: string, batch: ChangeRow[]) => Promise<string | null> },
): Promise<ApplyResult> {
  const have = await vectorOf(w)
  const result: ApplyResult = { applied: 0, duplicates: 0, refusedByRule: [], conflicts: 0, unverified: [] }
  for (const c of incoming) wellFormed(c)
  await w.exec('PRAGMA defer_foreign_keys = ON')
  await w.run('UPDATE sync_state SET applying = 1 WHERE id = 1')
  const byOrigin = new Map<string, ChangeRow[]>()
  for (const c of incoming) byOrigin.set(c.origin, [...(byOrigin.get(c.origin) ?? []), c])
  // Rounds: an origin is checked once its certificate is known here. A terminal paired by B is
  // registered by B's changes, which may carry later clocks than that terminal's own first changes
  // (made before it was paired): those wait for the round after B's are applied.
  for (let progress = true; byOrigin.size && progress; ) {
    progress = false
    const round: ChangeRow[] = []
    for (const [origin, list] of [...byOrigin]) {
      const cert = await ctx.certOf(origin, incoming)
      if (!cert) continue
      byOrigin.delete(origin)
      progress = true
      const ok = await verifyOrigin(w, origin, list, have[origin] ?? 0, cert)
      result.duplicates += list.length - ok.length
      round.push(...ok)
    }
    round.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : a.seq - b.seq))
    // Every change here is new (verifyOrigin kept only seqs above what we hold, per origin).
    for (let i = 0; i < round.length; i += 500) {
      const part = round.slice(i, i + 500)
      await w.run(
        `INSERT INTO sync_changes (origin, seq, hlc, tbl, row_id, op, vals, hash, sig) VALUES ${part.map(() => '(?,?,?,?,?,?,?,?,?)').join(', ')}`,
        part.flatMap((c) => [c.origin, c.seq, c.hlc, c.tbl, c.rowId, c.op, c.vals, c.hash, c.sig]),
      )
    }
    for (const c of round) ctx.clock.recv(c.hlc)
    // Fast path: the whole round under one savepoint. Should a rule of this database refuse one
    // change, the round is undone and applied again one change at a time, each under its own.
    await w.exec('SAVEPOINT sync_round')
    let conflicts = 0
    try {
      conflicts = await applyRound(w, round, ctx.tables, ctx.now)
      await w.exec('RELEASE sync_round')
      result.applied += round.length
      result.conflicts += conflicts
    } catch {
      await w.exec('ROLLBACK TO sync_round')
      await w.exec('RELEASE sync_round')
      for (const c of round) {
        await w.exec('SAVEPOINT sync_one')
        try {
          result.conflicts += await applyOne(w, c, ctx.tables, ctx.now)
          await w.exec('RELEASE sync_one')
          result.applied++
        } catch (e) {
          await w.exec('ROLLBACK TO sync_one')
          await w.exec('RELEASE sync_one')
          const reason = e instanceof Error ? e.message : String(e)
          await w.run('UPDATE sync_changes SET note = ? WHERE origin = ? AND seq = ?', [reason, c.origin, c.seq])
          result.refusedByRule.push({ change: c, reason })
        }
      }
    }
  }
  // Origins no terminal here vouches for: nothing of theirs is written.
  for (const origin of byOrigin.keys()) if (byOrigin.get(origin)!.some((c) => c.seq > (have[origin] ?? 0))) result.unverified.push(origin)
  await w.run('UPDATE sync_state SET applying = 0 WHERE id = 1')
  return result
}

type Writer1 = { hlc: string; origin: string; seq: number; op: string }
type Cell = Writer1 & { value: unknown }

const notGiven = (v: unknown) => v === null || v === ''

/**
 * Who made a row and when: set by the row's first insert. When two inserts of one row meet (a sponsor
 * registering the terminal that also made its own row), the older insert's value stands; an edit of
 * the column still beats any insert. A total order, so every terminal settles on the same value.
 */
const FIRST_WRITER_WINS = new Set(['created_at', 'terminal_id'])
/** Bookkeeping that follows the edits: resolved like any column, never listed as a conflict. */
const NOT_A_CONFLICT = new Set(['updated_at', ...FIRST_WRITER_WINS])

const newer = (a: { hlc: string; origin: string; seq: number }, b: { hlc: string; origin: string; seq: number }) =>
  a.hlc !== b.hlc ? a.hlc > b.hlc : a.origin !== b.origin ? a.origin > b.origin : a.seq > b.seq

/** Does writer `a` of column `col` beat writer `b`? The newer, except the first insert's bookkeeping. */
function beats(col: string, a: Writer1, b: Writer1): boolean {
  if (!FIRST_WRITER_WINS.has(col)) return newer(a, b)
  if ((a.op === 'i') !== (b.op === 'i')) return a.op !== 'i'
  return a.op === 'i' ? newer(b, a) : newer(a, b)
}

/** The newest change (other than `c`) that wrote each of these columns of the row. */
async function lastWriters(w: Writer, c: ChangeRow, cols: string[]): Promise<{ writers: Map<string, Cell>; ownLater: Set<string> }> {
  const rows = await w.all<{ hlc: string; origin: string; seq: number; op: string; vals: string }>(
    'SELECT hlc, origin, seq, op, vals FROM sync_changes WHERE tbl = ? AND row_id = ? AND NOT (origin = ? AND seq = ?) AND note IS NULL',
    [c.tbl, c.rowId, c.origin, c.seq],
  )
  const out = new Map<string, Cell>()
  // Columns c's own terminal wrote again later: c's value there was replaced by its own author.
  const ownLater = new Set<string>()
  for (const r of rows) {
    const vals = JSON.parse(r.vals) as Record<string, unknown>
    for (const col of cols) {
      // An insert's NULL or '' is a column it did not give (see applyOne), not a value that competes.
      if (!(col in vals) || (r.op === 'i' && notGiven(vals[col]))) continue
      if (r.origin === c.origin && r.seq > c.seq) ownLater.add(col)
      const cur = out.get(col)
      if (!cur || beats(col, r, cur)) out.set(col, { hlc: r.hlc, origin: r.origin, seq: r.seq, op: r.op, value: vals[col] })
    }
  }
  return { writers: out, ownLater }
}

/** A change's values, checked against this database's table (the same checks on every path). */
function valuesOf(c: ChangeRow, t: SyncedTable | undefined): Record<string, unknown> {
  if (!t) throw new Error(`本终端没有数据表 ${c.tbl}(版本不同?)`)
  let vals: Record<string, unknown>
  try {
    vals = JSON.parse(c.vals) as Record<string, unknown>
  } catch {
    throw new Error('变更内容不是有效的 JSON')
  }
  const unknown = Object.keys(vals).filter((k) => !t.columns.includes(k))
  if (unknown.length) throw new Error(`数据表 ${c.tbl} 没有列 ${unknown.join(', ')}(版本不同?)`)
  for (const v of Object.values(vals)) if (v !== null && typeof v === 'object') throw new Error('变更的值不是单一值')
  if (c.op === 'i' && vals.id !== c.rowId) throw new Error('变更的 id 与记录不符')
  return vals
}

/** At most this many bound values in one statement (SQLite allows 32,766). */
const MAX_PARAMS = 8000

/**
 * Applies a round in order, as applyOne would one change at a time, with fewer statements: a run
 * of inserts into one table (same columns, distinct rows) is looked up in one query and the rows
 * not here yet are inserted in one statement; a row already here takes applyOne's per-column merge
 * at its place in the run. Every other change goes through applyOne. A rule refusing a row throws,
 * as applyOne does (the caller then applies the round one change at a time).
 */
async function applyRound(w: Writer, round: ChangeRow[], tables: Map<string, SyncedTable>, now: string): Promise<number> {
  let conflicts = 0
  for (let i = 0; i < round.length; ) {
    const c = round[i]
    if (c.op !== 'i') {
      conflicts += await applyOne(w, c, tables, now)
      i++
      continue
    }
    const t = tables.get(c.tbl)
    const first = valuesOf(c, t)
    const cols = Object.keys(first)
    const key = cols.join('\u0000')
    const perRow = Math.max(1, Math.floor(MAX_PARAMS / cols.length))
    const run: Array<{ c: ChangeRow; vals: Record<string, unknown> }> = [{ c, vals: first }]
    const ids = new Set([c.rowId])
    let j = i + 1
    for (; j < round.length && run.length < perRow; j++) {
      const d = round[j]
      if (d.op !== 'i' || d.tbl !== c.tbl || ids.has(d.rowId)) break
      const vals = valuesOf(d, t)
      if (Object.keys(vals).join('\u0000') !== key) break
      run.push({ c: d, vals })
      ids.add(d.rowId)
    }
    const present = new Set(
      (await w.all<{ id: string }>(`SELECT id FROM ${Q(c.tbl)} WHERE id IN (${run.map(() => '?').join(', ')})`, run.map((x) => x.c.rowId))).map((r) => r.id),
    )
    const insert = `INSERT INTO ${Q(c.tbl)} (${cols.map(Q).join(', ')}) VALUES `
    const row = `(${cols.map(() => '?').join(', ')})`
    let fresh: typeof run = []
    const flush = async () => {
      if (fresh.length) await w.run(insert + fresh.map(() => row).join(', '), fresh.flatMap((x) => cols.map((k) => x.vals[k])))
      fresh = []
    }
    for (const x of run) {
      if (!present.has(x.c.rowId)) {
        fresh.push(x)
        continue
      }
      await flush()
      conflicts += await mergeRow(w, x.c, x.vals, now)
    }
    await flush()
    i = j
  }
  return conflicts
}

async function applyOne(w: Writer, c: ChangeRow, tables: Map<string, SyncedTable>, now: string): Promise<number> {
  const t = tables.get(c.tbl)
  const vals = valuesOf(c, t)
  if (c.op === 'd') {
    await w.run(`DELETE FROM ${Q(c.tbl)} WHERE id = ?`, [c.rowId])
    return 0
  }
  if (c.op === 'i') {
    // Most inserts meet no row here: one statement; an existing row goes on to the per-column merge.
    const cols = Object.keys(vals)
    const insert = `INSERT INTO ${Q(c.tbl)} (${cols.map(Q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`
    if (t!.idUnique) {
      const ins = await w.run(`${insert} ON CONFLICT(id) DO NOTHING`, cols.map((k) => vals[k]))
      if (ins.changes) return 0
    } else if (!(await w.get(`SELECT 1 FROM ${Q(c.tbl)} WHERE id = ?`, [c.rowId]))) {
      await w.run(insert, cols.map((k) => vals[k]))
      return 0
    }
  } else if (!(await w.get(`SELECT 1 FROM ${Q(c.tbl)} WHERE id = ?`, [c.rowId]))) throw new Error('要修改的记录在本终端不存在')
  return mergeRow(w, c, vals, now)
}

/**
 * Per column: the newer clock wins (see `beats`); a value that arrives older than what is here loses,
 * and is listed. An insert meeting a row already here (two terminals registering the same terminal,
 * say) sets only what it gives: its NULLs and empty texts (a column's default) are columns it did not
 * know, not values to blank out.
 */
async function mergeRow(w: Writer, c: ChangeRow, vals: Record<string, unknown>, now: string): Promise<number> {
  const cols = Object.keys(vals).filter((k) => k !== 'id' && !(c.op === 'i' && notGiven(vals[k])))
  const { writers, ownLater } = await lastWriters(w, c, cols)
  const win: string[] = []
  let conflicts = 0
  for (const col of cols) {
    const cur = writers.get(col)
    if (!cur || beats(col, c, cur)) win.push(col)
    else {
      // Not a conflict: bookkeeping, or a value its own terminal changed later (an insert and its
      // edit arriving in one pull) — only two terminals writing one column is.
      if (!NOT_A_CONFLICT.has(col) && cur.origin !== c.origin && !ownLater.has(col) && JSON.stringify(cur.value) !== JSON.stringify(vals[col])) {
        conflicts++
        await w.run('INSERT INTO sync_conflicts (at, tbl, row_id, col, kept, lost, lost_origin, lost_hlc) VALUES (?,?,?,?,?,?,?,?)', [
          now, c.tbl, c.rowId, col, JSON.stringify(cur.value), JSON.stringify(vals[col]), c.origin, c.hlc,
        ])
      }
    }
  }
  if (win.length) await w.run(`UPDATE ${Q(c.tbl)} SET ${win.map((k) => `${Q(k)} = ?`).join(', ')} WHERE id = ?`, [...win.map((k) => vals[k]), c.rowId])
  return conflicts
}
