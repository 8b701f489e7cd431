import type { CardExport, CardHistoryEntry } from '../../../shared/cards/schema'
import { CARD_STATUS_LABELS } from '../../../shared/cards/schema'
import { localDateTime } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import { newId } from '../ids'
import { getSiteRow } from '../site/service'
import { cardRows } from './read'

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

/**
 * 门禁黑名单 for the gate controller's own import: card number, kind, unit, status, since — every card,
 * or the cards whose status changed since the last export (remembered in card_exports). UTF-8 with a
 * BOM (the security company's tools open it in Excel). Under LAN sync "since" compares UTC times of
 * facts from several terminals; a fact merged late with an older time would be missed by "changes" —
 * the supervisor exports "all" after a merge.
 */
export async function exportBlockList(ctx: Ctx, scope: 'all' | 'changes'): Promise<CardExport> {
  return ctx.db.tx(async (w) => {
    const tz = (await getSiteRow(w))?.timeZone ?? 'Asia/Shanghai'
    const last = await w.get<{ at: string }>('SELECT created_at AS at FROM card_exports ORDER BY created_at DESC, id DESC LIMIT 1')
    const since = scope === 'changes' ? (last?.at ?? null) : null
    const rows = (await cardRows(w, '1=1', [], -1, false)).filter((c) => since === null || c.since > since).reverse()
    // One formatter for the whole list (a dayjs time-zone conversion per row costs ~0.1 ms: 2 s for 20,000 cards).
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    const lines = ['卡号,卡类,房号,状态,起始时间', ...rows.map((c) => [c.cardNo, c.kindName, c.unitLabel, CARD_STATUS_LABELS[c.status], fmt.format(new Date(c.since))].map(csvCell).join(','))]
    const m = newRowMeta(ctx, newId())
    await w.run('INSERT INTO card_exports (id, created_at, updated_at, terminal_id, deleted_at, scope, since, count, staff_id) VALUES (?,?,?,?,NULL,?,?,?,?)', [
      m.id, m.createdAt, m.updatedAt, m.terminalId, scope, since, rows.length, ctx.staff!.id,
    ])
    await audit(w, ctx, { action: 'card.export', entity: 'card', summary: `导出门禁名单(${scope === 'all' ? '全部' : '上次导出以来的变动'})${rows.length} 张` })
    const stamp = localDateTime(m.createdAt, tz).replace(/[-: ]/g, '').slice(0, 12)
    return { fileName: `门禁名单-${stamp}.csv`, csv: `\uFEFF${lines.join('\r\n')}\r\n`, count: rows.length, since }
  })
}

/** What happened to cards, newest first: per card (its chain), per unit or per holder. */
export async function cardHistory(ctx: Ctx, i: { cardId?: string; unitId?: string; residentId?: string }): Promise<CardHistoryEntry[]> {
  const r = ctx.db.read
  const where = i.cardId ? 'c.id = ?' : i.unitId ? 'c.unit_id = ?' : 'c.holder_resident_id = ?'
  const param = i.cardId ?? i.unitId ?? i.residentId
  return r.all<CardHistoryEntry>(
    `SELECT * FROM (
       SELECT c.id AS cardId, c.card_no AS cardNo, c.created_at AS at, s.name AS staffName,
              CASE WHEN c.replaces_card_id IS NULL THEN '发卡给 ' || c.holder_name || ',押金 ' || printf('%.2f', c.deposit_fen / 100.0) || ' 元'
                   ELSE '补卡(原卡 ' || (SELECT card_no FROM cards o WHERE o.id = c.replaces_card_id) || '),补卡费 ' || printf('%.2f', c.fee_fen / 100.0) || ' 元' END AS what
         FROM cards c JOIN staff s ON s.id = c.staff_id WHERE ${where}
       UNION ALL
       SELECT c.id, c.card_no, e.created_at, s.name,
              CASE e.event WHEN 'lost' THEN '挂失(' || COALESCE(e.who, '') || '),已停用' ELSE '退卡' ||
                COALESCE(',退押金 ' || (SELECT printf('%.2f', amount_fen / 100.0) FROM card_ledger l WHERE l.card_id = c.id AND l.kind = 'refund') || ' 元', '') END
         FROM card_events e JOIN cards c ON c.id = e.card_id JOIN staff s ON s.id = e.staff_id WHERE ${where}
     ) ORDER BY at DESC`,
    [param, param],
  )
}
