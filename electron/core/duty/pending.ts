import type { EscalationTarget, FollowUpKind } from '../../../shared/duty/kinds'
import { ESCALATION_TARGET_LABELS } from '../../../shared/duty/kinds'
import type { LogEntryDetail, LogEntryRow } from '../../../shared/duty/logSchema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { logFollowUps } from '../db/schema'
import { conflict, rule } from '../errors'
import { newId } from '../ids'
import { openShiftOf } from './dutyShift'
import { linkedRefusal } from './logEntry'
import { entryDetail, entryRow, excerpt, openItems } from './logRows'
import { nowIso } from './settings'

/** Appends a follow-up (who, when, what) to an entry. Follow-ups are never changed or removed. */
export async function appendFollowUp(w: Writer, ctx: Ctx, entryId: string, kind: FollowUpKind, note: string, toRole: EscalationTarget | null = null) {
  const id = newId()
  const shift = await openShiftOf(w, ctx.staff!.id)
  await w.orm.insert(logFollowUps).values({ ...newRowMeta(ctx, id), entryId, at: nowIso(ctx), staffId: ctx.staff!.id, kind, toRole, note, shiftId: shift?.id ?? null })
  return id
}

/** An entry that can still be acted on: not superseded by a correction. */
export async function liveEntry(w: Writer, id: string): Promise<LogEntryRow> {
  const e = await entryRow(w, id)
  if (e.correctedById) throw conflict('该记录已被更正,请在更正后的记录上操作', 'id')
  return e
}

export async function followUp(ctx: Ctx, id: string, note: string): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const e = await liveEntry(w, id)
    await appendFollowUp(w, ctx, e.id, 'note', note)
    await audit(w, ctx, { action: 'log.followUp', entity: 'logEntry', entityId: e.id, summary: `跟进「${excerpt(e.content, 12)}」:${excerpt(note, 40)}` })
    return entryDetail(w, id)
  })
}

/** Closes a pending item (any desk staff, any later shift). An escalated item is resolved by whom it went to. */
export async function closeItem(ctx: Ctx, id: string, note: string): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const e = await liveEntry(w, id)
    if (e.state === 'done') throw conflict('该事项已处理完毕', 'id')
    if (e.sourceKind) throw rule(linkedRefusal(e.sourceKind, '办结'), 'id')
    if (e.state === 'escalated') throw rule(`该事项已上报${ESCALATION_TARGET_LABELS[e.escalatedTo!]},需由其处理`, 'id')
    await appendFollowUp(w, ctx, e.id, 'close', note)
    await audit(w, ctx, { action: 'log.close', entity: 'logEntry', entityId: e.id, summary: `关闭待跟进事项「${excerpt(e.content, 12)}」:${excerpt(note, 40)}` })
    return entryDetail(w, id)
  })
}

/** Escalates an open item: beyond the clerk's authority → 客服管理员; major → 客服主管. */
export async function escalateItem(ctx: Ctx, id: string, to: EscalationTarget, note: string): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const e = await liveEntry(w, id)
    if (e.state === 'done') throw conflict('该事项已处理完毕,不能上报', 'id')
    if (e.state === 'escalated' && e.escalatedTo === to) throw conflict(`该事项已上报${ESCALATION_TARGET_LABELS[to]}`, 'to')
    await appendFollowUp(w, ctx, e.id, 'escalate', note, to)
    await audit(w, ctx, { action: 'log.escalate', entity: 'logEntry', entityId: e.id, summary: `上报${ESCALATION_TARGET_LABELS[to]}「${excerpt(e.content, 12)}」:${excerpt(note, 40)}` })
    return entryDetail(w, id)
  })
}

/** 待跟进事项: every open item across shifts, oldest first. */
export async function pendingItems(ctx: Ctx): Promise<LogEntryRow[]> {
  return openItems(ctx.db.read)
}
