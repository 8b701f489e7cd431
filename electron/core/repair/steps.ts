import type { z } from 'zod'
import { breachOf, callbackDueAt, REPAIR_CLOCK_LABELS, repairClocks, type RepairClock } from '../../../shared/repair/clocks'
import { spanLabel } from '../../../shared/reception/clock'
import type { RepairDetail, repairArriveInput, repairCallbackInput, repairCompleteInput, repairForwardInput, repairToldInput } from '../../../shared/repair/schema'
import { localDateTime, zonedIso } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { linkedFollowUp } from '../duty/linkedEntry'
import { conflict, notFound, rule } from '../errors'
import { newId } from '../ids'
import { getSite } from '../site/service'
import { orderDetail, orderRecord, stateOf, type OrderRecord } from './read'
import { repairSettings } from './settings'

interface StepValues {
  step: 'forward' | 'told' | 'arrive' | 'complete' | 'callback'
  at: string
  who?: string | null
  note?: string | null
  materials?: string | null
  charges?: string | null
  result?: string | null
  reached?: boolean | null
  satisfied?: boolean | null
  closes?: boolean
  callbackDueAt?: string | null
}

/** Which clock a step stops. */
const STOPS: Partial<Record<StepValues['step'], RepairClock>> = { forward: 'forward', arrive: 'onSite', complete: 'done' }

/**
 * Records one step of an order in one transaction: the checks read the order's facts inside the
 * write, the step is appended, a clock it stops late leaves a breach fact (which clock, due, stopped,
 * by how much), and the duty log entry gets the step as a follow-up (closed by the final call-back).
 */
async function recordStep(
  ctx: Ctx,
  id: string,
  check: (o: OrderRecord, w: Writer, tz: string) => Promise<StepValues> | StepValues,
  line: (o: OrderRecord, v: StepValues, tz: string) => string,
): Promise<RepairDetail> {
  const tz = (await getSite(ctx)).timeZone
  await ctx.db.tx(async (w) => {
    const o = await orderRecord(w, id)
    if (!o) throw notFound('维修单')
    const v = await check(o, w, tz)
    const stepId = newId()
    const now = iso(ctx.now())
    await w.run(
      `INSERT INTO repair_steps (id, created_at, updated_at, terminal_id, deleted_at, order_id, step, at, staff_id, who, note, materials, charges, result, reached, satisfied, closes, callback_due_at)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        stepId, now, now, ctx.terminalId, o.id, v.step, v.at, ctx.staff!.id, v.who ?? null, v.note ?? null, v.materials ?? null, v.charges ?? null, v.result ?? null,
        v.reached === undefined || v.reached === null ? null : v.reached ? 1 : 0, v.satisfied === undefined || v.satisfied === null ? null : v.satisfied ? 1 : 0,
        v.closes ? 1 : 0, v.callbackDueAt ?? null,
      ],
    )
    // The clock this step stops, read with the step in place; late → a breach fact for ever.
    const after = (await orderRecord(w, id))!
    const stopped = v.step === 'callback' ? (v.closes ? 'callback' : undefined) : STOPS[v.step]
    const breach = breachOf(repairClocks(after, ctx.now()).find((c) => c.clock === stopped))
    let text = line(o, v, tz)
    if (breach) {
      await w.run(
        `INSERT INTO repair_breaches (id, created_at, updated_at, terminal_id, deleted_at, order_id, clock, due_at, stopped_at, over_ms, step_id) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
        [newId(), now, now, ctx.terminalId, o.id, breach.clock, breach.dueAt, breach.stoppedAt, breach.overMs, stepId],
      )
      text += `(${REPAIR_CLOCK_LABELS[breach.clock]}超时${spanLabel(breach.overMs)})`
    }
    await linkedFollowUp(w, ctx, 'repair', o.id, v.closes ? 'close' : 'note', text)
    await audit(w, ctx, { action: `repair.${v.step}`, entity: 'repair', entityId: o.id, summary: `维修单 ${o.serial}:${text}`, changes: breach ? { breach } : undefined })
  })
  return (await orderDetail(ctx.db.read, id, ctx.now()))!
}

/** A time engineering reported (typed as the site's wall clock), or now; never ahead of now, never before `notBefore`. */
function reportedAt(ctx: Ctx, stamp: string | undefined, tz: string, label: string, notBefore: { at: string; what: string }[]): string {
  const now = ctx.now()
  const at = stamp ? zonedIso(stamp.slice(0, 10), stamp.slice(11, 16), tz) : iso(now)
  if (Number.isNaN(Date.parse(at))) throw rule(`${label}不是有效时间`, 'at')
  if (Date.parse(at) > now.getTime()) throw rule(`${label} ${stamp} 还没到,不能晚于现在`, 'at')
  for (const n of notBefore) {
    // A typed time has minute precision: the same minute as the earlier step is not before it.
    if (Date.parse(at) < Math.floor(Date.parse(n.at) / 60_000) * 60_000) throw rule(`${label}不能早于${n.what}(${localDateTime(n.at, tz)})`, 'at')
  }
  return at
}

const hm = (at: string, tz: string) => localDateTime(at, tz).slice(11)

function notClosed(o: OrderRecord) {
  if (o.closedAt) throw conflict(`维修单 ${o.serial} 已回访结案,不能再登记`, 'id')
}

export const forwardRepair = (ctx: Ctx, i: z.output<typeof repairForwardInput>) =>
  recordStep(
    ctx,
    i.id,
    (o, _w, tz) => {
      notClosed(o)
      if (o.forwardedAt) throw conflict(`维修单 ${o.serial} 已于 ${hm(o.forwardedAt, tz)} 转工程部(${o.forwardedTo}),不能重复转单`, 'id')
      return { step: 'forward', at: iso(ctx.now()), who: i.receiver, note: i.note }
    },
    (_o, v) => `已转工程部,接单人 ${v.who}${v.note ? `:${v.note}` : ''}`,
  )

export const toldRepair = (ctx: Ctx, i: z.output<typeof repairToldInput>) =>
  recordStep(
    ctx,
    i.id,
    (o) => {
      notClosed(o)
      if (!o.forwardedAt) throw rule(`维修单 ${o.serial} 尚未转工程部:请先转单,工程部答复无法及时到场时再登记告知`, 'id')
      if (o.completedAt) throw rule(`维修单 ${o.serial} 已完工,不需要再告知无法及时到场`, 'id')
      return { step: 'told', at: iso(ctx.now()), who: i.housekeeper, note: i.note }
    },
    (_o, v) => `工程部无法及时到场,已告知业主并通知管家 ${v.who}:${v.note}`,
  )

export const arriveRepair = (ctx: Ctx, i: z.output<typeof repairArriveInput>) =>
  recordStep(
    ctx,
    i.id,
    (o, _w, tz) => {
      notClosed(o)
      if (!o.forwardedAt) throw rule(`维修单 ${o.serial} 尚未转工程部,不能登记到场`, 'id')
      if (o.arrivedAt) throw conflict(`维修单 ${o.serial} 已登记到场(${hm(o.arrivedAt, tz)}),不能重复登记`, 'id')
      if (o.completedAt) throw rule(`维修单 ${o.serial} 已完工,不能再登记到场`, 'id')
      return { step: 'arrive', at: reportedAt(ctx, i.at, tz, '到场时间', [{ at: o.forwardedAt, what: '转单时间' }]), who: i.who }
    },
    (_o, v, tz) => `工程部 ${v.who} ${hm(v.at, tz)} 到场`,
  )

export const completeRepair = (ctx: Ctx, i: z.output<typeof repairCompleteInput>) =>
  recordStep(
    ctx,
    i.id,
    async (o, w, tz) => {
      notClosed(o)
      if (o.completedAt) throw conflict(`维修单 ${o.serial} 已于 ${localDateTime(o.completedAt, tz)} 完工,不能重复登记完工`, 'id')
      if (!o.forwardedAt) throw rule(`维修单 ${o.serial} 尚未转工程部,不能登记完工`, 'id')
      if (o.urgent && !o.arrivedAt) throw rule(`维修单 ${o.serial} 是急修:请先登记工程部到场时间,再登记完工`, 'id')
      const at = reportedAt(ctx, i.at, tz, '完工时间', [
        { at: o.forwardedAt, what: '转单时间' },
        ...(o.arrivedAt ? [{ at: o.arrivedAt, what: '到场时间' }] : []),
      ])
      const s = await repairSettings(w)
      return { step: 'complete', at, who: i.who, materials: i.materials, charges: i.charges, result: i.result, callbackDueAt: callbackDueAt(at, s, tz) }
    },
    (_o, v, tz) => `完工(${v.who},${hm(v.at, tz)}):${v.result}${v.materials ? `;材料 ${v.materials}` : ''}${v.charges ? `;收费 ${v.charges}` : ''};回访须在 ${localDateTime(v.callbackDueAt!, tz)} 前`,
  )

export const callbackRepair = (ctx: Ctx, i: z.output<typeof repairCallbackInput>) =>
  recordStep(
    ctx,
    i.id,
    (o) => {
      if (stateOf(o) === 'closed') throw conflict(`维修单 ${o.serial} 已回访结案,不能重复回访`, 'id')
      if (!o.completedAt) throw rule(`维修单 ${o.serial} 尚未完工,不能回访(工程部交回完工单后再回访)`, 'id')
      const closes = i.reached || !!i.closeUnreached
      return { step: 'callback', at: iso(ctx.now()), reached: i.reached, satisfied: i.reached ? i.satisfied : null, note: i.remark, closes }
    },
    (_o, v) =>
      v.reached
        ? `已回访,业主${v.satisfied ? '满意' : '不满意'}${v.note ? `:${v.note}` : ''}`
        : `回访未联系上业主:${v.note}${v.closes ? '(无法再回访,结案)' : ''}`,
  )
