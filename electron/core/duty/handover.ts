import type { ShiftWindow } from '../../../shared/duty/time'
import { and, eq, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  handoverAckInput,
  handoverAskInput,
  handoverCheckInput,
  handoverCountInput,
  handoverExplainInput,
  handoverIncomingInput,
  HandoverView,
} from '../../../shared/duty/handoverSchema'
import { DUTY_ROLES } from '../../../shared/duty/kinds'
import type { ChecklistItem } from '../../../shared/site/schema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { handoverAcks, handoverChecks, handoverCounts, handoverQuestions, handovers, staff } from '../db/schema'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { openShift } from './dutyShift'
import { buildView, type CustodySnapshot } from './handoverView'
import { excerpt, openItems } from './logRows'
import { confirmByPin, confirmOverride, rolesOf } from './pinCheck'
import { patternWindowNear, rosteredSlotAt } from './rosterSlots'
import { dutySettings, nowIso, touched } from './settings'

export type HandoverRecord = typeof handovers.$inferSelect

export async function handoverRecord(r: Reader, id: string): Promise<HandoverRecord> {
  const h = await r.orm.select().from(handovers).where(eq(handovers.id, id)).get()
  if (!h || h.deletedAt) throw notFound('交接班记录')
  return h
}

/** A handover that may still change: not signed; the caller is one of its two clerks. */
async function draftOf(r: Reader, ctx: Ctx, id: string): Promise<HandoverRecord> {
  const h = await handoverRecord(r, id)
  if (h.status !== 'draft') throw conflict('该交接班已签字,签字后不能修改', 'id')
  const me = ctx.staff!.id
  if (me !== h.outgoingStaffId && me !== h.incomingStaffId) throw new DeskError('FORBIDDEN', '只有本次交接的交班人或接班人可以操作', 'id')
  return h
}

function requireIncoming(h: HandoverRecord): string {
  if (!h.incomingStaffId) throw rule('请先由接班人输入工号和PIN确认身份', 'incoming')
  return h.incomingStaffId
}

/** Expected figures: fixed items from the site settings; 'carry' items from what the last handover counted. */
async function custodySnapshot(r: Reader, items: Awaited<ReturnType<typeof dutySettings>>['custodyItems']): Promise<CustodySnapshot[]> {
  const out: CustodySnapshot[] = []
  for (const it of items) {
    let expected = it.expected
    if (it.carry) {
      const last = await r.get<{ n: number | null }>(
        `SELECT coalesce(c.incoming_count, c.outgoing_count) AS n FROM handover_counts c JOIN handovers h ON h.id = c.handover_id
          WHERE h.status = 'signed' AND c.item_code = ? ORDER BY h.seq DESC LIMIT 1`,
        [it.code],
      )
      if (last?.n != null) expected = last.n
    }
    out.push({ code: it.code, name: it.name, unit: it.unit, expected, carry: !!it.carry })
  }
  return out
}

/** The outgoing clerk starts the handover of the open shift; a draft already started is resumed. */
export async function startHandover(ctx: Ctx): Promise<HandoverView> {
  const settings = await dutySettings(ctx.db.read)
  const me = ctx.staff!
  const id = await ctx.db.tx(async (w) => {
    const shift = await openShift(w)
    if (!shift) throw rule('当前没有值班班次,无需交接', 'shift')
    if (shift.staffId !== me.id) throw rule(`当前值班人是 ${shift.staffName},只有当班值班员可以发起交班`, 'shift')
    const cur = await w.orm.select().from(handovers).where(and(eq(handovers.outgoingShiftId, shift.id), isNull(handovers.deletedAt))).get()
    if (cur) return cur.id
    const id = newId()
    const checklist: ChecklistItem[] = settings.checklist
    await w.orm.insert(handovers).values({
      ...newRowMeta(ctx, id),
      outgoingShiftId: shift.id,
      outgoingStaffId: me.id,
      status: 'draft',
      startedAt: nowIso(ctx),
      checklist: JSON.stringify(checklist),
      custody: JSON.stringify(await custodySnapshot(w, settings.custodyItems)),
    })
    await audit(w, ctx, { action: 'handover.start', entity: 'handover', entityId: id, summary: `${me.name} 发起交班:${shift.date} ${shift.shiftName}` })
    return id
  })
  return buildView(ctx.db.read, id)
}

/**
 * The incoming clerk confirms who they are on the handover screen (staff number + PIN). They must be
 * rostered for the shift now running or about to start, or a supervisor authorises with their own
 * staff number + PIN and a reason. Steps done by an earlier incoming clerk no longer count.
 */
export async function setIncoming(ctx: Ctx, input: z.output<typeof handoverIncomingInput>): Promise<HandoverView> {
  const r = ctx.db.read
  const settings = await dutySettings(r)
  const pre = await draftOf(r, ctx, input.id)
  const same = await r.orm.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, input.staffNo)).get()
  if (same?.id === pre.outgoingStaffId) throw rule('接班人不能与交班人为同一人,请由接班人输入自己的工号和PIN', 'staffNo')
  const inc = await confirmByPin(ctx, { staffNo: input.staffNo }, input.pin, 'pin', '接班人')
  if (!rolesOf(inc).some((x) => DUTY_ROLES.includes(x))) throw rule(`${inc.name} 不是前台值班人员,不能接班`, 'staffNo')
  const now = ctx.now()
  const slot = await rosteredSlotAt(r, settings, inc.id, now)
  let window: ShiftWindow | null = slot?.window ?? null
  let sup = null
  if (!slot) {
    if (!input.override) throw rule(`${inc.name} 未排在下一班次,不能接班;如需接班,须客服主管授权(主管工号+PIN,并说明原因)`, 'override')
    sup = await confirmOverride(ctx, input.override, inc.id)
    window = patternWindowNear(settings, now, input.shiftCode)
    if (!window) throw rule(`班次 ${input.shiftCode} 不存在`, 'shiftCode')
  }
  await ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    await w.orm
      .update(handovers)
      .set({
        incomingStaffId: inc.id,
        incomingAt: nowIso(ctx),
        incomingDate: window!.date,
        incomingShiftCode: window!.code,
        incomingShiftName: window!.name,
        incomingStartsAt: window!.startsAt,
        incomingEndsAt: window!.endsAt,
        rostered: !!slot,
        overrideBy: sup?.id ?? null,
        overrideReason: sup ? input.override!.reason : null,
        ...touched(ctx),
      })
      .where(eq(handovers.id, h.id))
    const how = sup ? `(未排班,客服主管 ${sup.name} 授权:${input.override!.reason})` : ''
    await audit(w, ctx, { action: 'handover.incoming', entity: 'handover', entityId: h.id, summary: `接班人 ${inc.name} 确认身份,接 ${window!.date} ${window!.name}${how}` }, ctx.staff!.id)
  })
  return buildView(r, input.id)
}

async function openItemOf(w: Writer, entryId: string) {
  const item = (await openItems(w)).find((e) => e.id === entryId)
  if (!item) throw rule('该事项不是未关闭的待跟进事项', 'entryId')
  return item
}

/** The incoming clerk acknowledges one open pending item (saved at once; asking again is harmless). */
export async function ackItem(ctx: Ctx, input: z.output<typeof handoverAckInput>): Promise<HandoverView> {
  await ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const inc = requireIncoming(h)
    const item = await openItemOf(w, input.entryId)
    const done = await w.get('SELECT id FROM handover_acks WHERE handover_id = ? AND entry_id = ? AND staff_id = ?', [h.id, item.id, inc])
    if (done) return
    const id = newId()
    await w.orm.insert(handoverAcks).values({ ...newRowMeta(ctx, id), handoverId: h.id, entryId: item.id, staffId: inc, at: nowIso(ctx), note: input.note ?? null })
    await audit(w, ctx, { action: 'handover.ack', entity: 'handover', entityId: h.id, summary: `接班人确认待跟进事项「${excerpt(item.content, 16)}」` })
  })
  return buildView(ctx.db.read, input.id)
}

/** The incoming clerk asks about a pending item; the question (and the answer given) is recorded. */
export async function askItem(ctx: Ctx, input: z.output<typeof handoverAskInput>): Promise<HandoverView> {
  await ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const inc = requireIncoming(h)
    const item = await openItemOf(w, input.entryId)
    const id = newId()
    await w.orm.insert(handoverQuestions).values({ ...newRowMeta(ctx, id), handoverId: h.id, entryId: item.id, askedBy: inc, at: nowIso(ctx), question: input.question, answer: input.answer ?? null })
    await audit(w, ctx, { action: 'handover.ask', entity: 'handover', entityId: h.id, summary: `接班人询问「${excerpt(item.content, 16)}」:${excerpt(input.question, 40)}` })
  })
  return buildView(ctx.db.read, input.id)
}

/** One environment checklist line, ticked by the incoming clerk; "not OK" needs a note. */
export async function checkItem(ctx: Ctx, input: z.output<typeof handoverCheckInput>): Promise<HandoverView> {
  await ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const inc = requireIncoming(h)
    const line = (JSON.parse(h.checklist) as ChecklistItem[]).find((c) => c.code === input.itemCode)
    if (!line) throw rule('检查项不存在', 'itemCode')
    if (!input.ok && !input.note) throw rule(`「${line.name}」不符合标准,请写明情况`, 'note')
    const values = { ok: input.ok, note: input.note ?? null, checkedBy: inc, at: nowIso(ctx) }
    const cur = await w.orm.select().from(handoverChecks).where(and(eq(handoverChecks.handoverId, h.id), eq(handoverChecks.itemCode, line.code))).get()
    if (cur) await w.orm.update(handoverChecks).set({ ...values, ...touched(ctx) }).where(eq(handoverChecks.id, cur.id))
    else await w.orm.insert(handoverChecks).values({ ...newRowMeta(ctx, newId()), handoverId: h.id, itemCode: line.code, ...values })
    await audit(w, ctx, { action: 'handover.check', entity: 'handover', entityId: h.id, summary: `环境检查「${line.name}」:${input.ok ? '符合' : `不符合(${input.note})`}` })
  })
  return buildView(ctx.db.read, input.id)
}

async function countRow(w: Writer, ctx: Ctx, h: HandoverRecord, code: string) {
  const item = (JSON.parse(h.custody) as CustodySnapshot[]).find((c) => c.code === code)
  if (!item) throw rule('交接物品不存在', 'itemCode')
  let cur = await w.orm.select().from(handoverCounts).where(and(eq(handoverCounts.handoverId, h.id), eq(handoverCounts.itemCode, code))).get()
  if (!cur) {
    const row = { ...newRowMeta(ctx, newId()), handoverId: h.id, itemCode: code, outgoingCount: null, outgoingAt: null, incomingCount: null, incomingBy: null, incomingAt: null, explanation: null, explainedBy: null }
    await w.orm.insert(handoverCounts).values(row)
    cur = row
  }
  return { item, cur }
}

const shown = (n: number | null, unit: 'count' | 'fen') => (n == null ? '空' : unit === 'fen' ? `${(n / 100).toFixed(2)} 元` : String(n))

/** One side's counted figure of one custody item (money in fen), saved as it is typed. */
export async function countItem(ctx: Ctx, input: z.output<typeof handoverCountInput>): Promise<HandoverView> {
  await ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const inc = input.side === 'incoming' ? requireIncoming(h) : null
    const { item, cur } = await countRow(w, ctx, h, input.itemCode)
    const at = input.count == null ? null : nowIso(ctx)
    const set =
      input.side === 'outgoing' ? { outgoingCount: input.count, outgoingAt: at } : { incomingCount: input.count, incomingBy: input.count == null ? null : inc, incomingAt: at }
    await w.orm.update(handoverCounts).set({ ...set, ...touched(ctx) }).where(eq(handoverCounts.id, cur.id))
    await audit(w, ctx, { action: 'handover.count', entity: 'handover', entityId: h.id, summary: `清点「${item.name}」(${input.side === 'outgoing' ? '交班' : '接班'}):${shown(input.count, item.unit)}` })
  })
  return buildView(ctx.db.read, input.id)
}

/** The written explanation of a count difference (escalated to the supervisor when signed). */
export async function explainItem(ctx: Ctx, input: z.output<typeof handoverExplainInput>): Promise<HandoverView> {
  await ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const { item, cur } = await countRow(w, ctx, h, input.itemCode)
    await w.orm.update(handoverCounts).set({ explanation: input.explanation, explainedBy: ctx.staff!.id, ...touched(ctx) }).where(eq(handoverCounts.id, cur.id))
    await audit(w, ctx, { action: 'handover.explain', entity: 'handover', entityId: h.id, summary: `「${item.name}」差异说明:${excerpt(input.explanation, 40)}` })
  })
  return buildView(ctx.db.read, input.id)
}
