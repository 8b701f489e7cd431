import fs from 'node:fs'
import path from 'node:path'
import type { BackupDetail } from '../../../shared/site/schema'
import { chainHeads } from '../audit/chain'
import { newEpoch, type StoredHeads } from '../audit/heads'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { backupDb, checkCopy, listBackups, readManifest, sha256File, withBackupFile } from '../db/backup'
import { DeskError } from '../errors'

function findBackup(ctx: Ctx, fileName: string) {
  const b = listBackups(ctx.backupDir).find((x) => x.fileName === fileName)
  if (!b) throw new DeskError('NOT_FOUND', `备份 ${fileName} 不存在或不完整`, 'fileName')
  return b
}

/** A backup as the administrator sees it before restoring: its date, what it holds, and whether it is whole. */
export async function inspectBackup(ctx: Ctx, fileName: string): Promise<BackupDetail> {
  const b = findBackup(ctx, fileName)
  const manifest = readManifest(b.path)
  if (manifest) {
    const sha = await sha256File(b.path)
    if (sha !== manifest.sha256) throw new DeskError('RULE', `备份 ${fileName} 与备份时的记录不符(文件被改动或不完整),不能用于恢复`, 'fileName')
  }
  let counts
  try {
    counts = await checkCopy(b.path)
  } catch (e) {
    throw new DeskError('RULE', `备份 ${fileName} 未通过完整性检查,不能用于恢复:${(e as Error).message}`, 'fileName')
  }
  const site = await withBackupFile(b.path, async (r) => {
    const hasDesk = await r.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__desk_migrations'")
    const row = hasDesk ? await r.get<{ name: string }>('SELECT name FROM site WHERE deleted_at IS NULL LIMIT 1').catch(() => undefined) : undefined
    return { hasDesk: !!hasDesk, name: row?.name ?? null }
  })
  if (!site.hasDesk) throw new DeskError('RULE', `备份 ${fileName} 不是物业前台的数据库,不能用于恢复`, 'fileName')
  return { fileName: b.fileName, at: b.at, label: b.label, sizeBytes: b.sizeBytes, counts, siteName: site.name, verified: !!manifest }
}

/**
 * Puts the copy where the database was (while it is closed), keeping the previous file aside until
 * the copy has opened; returns how to put the previous file back.
 */
const swapIn = (source: string) => async (dbFile: string) => {
  const incoming = `${dbFile}.restoring`
  const replaced = `${dbFile}.replaced`
  fs.copyFileSync(source, incoming)
  const fd = fs.openSync(incoming, 'r+')
  fs.fsyncSync(fd)
  fs.closeSync(fd)
  const sidecars = ['-wal', '-shm'].filter((s) => fs.existsSync(dbFile + s))
  for (const s of sidecars) fs.renameSync(dbFile + s, replaced + s)
  fs.renameSync(dbFile, replaced)
  fs.renameSync(incoming, dbFile)
  return async () => {
    fs.rmSync(dbFile, { force: true })
    for (const s of ['-wal', '-shm']) fs.rmSync(dbFile + s, { force: true })
    fs.renameSync(replaced, dbFile)
    for (const s of sidecars) fs.renameSync(replaced + s, dbFile + s)
  }
}

/**
 * Restores a backup: the current database is first kept as a backup ("before-restore"), then the
 * core closes it, puts the copy in its place and opens it again (checks and migrations as at start).
 * If the copy does not open, the previous file is put back. Every session ends: the desk reloads
 * to the login page. The audit heads outside the database start a new epoch from the restored
 * chains (backups made after the restored one describe a history that has been left).
 */
export async function restoreBackup(ctx: Ctx, fileName: string) {
  if (!ctx.reopen) throw new DeskError('RULE', '此运行方式不支持从备份恢复')
  const detail = await inspectBackup(ctx, fileName)
  const source = findBackup(ctx, fileName).path
  const stored = ctx.auditHeads?.read()
  // A database without a site (the setup screen's restore) holds nothing to keep.
  const hasSite = !!(await ctx.db.read.get('SELECT 1 FROM site WHERE deleted_at IS NULL'))
  const safety = hasSite ? await backupDb(ctx.db, ctx.backupDir, 'before-restore', { epoch: stored?.epoch ?? null, now: ctx.now() }) : null
  const who = ctx.staff ? `${ctx.staff.name}(${ctx.staff.staffNo}) ` : '在初始化界面'
  const db = await ctx.reopen(swapIn(source)).catch((e: Error) => {
    // Nothing changed: the previous file is back in place and open (app.ts reopen).
    throw new DeskError('RULE', `无法恢复备份 ${fileName}:${e.message.replace(/[。;]$/, '')}。当前数据库未被改动,仍在使用。`, 'fileName')
  })
  // The previous file is kept as the before-restore backup; the moved-aside copy can go.
  for (const s of ['', '-wal', '-shm']) fs.rmSync(`${db.file}.replaced${s}`, { force: true })
  if (ctx.auditHeads) {
    const heads: StoredHeads = { epoch: newEpoch(), heads: {} }
    for (const h of await chainHeads(db.read)) heads.heads[h.terminalId] = { count: h.count, hash: h.hash, at: ctx.now().toISOString() }
    ctx.auditHeads.write(heads)
    ctx.auditHeads.flush?.()
  }
  const after = { ...ctx, db }
  await db.tx((w) =>
    audit(w, after, {
      action: 'backup.restore',
      entity: 'site',
      summary: `${who}从备份 ${fileName} 恢复数据库${safety ? `;恢复前的数据库已备份为 ${path.basename(safety)}` : ''}`,
      changes: { from: fileName, safetyCopy: safety && path.basename(safety), counts: detail.counts },
    }),
  )
  return { restoredFrom: fileName, safetyCopy: safety ? path.basename(safety) : '', at: detail.at }
}
