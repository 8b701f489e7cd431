import type { EscalationTarget } from '../../../shared/duty/kinds'
import { ESCALATION_TARGET_LABELS } from '../../../shared/duty/kinds'
import type { LogEntryDetail, LogEntryRow } from '../../../shared/duty/logSchema'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { conflict, DeskError } from '../errors'
import { entryDetail, entryRows, excerpt } from './logRows'
import { appendFollowUp, liveEntry } from './pending'

/** Who may act on an item escalated to `to`: the administrator's items also by the supervisor. */
const canHandle = (ctx: Ctx, to: EscalationTarget) =>
  ctx.staff!.roles.includes('supervisor') || (to === 'admin' && ctx.staff!.roles.includes('admin'))

/** Items escalated to the caller (or to `to`), until someone they reach resolves them. */
export async function escalationQueue(ctx: Ctx, to?: EscalationTarget): Promise<LogEntryRow[]> {
  const targets = (to ? [to] : (['admin', 'supervisor'] as const)).filter((t) => canHandle(ctx, t))
  if (!targets.length) return []
  const rows = await entryRows(ctx.db.read, {
    inner: "(e.status = 'escalated' OR EXISTS (SELECT 1 FROM log_follow_ups f WHERE f.entry_id = e.id AND f.kind = 'escalate'))",
    outer: "x.state = 'escalated' AND x.correctedById IS NULL",
    tail: 'ORDER BY x.at, x.id',
  })
  return rows.filter((r) => targets.includes(r.escalatedTo!))
}

/** Resolves an escalated item with a note; the item is then done. */
export async function resolveEscalation(ctx: Ctx, id: string, note: string): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const e = await liveEntry(w, id)
    if (e.state !== 'escalated') throw conflict('该事项不在上报队列中', 'id')
    if (!canHandle(ctx, e.escalatedTo!)) throw new DeskError('FORBIDDEN', `该事项上报${ESCALATION_TARGET_LABELS[e.escalatedTo!]},需由其处理`, 'id')
    await appendFollowUp(w, ctx, e.id, 'resolve', note)
    await audit(w, ctx, { action: 'escalation.resolve', entity: 'logEntry', entityId: e.id, summary: `处理上报事项「${excerpt(e.content, 12)}」:${excerpt(note, 40)}` })
    return entryDetail(w, id)
  })
}
