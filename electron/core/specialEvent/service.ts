import type { z } from 'zod'
import { SPECIAL_EVENT_READER_LABELS, type SpecialEventReader, type SpecialEventRow, type specialEventReadInput, type specialEventReportInput } from '../../../shared/specialEvent/schema'
import { localDateTime } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry, linkedFollowUp } from '../duty/linkedEntry'
import { notFound, rule } from '../errors'
import { newId } from '../ids'
import { unitOf } from '../permit/applicant'
import { siteZone, stampToIso } from '../reception/siteZone'
import { specialEventRow } from './read'

/**
 * 特殊事件报告: filed once (a fact, never edited), it stands in the duty log as an incident entry
 * (source 'specialEvent') and waits in two queues — 客服主管 and 主任 — until someone of each role has
 * read it (a read, with an optional 批示, is a fact); when both have, the log entry closes.
 *
 * Several terminals (issue H): serials TS-YYYY-NNNN from the terminal's own series; "read once per role"
 * is checked in the write transaction on one database — two reads of the same role made offline on two
 * terminals are both kept after a merge (both facts), and the queue already counts the report as read.
 */
export async function report(ctx: Ctx, i: z.output<typeof specialEventReportInput>): Promise<SpecialEventRow> {
  return ctx.db.tx(async (w) => {
    const tz = await siteZone(w)
    const unit = i.unitId ? await unitOf(w, i.unitId) : null
    const occurredAt = stampToIso(i.occurredAt, tz)
    if (Date.parse(occurredAt) > ctx.now().getTime()) throw rule('发生时间不能晚于现在', 'occurredAt')
    const m = newRowMeta(ctx, newId())
    const serial = await takeSeriesSerial(w, 'specialEvent', 'SJ', Number(localDateTime(m.createdAt, tz).slice(0, 4)), m.createdAt)
    await w.run(
      `INSERT INTO special_events (id, created_at, updated_at, terminal_id, deleted_at, serial, title, place, unit_id, occurred_at, what_happened, told_whom, actions, staff_id)
       VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,?)`,
      [m.id, m.createdAt, m.updatedAt, m.terminalId, serial, i.title, i.place, unit?.id ?? null, occurredAt, i.whatHappened, i.toldWhom, i.actions, ctx.staff!.id],
    )
    await addLinkedEntry(w, ctx, 'specialEvent', m.id, {
      kind: 'incident',
      unitId: unit?.id ?? null,
      content: `特殊事件报告 ${serial}:${i.title}(${i.occurredAt},${i.place})${i.whatHappened}`,
      action: i.actions,
      passedTo: `已通知:${i.toldWhom};报客服主管、主任`,
      status: 'pending',
    })
    await audit(w, ctx, { action: 'specialEvent.report', entity: 'special_event', entityId: m.id, summary: `特殊事件报告 ${serial}:${i.title},${i.place},${i.occurredAt}` })
    return (await specialEventRow(w, m.id))!
  })
}

export async function markRead(ctx: Ctx, i: z.output<typeof specialEventReadInput>): Promise<SpecialEventRow> {
  return ctx.db.tx(async (w) => {
    const e = await specialEventRow(w, i.id)
    if (!e) throw notFound('特殊事件报告')
    // A person holding both roles reads for the supervisor's queue first, then the director's.
    const roles = ctx.staff!.roles.filter((r): r is SpecialEventReader => r === 'supervisor' || r === 'director')
    const role = roles.find((r) => e.waitingFor.includes(r))
    if (!role) throw rule(`特殊事件报告 ${e.serial} 已由${roles.map((r) => SPECIAL_EVENT_READER_LABELS[r]).join('、')}阅示`, 'id')
    const m = newRowMeta(ctx, newId())
    await w.run('INSERT INTO special_event_reads (id, created_at, updated_at, terminal_id, deleted_at, event_id, role, remark, staff_id) VALUES (?,?,?,?,NULL,?,?,?,?)', [
      m.id, m.createdAt, m.updatedAt, m.terminalId, e.id, role, i.remark ?? null, ctx.staff!.id,
    ])
    const note = `${SPECIAL_EVENT_READER_LABELS[role]} ${ctx.staff!.name} 已阅${i.remark ? `,批示:${i.remark}` : ''}`
    const last = e.waitingFor.length === 1
    await linkedFollowUp(w, ctx, 'specialEvent', e.id, last ? 'close' : 'note', note)
    await audit(w, ctx, { action: 'specialEvent.read', entity: 'special_event', entityId: e.id, summary: `特殊事件报告 ${e.serial} ${note}` })
    return (await specialEventRow(w, e.id))!
  })
}
