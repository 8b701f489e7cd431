import type { CustodyDesk } from '../../../shared/duty/handoverRules'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { DeskError, rule } from '../errors'

/** 终端与同步 → 设为物品所在终端 (administrator): where the items now sit. Audited. */
export async function setCustodyDesk(ctx: Ctx, terminalId: string): Promise<CustodyDesk> {
  return ctx.db.tx(async (w) => {
    const t = await w.get<CustodyDesk>('SELECT id, name FROM terminals WHERE id = ? AND deleted_at IS NULL AND revoked_at IS NULL', [terminalId])
    if (!t) throw rule('终端不存在或已移除', 'terminalId')
    const siteRow = await w.get<{ id: string }>('SELECT id FROM site LIMIT 1')
    if (!siteRow) throw new DeskError('NOT_FOUND', '项目尚未初始化')
    const at = ctx.now().toISOString()
    await w.run('UPDATE site SET custody_terminal_id = ?, updated_at = ?, terminal_id = ? WHERE id = ?', [t.id, at, ctx.terminalId, siteRow.id])
    await audit(w, ctx, { action: 'site.custodyDesk', entity: 'site', entityId: siteRow.id, summary: `前台物品所在终端改为 ${t.name}` })
    return t
  })
}
