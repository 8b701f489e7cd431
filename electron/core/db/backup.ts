import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { chainHeads, type ChainHead } from '../audit/chain'
import { closeConnection, openConnection, type DeskDb, type Reader } from './connection'

/** Tables counted in every backup's manifest and shown before a restore. */
export const COUNTED_TABLES = ['staff', 'units', 'residents', 'log_entries', 'handovers', 'permits', 'audit_events'] as const
export type TableCounts = Partial<Record<(typeof COUNTED_TABLES)[number], number>>

/**
 * Written beside each backup as `<backup>.head.json` once the copy has been checked: its size and
 * SHA-256, the row counts, and the head of every audit chain at the moment of the copy (an anchor
 * for the audit check that an edit of the live database cannot reach).
 */
export interface BackupManifest {
  format: 1
  fileName: string
  sizeBytes: number
  sha256: string
  at: string
  label: string
  counts: TableCounts
  heads: ChainHead[]
  epoch: string | null
}

export const manifestPath = (backup: string) => `${backup}.head.json`
const PARTIAL = '.partial'

async function countRows(r: Pick<Reader, 'all' | 'get'>): Promise<TableCounts> {
  const have = new Set((await r.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")).map((t) => t.name))
  const out: TableCounts = {}
  for (const t of COUNTED_TABLES) if (have.has(t)) out[t] = (await r.get<{ n: number }>(`SELECT count(*) AS n FROM ${t}`))!.n
  return out
}

/** SHA-256 of a file, streamed (a site's database can be hundreds of MB; the door keeps answering). */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** Opens a backup read-only and runs fn on it. */
export async function withBackupFile<T>(file: string, fn: (r: Pick<Reader, 'all' | 'get'>) => Promise<T>): Promise<T> {
  const conn = await openConnection(file, sqlite3.OPEN_READONLY)
  const all = <R>(sql: string, params: unknown[] = []) => new Promise<R[]>((res, rej) => conn.all(sql, params, (e, rows) => (e ? rej(e) : res(rows as R[]))))
  const get = <R>(sql: string, params: unknown[] = []) => new Promise<R | undefined>((res, rej) => conn.get(sql, params, (e, row) => (e ? rej(e) : res(row as R | undefined))))
  try {
    return await fn({ all, get } as Pick<Reader, 'all' | 'get'>)
  } finally {
    await closeConnection(conn).catch(() => undefined)
  }
}

/** integrity_check and row counts of a copy; throws when it is not whole. */
export async function checkCopy(file: string): Promise<TableCounts> {
  return withBackupFile(file, async (r) => {
    const problems = (await r.all<{ integrity_check: string }>('PRAGMA integrity_check')).map((x) => x.integrity_check).filter((s) => s !== 'ok')
    if (problems.length) throw new Error(`备份文件完整性检查未通过:${problems.slice(0, 3).join('; ')}`)
    return countRows(r)
  })
}

export interface BackupOptions {
  /** The head store's epoch (heads.ts), recorded in the manifest. */
  epoch?: string | null
  now?: Date
}

/**
 * A consistent copy of the live database, made so that a copy killed half-way is never taken for a
 * good one: VACUUM INTO a `.partial` name (safe while writing: STACK.md measured 10/10 copies
 * passing integrity_check), then integrity_check and the row counts compared with the live
 * database's at the same moment, then the manifest, and only then the final name.
 * Returns the backup's path.
 */
export async function backupDb(db: DeskDb, backupDir: string, label: string, opts: BackupOptions = {}): Promise<string> {
  fs.mkdirSync(backupDir, { recursive: true })
  removeLeftovers(backupDir)
  const now = opts.now ?? new Date()
  const epoch = opts.epoch ?? null
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  const target = path.join(backupDir, `desk-${stamp}-${label}.sqlite`)
  const partial = target + PARTIAL
  inProgress.add(partial)
  // The copy, the live counts and the chain heads in one slot of the write queue: nothing of ours
  // writes in between, so the copy must hold exactly these rows.
  try {
    const { counts, heads } = await db.outside(async (w) => {
      await w.run('VACUUM INTO ?', [partial])
      return { counts: await countRows(w), heads: await chainHeads(w) }
    })
    const copied = await checkCopy(partial)
    for (const [t, n] of Object.entries(counts)) {
      if (copied[t as keyof TableCounts] !== n) throw new Error(`备份文件中 ${t} 的行数 ${copied[t as keyof TableCounts]} 与数据库的 ${n} 不符`)
    }
    const manifest: BackupManifest = {
      format: 1,
      fileName: path.basename(target),
      sizeBytes: fs.statSync(partial).size,
      sha256: await sha256File(partial),
      at: now.toISOString(),
      label,
      counts,
      heads,
      epoch,
    }
    writeDurably(manifestPath(target), JSON.stringify(manifest, null, 1))
    fs.renameSync(partial, target)
    return target
  } catch (e) {
    fs.rmSync(partial, { force: true })
    fs.rmSync(manifestPath(target), { force: true })
    throw e
  } finally {
    inProgress.delete(partial)
  }
}

function writeDurably(file: string, text: string) {
  const fd = fs.openSync(file, 'w')
  try {
    fs.writeSync(fd, text)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/** Copies being made by this process now (a daily copy and a manual one may overlap). */
const inProgress = new Set<string>()

/**
 * What a killed backup leaves: `.partial` copies (never listed) and a manifest whose copy never got
 * its name. Removed at the next backup; copies this process is making now are left alone.
 */
function removeLeftovers(backupDir: string) {
  for (const f of fs.readdirSync(backupDir)) {
    const p = path.join(backupDir, f)
    if ((f.endsWith(PARTIAL) || f.endsWith(PARTIAL + '-journal')) && !inProgress.has(p.replace(/-journal$/, ''))) fs.rmSync(p, { force: true })
    const target = p.slice(0, -'.head.json'.length)
    if (f.endsWith('.head.json') && !fs.existsSync(target) && !inProgress.has(target + PARTIAL)) fs.rmSync(p, { force: true })
  }
}

export interface BackupFile {
  fileName: string
  path: string
  sizeBytes: number
  /** UTC ISO of the copy. */
  at: string
  label: string
  /** Row counts from the manifest; null for a copy made before manifests existed. */
  counts: TableCounts | null
}

export function readManifest(file: string): BackupManifest | null {
  try {
    const m = JSON.parse(fs.readFileSync(manifestPath(file), 'utf8')) as BackupManifest
    return m.format === 1 && m.fileName === path.basename(file) ? m : null
  } catch {
    return null
  }
}

/**
 * Whether a file in the backups folder is a whole copy. With a manifest: its size matches. Without
 * one (copies made before manifests): a SQLite header whose page size × page count equals the file
 * size, and no journal beside it — a copy killed half-way fails one of these.
 */
function looksWhole(file: string, size: number): { ok: boolean; manifest: BackupManifest | null } {
  const manifest = readManifest(file)
  if (manifest) return { ok: manifest.sizeBytes === size, manifest }
  if (size < 512 || fs.existsSync(file + '-journal') || fs.existsSync(file + '-wal')) return { ok: false, manifest }
  const head = Buffer.alloc(100)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, head, 0, 100, 0)
  } finally {
    fs.closeSync(fd)
  }
  if (head.toString('latin1', 0, 16) !== 'SQLite format 3\0') return { ok: false, manifest }
  const raw = head.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  return { ok: pageSize * head.readUInt32BE(28) === size, manifest }
}

const NAME = /^desk-(.+Z)-(.+)\.sqlite$/

/** The good backups in the folder, newest first; broken or partial copies are never listed. */
export function listBackups(backupDir: string): BackupFile[] {
  if (!fs.existsSync(backupDir)) return []
  const out: BackupFile[] = []
  for (const f of fs.readdirSync(backupDir)) {
    const m = NAME.exec(f)
    if (!m) continue
    const p = path.join(backupDir, f)
    const st = fs.statSync(p)
    if (!st.isFile()) continue
    const { ok, manifest } = looksWhole(p, st.size)
    if (!ok) continue
    out.push({ fileName: f, path: p, sizeBytes: st.size, at: manifest?.at ?? st.mtime.toISOString(), label: m[2], counts: manifest?.counts ?? null })
  }
  return out.sort((a, b) => b.at.localeCompare(a.at))
}

/** Backups named as ours that fail the check: set aside as `.broken` so they are neither listed nor counted. */
function setAsideBroken(backupDir: string) {
  const good = new Set(listBackups(backupDir).map((b) => b.fileName))
  for (const f of fs.readdirSync(backupDir)) {
    if (NAME.test(f) && !good.has(f) && fs.statSync(path.join(backupDir, f)).isFile()) {
      fs.renameSync(path.join(backupDir, f), path.join(backupDir, `${f}.broken`))
    }
  }
}

export const DAILY_KEEP = 14
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * One automatic copy a day (label "daily"), the last 14 good ones kept; copies made before
 * migrations, restores or by hand are never pruned. Returns the new file, or null when today's copy
 * already exists.
 */
export async function dailyBackup(db: DeskDb, backupDir: string, now: Date, keep = DAILY_KEEP, epoch: string | null = null): Promise<string | null> {
  if (fs.existsSync(backupDir)) setAsideBroken(backupDir)
  const daily = listBackups(backupDir).filter((b) => b.label === 'daily')
  if (daily[0] && now.getTime() - Date.parse(daily[0].at) < DAY_MS) return null
  const file = await backupDb(db, backupDir, 'daily', { epoch, now })
  for (const old of listBackups(backupDir).filter((b) => b.label === 'daily').slice(keep)) {
    fs.rmSync(old.path, { force: true })
    fs.rmSync(manifestPath(old.path), { force: true })
  }
  return file
}
