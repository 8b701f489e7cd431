import { siteApi } from '../../../shared/site/api'
import path from 'node:path'
import { audit } from '../audit/service'
import { backupDb, listBackups } from '../db/backup'
import { implement } from '../methods'
import { createSite, getSite, setupStatus, updateSite } from './service'

export const siteMethods = implement(siteApi, {
  'setup.status': (_i, ctx) => setupStatus(ctx),
  'setup.create': (i, ctx) => createSite(ctx, i),
  'site.get': (_i, ctx) => getSite(ctx),
  'site.update': (i, ctx) => updateSite(ctx, i),
  'backup.list': async (_i, ctx) => listBackups(ctx.backupDir),
  'backup.now': async (_i, ctx) => {
    const file = await backupDb(ctx.db, ctx.backupDir, 'manual')
    await ctx.db.tx((w) => audit(w, ctx, { action: 'backup.now', entity: 'site', summary: `手动备份数据库:${path.basename(file)}` }))
    return listBackups(ctx.backupDir).find((b) => b.path === file)!
  },
})
