import { syncApi } from '../../../shared/sync/api'
import type { Ctx } from '../context'
import { DeskError, rule } from '../errors'
import { implement } from '../methods'
import { isSyncNetError } from './net'
import { getSiteRow } from '../site/service'
import { setCustodyDesk } from '../duty/custodyDeskSet'
import type { SyncService } from './service'

function service(ctx: Ctx): SyncService {
  if (!ctx.sync) throw rule('本终端未启用局域网同步功能(缺少终端证书)')
  return ctx.sync
}

/** Errors of the network and the pairing, in Chinese, on the field they concern. */
async function said<T>(fn: () => Promise<T>, field?: string): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    if (e instanceof DeskError) throw e
    if (isSyncNetError(e)) throw rule(e.message, field)
    throw rule(e instanceof Error ? e.message : String(e), field)
  }
}

/** Joining is for a terminal with no site yet (its records would otherwise mix with the site's). */
async function mayJoin(ctx: Ctx) {
  if (await getSiteRow(ctx.db.read)) throw rule('本终端已有项目数据,不能再加入其他项目;如需加入,请在新装的终端上操作')
}

export const syncMethods = implement(syncApi, {
  'sync.status': (_i, ctx) => service(ctx).status(),
  'sync.enable': (i, ctx) => said(() => service(ctx).setEnabled(i.enabled)),
  'sync.pair.start': (_i, ctx) => said(() => service(ctx).pairStart()),
  'sync.pair.pending': async (_i, ctx) => service(ctx).pairPending(),
  'sync.pair.confirm': (i, ctx) => said(() => service(ctx).pairConfirm(i.accept)),
  'sync.join.begin': async (i, ctx) => {
    await mayJoin(ctx)
    return said(() => service(ctx).joinBegin(i.address, i.code, i.name), 'code')
  },
  'sync.join.confirm': async (i, ctx) => {
    await mayJoin(ctx)
    return said(() => service(ctx).joinConfirm(i.accept))
  },
  'sync.join.state': (_i, ctx) => said(() => service(ctx).joinState()),
  'sync.discover': async (_i, ctx) => {
    await mayJoin(ctx)
    return said(() => service(ctx).discover())
  },
  'sync.remove': (i, ctx) => said(() => service(ctx).remove(i.terminalId), 'terminalId'),
  'sync.now': (_i, ctx) => said(() => service(ctx).syncNow()),
  'sync.log': (i, ctx) => service(ctx).logEntries(i?.limit),
  'sync.setCustodyDesk': async (i, ctx) => {
    const svc = service(ctx) // refused before anything is written on a terminal that cannot sync
    await setCustodyDesk(ctx, i.terminalId)
    return svc.status()
  },
  'sync.conflicts': (i, ctx) => service(ctx).conflicts(i?.limit),
})
