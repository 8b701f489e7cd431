import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { DbStartError } from '../errors'
import { backupDb } from './backup'
import type { DeskDb } from './connection'

export interface MigrationReport {
  applied: string[]
  backup: string | null
  ms: number
}

interface Journal {
  entries: Array<{ idx: number; tag: string }>
}

/** The drizzle-kit journal and its SQL files, split at drizzle's statement breakpoints. */
export function readMigrations(dir: string) {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta', '_journal.json'), 'utf8')) as Journal
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((e) => {
      const sql = fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8')
      return {
        tag: e.tag,
        hash: crypto.createHash('sha256').update(sql).digest('hex'),
        statements: sql
          .split('--> statement-breakpoint')
          .map((s) => s.trim())
          .filter(Boolean),
      }
    })
}

/**
 * Applies pending migrations, all of them in one transaction, after a backup copy of a database
 * that already holds data. A failure rolls everything back: the previous database is untouched.
 * A database that has migrations this program does not know comes from a newer version: refused.
 */
export async function migrate(db: DeskDb, dir: string, backupDir: string): Promise<MigrationReport> {
  const t0 = performance.now()
  const known = readMigrations(dir)
  await db.tx((w) =>
    w.run('CREATE TABLE IF NOT EXISTS __desk_migrations (tag TEXT PRIMARY KEY, hash TEXT NOT NULL, applied_at TEXT NOT NULL)'),
  )
  const applied = new Set(
    (await db.read.all<{ tag: string }>('SELECT tag FROM __desk_migrations')).map((r) => r.tag),
  )
  const unknown = [...applied].filter((t) => !known.some((k) => k.tag === t))
  if (unknown.length) {
    // openDeskDb has already refused such a file read-only; this guards callers that skip it.
    throw new DbStartError(
      'NEWER_VERSION',
      `数据库由更新版本的程序创建(迁移 ${unknown.join(', ')}),本程序不能打开它;请安装新版本。`,
    )
  }
  const pending = known.filter((k) => !applied.has(k.tag))
  if (!pending.length) return { applied: [], backup: null, ms: performance.now() - t0 }

  const backup = applied.size ? await backupDb(db, backupDir, `before-${pending[0].tag}`) : null
  const now = new Date().toISOString()
  let current = ''
  try {
    await db.tx(async (w) => {
      for (const m of pending) {
        current = m.tag
        for (const s of m.statements) await w.exec(s)
        await w.run('INSERT INTO __desk_migrations (tag, hash, applied_at) VALUES (?, ?, ?)', [m.tag, m.hash, now])
      }
    })
  } catch (e) {
    throw new DbStartError(
      'MIGRATION_FAILED',
      `数据库升级失败(迁移 ${current}:${(e as Error).message})。已全部回滚,原数据库未被改动${backup ? `;升级前备份:${backup}` : ''}。`,
    )
  }
  return { applied: pending.map((p) => p.tag), backup, ms: performance.now() - t0 }
}
