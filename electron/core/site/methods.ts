import { siteApi } from '../../../shared/site/api'
import path from 'node:path'
import { audit } from '../audit/service'
import { backupDb, listBackups } from '../db/backup'
import { implement } from '../methods'
import { inspectBackup, restoreBackup } from './restore'
import { conflict } from '../errors'
import { createSite, getSite, getSiteRow, setupStatus, updateSite } from './service'
import { listTerminals, renameTerminal } from './terminals'

export const siteMethods = implement(siteApi, {
  'setup.status': (_i, ctx) => setupStatus(ctx),
  'setup.create': (i, ctx) => createSite(ctx, i),
  'setup.restore': async (i, ctx) => {
    if (await getSiteRow(ctx.db.read)) throw conflict('项目已初始化:请登录后在"项目设置 → 数据备份"中恢复')
    return restoreBackup(ctx, i.fileName)
  },
  'site.get': (_i, ctx) => getSite(ctx),
  'clock.current': async (_i, ctx) => ({ now: ctx.now().toISOString() }),
  'site.update': (i, ctx) => updateSite(ctx, i),
  'site.terminals': (_i, ctx) => listTerminals(ctx),
  'site.renameTerminal': (i, ctx) => renameTerminal(ctx, i.name),
  'backup.list': async (_i, ctx) => listBackups(ctx.backupDir),
  'backup.now': async (_i, ctx) => {
    const file = await backupDb(ctx.db, ctx.backupDir, 'manual', { epoch: ctx.auditHeads?.read()?.epoch ?? null })
    await ctx.db.tx((w) => audit(w, ctx, { action: 'backup.now', entity: 'site', summary: `手动备份数据库:${path.basename(file)}` }))
    return listBackups(ctx.backupDir).find((b) => b.path === file)!
  },
  'backup.inspect': (i, ctx) => inspectBackup(ctx, i.fileName),
  'backup.restore': (i, ctx) => restoreBackup(ctx, i.fileName),
})
