import type { ShiftWindow } from '../../../shared/duty/shiftWindow'
import { and, eq, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  handoverAckInput,
  handoverKeyAckInput,
  handoverAskInput,
  handoverCheckInput,
  handoverCountInput,
  handoverExplainInput,
  handoverIncomingInput,
  handoverStartInput,
  HandoverView,
} from '../../../shared/duty/handoverSchema'
import { custodyDeskRefusal, HANDOVER_KIND_LABELS, handoverStartRefusal, itemsToHandOver, overdueKeyLabel, stepOf, type HandoverKind, type HandoverStatus } from '../../../shared/duty/handoverRules'
import { DUTY_ROLES } from '../../../shared/duty/kinds'
import type { ChecklistItem } from '../../../shared/site/schema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { handoverAcks, handoverChecks, handoverCounts, handoverKeyAcks, handoverQuestions, handovers, staff } from '../db/schema'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { onDutyOf, openShiftOf, openShifts } from './dutyShift'
import { custodyDesk } from './custodyDesk'
import { custodyFromRecords, supersededByRecords } from './custodyFromRecords'
import { overdueKeysOf } from './handoverKeys'
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

const stepOfRecord = (h: HandoverRecord) => stepOf(h.kind as HandoverKind, h.status as HandoverStatus)

/**
 * A handover that may still change, and the caller one of its clerks: the outgoing clerk or the
 * incoming one. A closing waiting for the morning is open to any desk clerk until one identifies.
 */
async function draftOf(r: Reader, ctx: Ctx, id: string): Promise<HandoverRecord> {
  const h = await handoverRecord(r, id)
  if (h.status === 'signed') throw conflict('该交接班已签字,签字后不能修改', 'id')
  const me = ctx.staff!.id
  const awaiting = h.status === 'closed'
  if (awaiting ? h.incomingStaffId && me !== h.incomingStaffId : me !== h.outgoingStaffId && me !== h.incomingStaffId) {
    throw new DeskError('FORBIDDEN', awaiting ? '该闭店交接已由其他值班员接收' : '只有本次交接的交班人或接班人可以操作', 'id')
  }
  return h
}

function requireIncoming(h: HandoverRecord): string {
  if (!h.incomingStaffId) throw rule('请先由接班人输入工号和PIN确认身份', 'incoming')
  return h.incomingStaffId
}

/**
 * Expected figures: fixed items from the site settings; 'carry' items from what the last handover
 * counted; then the lines computed from the records (custodyFromRecords.ts), with a hand-counted
 * line they replace left out (supersededByRecords says which and why).
 */
async function custodySnapshot(r: Reader, items: Awaited<ReturnType<typeof dutySettings>>['custodyItems']): Promise<CustodySnapshot[]> {
  const computed = await custodyFromRecords(r)
  const out: CustodySnapshot[] = []
  for (const it of items) {
    if (supersededByRecords(it, computed)) continue
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
  return [...out, ...computed]
}

/**
 * The outgoing clerk starts the handover of their own shift; a draft already started is resumed.
 * kind 'shift' hands over to a clerk on duty or arriving; 'dayClose' closes the desk (the last
 * clerk of the day, holding custody). The desk checklist and the counts come only with custody.
 * Asking for the other kind replaces an unsigned draft (the steps done stay in the audit trail).
 */
export async function startHandover(ctx: Ctx, input: z.output<typeof handoverStartInput>): Promise<HandoverView> {
  const settings = await dutySettings(ctx.db.read)
  const me = ctx.staff!
  const kind: HandoverKind = input?.kind ?? 'shift'
  return ctx.db.tx(async (w) => {
    const onDuty = onDutyOf(await openShifts(w))
    const refusal = handoverStartRefusal(kind, me, onDuty)
    if (refusal) throw new DeskError(refusal.code, refusal.message, refusal.field)
    const shift = (await openShiftOf(w, me.id))!
    const away = custodyDeskRefusal(shift.custody, ctx.terminalId, await custodyDesk(w))
    if (away) throw new DeskError(away.code, away.message, away.field)
    const cur = await w.orm.select().from(handovers).where(and(eq(handovers.outgoingShiftId, shift.id), isNull(handovers.deletedAt))).get()
    if (cur && cur.kind === kind) return buildView(w, cur.id, ctx.now())
    if (cur) {
      await w.orm.update(handovers).set({ deletedAt: nowIso(ctx), ...touched(ctx) }).where(eq(handovers.id, cur.id))
      await audit(w, ctx, { action: 'handover.replace', entity: 'handover', entityId: cur.id, summary: `${me.name} 将未签字的${HANDOVER_KIND_LABELS[cur.kind as HandoverKind]}改为${HANDOVER_KIND_LABELS[kind]}` })
    }
    const id = newId()
    const checklist: ChecklistItem[] = shift.custody ? settings.checklist : []
    await w.orm.insert(handovers).values({
      ...newRowMeta(ctx, id),
      outgoingShiftId: shift.id,
      outgoingStaffId: me.id,
      status: 'draft',
      kind,
      withCustody: shift.custody,
      startedAt: nowIso(ctx),
      checklist: JSON.stringify(checklist),
      custody: JSON.stringify(shift.custody ? await custodySnapshot(w, settings.custodyItems) : []),
    })
    const what = kind === 'dayClose' ? '闭店交接' : `交班${shift.custody ? '(含前台物品保管)' : ''}`
    await audit(w, ctx, { action: 'handover.start', entity: 'handover', entityId: id, summary: `${me.name} 发起${what}:${shift.date} ${shift.shiftName}` })
    return buildView(w, id, ctx.now())
  })
}

/**
 * The incoming clerk confirms who they are on the handover screen (staff number + PIN). A clerk
 * already on duty receives into their own shift; one arriving must be rostered for the shift now
 * running or about to start, or a supervisor authorises with their own staff number + PIN and a
 * reason. A closing takes its incoming clerk only once signed (the next morning). Steps done by an
 * earlier incoming clerk no longer count.
 */
export async function setIncoming(ctx: Ctx, input: z.output<typeof handoverIncomingInput>): Promise<HandoverView> {
  const r = ctx.db.read
  const settings = await dutySettings(r)
  const pre = await draftOf(r, ctx, input.id)
  if (stepOfRecord(pre) === 'close') throw rule('闭店交接由次日第一位值班员接收:闭店时只需闭店人清点、检查并签名', 'incoming')
  const same = await r.orm.select({ id: staff.id }).from(staff).where(eq(staff.staffNo, input.staffNo)).get()
  if (same?.id === pre.outgoingStaffId) throw rule('接班人不能与交班人为同一人,请由接班人输入自己的工号和PIN', 'staffNo')
  const inc = await confirmByPin(ctx, { staffNo: input.staffNo }, input.pin, 'pin', '接班人')
  if (!rolesOf(inc).some((x) => DUTY_ROLES.includes(x))) throw rule(`${inc.name} 不是前台值班人员,不能接班`, 'staffNo')
  const now = ctx.now()
  const onDuty = await openShiftOf(r, inc.id)
  const slot = onDuty ? null : await rosteredSlotAt(r, settings, inc.id, now)
  let window: ShiftWindow | null = onDuty ? { date: onDuty.date, code: onDuty.shiftCode, name: onDuty.shiftName, startsAt: onDuty.startsAt, endsAt: onDuty.endsAt } : (slot?.window ?? null)
  let sup = null
  if (!window) {
    if (!input.override) throw rule(`${inc.name} 未排在下一班次,不能接班;如需接班,须客服主管授权(主管工号+PIN,并说明原因)`, 'override')
    sup = await confirmOverride(ctx, input.override, inc.id)
    window = patternWindowNear(settings, now, input.shiftCode)
    if (!window) throw rule(`班次 ${input.shiftCode} 不存在`, 'shiftCode')
  }
  return ctx.db.tx(async (w) => {
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
        rostered: onDuty ? onDuty.rostered : !!slot,
        overrideBy: onDuty ? null : (sup?.id ?? null),
        overrideReason: sup ? input.override!.reason : null,
        ...touched(ctx),
      })
      .where(eq(handovers.id, h.id))
    const how = onDuty ? '(在岗)' : sup ? `(未排班,客服主管 ${sup.name} 授权:${input.override!.reason})` : ''
    await audit(w, ctx, { action: 'handover.incoming', entity: 'handover', entityId: h.id, summary: `接班人 ${inc.name} 确认身份,接 ${window!.date} ${window!.name}${how}` }, ctx.staff!.id)
    return buildView(w, h.id, ctx.now())
  })
}

/** One of the open items this handover passes on. */
async function openItemOf(w: Writer, h: HandoverRecord, entryId: string) {
  const items = itemsToHandOver(await openItems(w), h.outgoingStaffId, h.withCustody, onDutyOf(await openShifts(w)))
  const item = items.find((e) => e.id === entryId)
  if (!item) throw rule('该事项不是未关闭的待跟进事项,或不由交班人移交', 'entryId')
  return item
}

/** The incoming clerk acknowledges one open pending item (saved at once; asking again is harmless). */
export async function ackItem(ctx: Ctx, input: z.output<typeof handoverAckInput>): Promise<HandoverView> {
  return ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const inc = requireIncoming(h)
    const item = await openItemOf(w, h, input.entryId)
    const done = await w.get('SELECT id FROM handover_acks WHERE handover_id = ? AND entry_id = ? AND staff_id = ?', [h.id, item.id, inc])
    if (done) return buildView(w, h.id, ctx.now())
    const id = newId()
    await w.orm.insert(handoverAcks).values({ ...newRowMeta(ctx, id), handoverId: h.id, entryId: item.id, staffId: inc, at: nowIso(ctx), note: input.note ?? null })
    await audit(w, ctx, { action: 'handover.ack', entity: 'handover', entityId: h.id, summary: `接班人确认待跟进事项「${excerpt(item.content, 16)}」` })
    return buildView(w, h.id, ctx.now())
  })
}

/**
 * The incoming clerk acknowledges one key loan overdue at this custody handover (saved at once, an
 * append-only fact; asking again is harmless). At a closing the morning's accepting clerk does it.
 */
export async function ackKey(ctx: Ctx, input: z.output<typeof handoverKeyAckInput>): Promise<HandoverView> {
  return ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    if (stepOfRecord(h) === 'close') throw rule('逾期未还钥匙由次日接收闭店交接的值班员逐把确认', 'loanId')
    const inc = requireIncoming(h)
    const key = (await overdueKeysOf(w, h, ctx.now())).find((k) => k.loanId === input.loanId)
    if (!key) throw rule(h.withCustody ? '该钥匙借用记录不是逾期未还的钥匙' : '交班人未保管前台物品,本次交接没有逾期钥匙需要确认', 'loanId')
    if (key.ack) return buildView(w, h.id, ctx.now())
    await w.orm.insert(handoverKeyAcks).values({ ...newRowMeta(ctx, newId()), handoverId: h.id, loanId: key.loanId, staffId: inc, at: nowIso(ctx), note: input.note ?? null })
    await audit(w, ctx, { action: 'handover.ackKey', entity: 'handover', entityId: h.id, summary: `接班人确认逾期未还钥匙「${overdueKeyLabel(key)}」${input.note ? `:${input.note}` : ''}` })
    return buildView(w, h.id, ctx.now())
  })
}

/** The incoming clerk asks about a pending item; the question (and the answer given) is recorded. */
export async function askItem(ctx: Ctx, input: z.output<typeof handoverAskInput>): Promise<HandoverView> {
  return ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const inc = requireIncoming(h)
    const item = await openItemOf(w, h, input.entryId)
    const id = newId()
    await w.orm.insert(handoverQuestions).values({ ...newRowMeta(ctx, id), handoverId: h.id, entryId: item.id, askedBy: inc, at: nowIso(ctx), question: input.question, answer: input.answer ?? null })
    await audit(w, ctx, { action: 'handover.ask', entity: 'handover', entityId: h.id, summary: `接班人询问「${excerpt(item.content, 16)}」:${excerpt(input.question, 40)}` })
    return buildView(w, h.id, ctx.now())
  })
}

/**
 * One environment checklist line, ticked by the incoming clerk — at a closing by the closer (the
 * morning accepts the closing's check as signed); "not OK" needs a note.
 */
export async function checkItem(ctx: Ctx, input: z.output<typeof handoverCheckInput>): Promise<HandoverView> {
  return ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const step = stepOfRecord(h)
    if (step === 'accept') throw rule('闭店时的环境检查已签字,不能修改;发现问题请记入值班记录', 'itemCode')
    if (step === 'close' && ctx.staff!.id !== h.outgoingStaffId) throw new DeskError('FORBIDDEN', '闭店检查由闭店人完成', 'id')
    const inc = step === 'close' ? h.outgoingStaffId : requireIncoming(h)
    const line = (JSON.parse(h.checklist) as ChecklistItem[]).find((c) => c.code === input.itemCode)
    if (!line) throw rule('检查项不存在', 'itemCode')
    if (!input.ok && !input.note) throw rule(`「${line.name}」不符合标准,请写明情况`, 'note')
    const values = { ok: input.ok, note: input.note ?? null, checkedBy: inc, at: nowIso(ctx) }
    const cur = await w.orm.select().from(handoverChecks).where(and(eq(handoverChecks.handoverId, h.id), eq(handoverChecks.itemCode, line.code))).get()
    if (cur) await w.orm.update(handoverChecks).set({ ...values, ...touched(ctx) }).where(eq(handoverChecks.id, cur.id))
    else await w.orm.insert(handoverChecks).values({ ...newRowMeta(ctx, newId()), handoverId: h.id, itemCode: line.code, ...values })
    await audit(w, ctx, { action: 'handover.check', entity: 'handover', entityId: h.id, summary: `环境检查「${line.name}」:${input.ok ? '符合' : `不符合(${input.note})`}` })
    return buildView(w, h.id, ctx.now())
  })
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
  return ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const step = stepOfRecord(h)
    if (input.side === 'outgoing' && step === 'accept') throw rule('闭店清点已签字,不能修改;接班人请填写接班清点', 'side')
    if (input.side === 'incoming' && step === 'close') throw rule('闭店时无需接班清点:由次日第一位值班员接收时清点', 'side')
    const inc = input.side === 'incoming' ? requireIncoming(h) : null
    const { item, cur } = await countRow(w, ctx, h, input.itemCode)
    const at = input.count == null ? null : nowIso(ctx)
    const set =
      input.side === 'outgoing' ? { outgoingCount: input.count, outgoingAt: at } : { incomingCount: input.count, incomingBy: input.count == null ? null : inc, incomingAt: at }
    await w.orm.update(handoverCounts).set({ ...set, ...touched(ctx) }).where(eq(handoverCounts.id, cur.id))
    await audit(w, ctx, { action: 'handover.count', entity: 'handover', entityId: h.id, summary: `清点「${item.name}」(${input.side === 'outgoing' ? '交班' : '接班'}):${shown(input.count, item.unit)}` })
    return buildView(w, h.id, ctx.now())
  })
}

const MORNING = ';接班说明:'

/** What the closer wrote about a count (kept when the morning's clerk adds their own). */
function closerPart(cur: { explanation: string | null; explainedBy: string | null }, closerId: string): string | null {
  if (!cur.explanation) return null
  if (cur.explainedBy === closerId) return cur.explanation
  const i = cur.explanation.indexOf(MORNING)
  return i >= 0 ? cur.explanation.slice(0, i) : null
}

/**
 * The written explanation of a count difference (escalated to the supervisor when signed). At the
 * morning's acceptance the incoming clerk's explanation is added after the closer's, never over it.
 */
export async function explainItem(ctx: Ctx, input: z.output<typeof handoverExplainInput>): Promise<HandoverView> {
  return ctx.db.tx(async (w) => {
    const h = await draftOf(w, ctx, input.id)
    const { item, cur } = await countRow(w, ctx, h, input.itemCode)
    const accept = stepOfRecord(h) === 'accept'
    if (accept && ctx.staff!.id !== h.incomingStaffId) throw rule('请先由接班人输入工号和PIN确认身份', 'incoming')
    const closer = accept ? closerPart(cur, h.outgoingStaffId) : null
    // The screen shows the whole text in one box: what the closer wrote is kept once, not repeated.
    let own = input.explanation
    if (closer && own.startsWith(closer)) own = own.slice(closer.length)
    if (own.startsWith(MORNING)) own = own.slice(MORNING.length)
    own = own.trim()
    if (!own) throw rule('请写明接班清点与闭店清点不符的原因', 'explanation')
    const explanation = closer ? `${closer}${MORNING}${own}` : own
    await w.orm.update(handoverCounts).set({ explanation, explainedBy: ctx.staff!.id, ...touched(ctx) }).where(eq(handoverCounts.id, cur.id))
    await audit(w, ctx, { action: 'handover.explain', entity: 'handover', entityId: h.id, summary: `「${item.name}」差异说明:${excerpt(input.explanation, 40)}` })
    return buildView(w, h.id, ctx.now())
  })
}
