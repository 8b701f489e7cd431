import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { handoverSignInput, HandoverSigned, HandoverView } from '../../../shared/duty/handoverSchema'
import { closeRefusal, custodyDeskRefusal, differenceText, incomingRefusal, escalatesAt, signersOf, type HandoverStep } from '../../../shared/duty/handoverRules'
import type { Role } from '../../../shared/roles'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { dutyShifts, handoverSignatures, handovers } from '../db/schema'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { onDutyOf, openShiftOf, openShifts, shiftRow } from './dutyShift'
import { chainHash, digestsOf, GENESIS } from './handoverChain'
import { buildView } from './handoverView'
import { insertEntry } from './logEntry'
import { custodyDesk } from './custodyDesk'
import { confirmByPin, rolesOf, type StaffRecord } from './pinCheck'
import { dutySettings, nowIso, touched } from './settings'

const refuseFirst = (v: HandoverView) => {
  if (v.problems.length) throw rule(v.problems[0].message, v.problems[0].field)
}

/**
 * Signing, by step (shared/duty/handoverRules):
 * - handover: both clerks re-enter their PIN; count differences are escalated, the outgoing shift's
 *   entries locked and the shift closed; the incoming clerk's shift (already open, or opened now)
 *   receives the open items and, with custody, the desk's items; the record is sealed into the chain.
 * - close: the last clerk alone; differences escalated, entries locked, shift closed; the record
 *   waits (status closed) for the morning. Nobody is on duty, so nothing is overdue overnight.
 * - accept: the morning's first clerk alone; their shift opens with custody, differences against the
 *   closing's count are escalated into it, and the record is sealed into the chain.
 * Each step is one transaction: any refusal — something missing, a wrong PIN — signs nothing.
 */
export async function signHandover(ctx: Ctx, input: z.output<typeof handoverSignInput>): Promise<HandoverSigned> {
  const pre = await buildView(ctx.db.read, input.id, ctx.now())
  const step = pre.step
  if (!step) throw conflict('该交接班已签字,签字后不能修改', 'id')
  const me = ctx.staff!.id
  const allowed = step === 'accept' ? [pre.incoming?.id] : [pre.outgoing.id, pre.incoming?.id]
  if (!allowed.includes(me)) throw new DeskError('FORBIDDEN', '只有本次交接的交班人或接班人可以签字', 'id')
  refuseFirst(pre)
  const need = signersOf(step)
  if (need.outgoing && !input.outgoingPin) throw rule('交班人PIN不能为空', 'outgoingPin')
  if (need.incoming && !input.incomingPin) throw rule('接班人PIN不能为空', 'incomingPin')
  const out = need.outgoing ? await confirmByPin(ctx, { id: pre.outgoing.id }, input.outgoingPin!, 'outgoingPin', '交班人') : null
  const inc = need.incoming ? await confirmByPin(ctx, { id: pre.incoming!.id }, input.incomingPin!, 'incomingPin', '接班人') : null
  if (out && inc && out.id === inc.id) throw rule('交班人与接班人不能是同一人', 'incomingPin')
  if ((await dutySettings(ctx.db.read)).drawnSignature) {
    if (need.outgoing && !input.outgoingSignature) throw rule('本项目要求手写签名:请交班人在签名框内签名', 'outgoingSignature')
    if (need.incoming && !input.incomingSignature) throw rule('本项目要求手写签名:请接班人在签名框内签名', 'incomingSignature')
  }

  const done = await ctx.db.tx(async (w) => {
    const v = await buildView(w, input.id, ctx.now())
    if (v.step !== step) throw conflict('该交接班已签字', 'id')
    refuseFirst(v)
    if (inc && v.incoming?.id !== inc.id) throw conflict('接班人已变更,请重新签字', 'incomingPin')
    const at = nowIso(ctx)
    const refusal =
      (step === 'close' ? closeRefusal(v.outgoing.id, onDutyOf(await openShifts(w))) : incomingRefusal(v.incoming, ctx.now())) ??
      custodyDeskRefusal(v.custody, ctx.terminalId, await custodyDesk(w))
    if (refusal) throw new DeskError(refusal.code, refusal.message, refusal.field)
    const escalated = step === 'accept' ? [] : await escalateDifferences(w, ctx, v, step, v.outgoingShift.id, out!.id, at)
    if (step !== 'accept') await closeOutgoing(w, ctx, v, at)
    await addSignatures(w, ctx, v.id, at, out, inc, input)
    if (step === 'close') {
      await w.orm.update(handovers).set({ status: 'closed', closedAt: at, ...touched(ctx) }).where(and(eq(handovers.id, v.id), eq(handovers.status, 'draft')))
      await audit(w, ctx, {
        action: 'handover.close',
        entity: 'handover',
        entityId: v.id,
        summary: `闭店交接:${v.outgoing.name} 结束 ${v.outgoingShift.date} ${v.outgoingShift.shiftName},待次日第一位值班员接收${escalated.length ? `,${escalated.length}项清点差异已上报客服主管` : ''}`,
        changes: { escalated },
      })
      return { newShiftId: null, escalated }
    }
    const newShiftId = await receive(w, ctx, v, inc!, at)
    if (step === 'accept') escalated.push(...(await escalateDifferences(w, ctx, v, step, newShiftId, inc!.id, at)))
    const seal = await sealInChain(w, ctx, v.id, at, newShiftId)
    await audit(w, ctx, {
      action: 'handover.sign',
      entity: 'handover',
      entityId: v.id,
      summary:
        step === 'accept'
          ? `接收闭店交接:${v.incoming!.name} 接收 ${v.outgoing.name} 的闭店(${v.outgoingShift.date} ${v.outgoingShift.shiftName}),开始 ${v.incoming!.date} ${v.incoming!.shiftName}${escalated.length ? `,${escalated.length}项清点差异已上报客服主管` : ''}`
          : `交接班签字:${v.outgoing.name} → ${v.incoming!.name}(${v.outgoingShift.date} ${v.outgoingShift.shiftName} → ${v.incoming!.date} ${v.incoming!.shiftName}${v.custody ? ',含前台物品保管' : ''})${escalated.length ? `,${escalated.length}项清点差异已上报客服主管` : ''}`,
      changes: { seq: seal.seq, hash: seal.hash, newShiftId, escalated },
    })
    return { newShiftId, escalated }
  })

  const token = inc ? ctx.sessions.open(inc.id) : null
  return {
    handover: await buildView(ctx.db.read, input.id, ctx.now()),
    newShift: done.newShiftId ? await shiftRow(ctx.db.read, done.newShiftId) : null,
    incomingSession: inc && token ? { token, staff: { id: inc.id, staffNo: inc.staffNo, name: inc.name, roles: rolesOf(inc) as Role[] }, terminalId: ctx.terminalId } : null,
    escalatedEntryIds: done.escalated,
  }
}

/** Count differences become escalated entries for the supervisor (each difference once: see escalatesAt). */
async function escalateDifferences(w: Writer, ctx: Ctx, v: HandoverView, step: HandoverStep, shiftId: string, recordedBy: string, at: string): Promise<string[]> {
  const ids: string[] = []
  for (const c of v.counts.filter((x) => escalatesAt(step, x))) {
    const id = await insertEntry(
      w,
      ctx,
      shiftId,
      {
        at,
        kind: 'other',
        unitId: null,
        person: step === 'close' ? v.outgoing.name : `${v.outgoing.name} / ${v.incoming!.name}`,
        content: `${step === 'close' ? '闭店' : '交接班'}清点差异:${c.name}(${differenceText(c)})`,
        action: `差异说明:${c.explanation}`,
        passedTo: '客服主管',
        status: 'escalated',
        escalateTo: 'supervisor',
      },
      // Entries of a shift being handed over are born locked; the morning's go into the new, open shift.
      { recordedBy, handoverId: v.id, lockedAt: step === 'accept' ? undefined : at },
    )
    ids.push(id)
  }
  return ids
}

/** Locks the outgoing shift's entries and closes it (it keeps its custody flag as a record of what it held). */
async function closeOutgoing(w: Writer, ctx: Ctx, v: HandoverView, at: string) {
  const shiftId = v.outgoingShift.id
  await w.run('UPDATE log_entries SET locked_at = ?, updated_at = ?, terminal_id = ? WHERE shift_id = ? AND locked_at IS NULL', [at, at, ctx.terminalId, shiftId])
  await w.orm
    .update(dutyShifts)
    .set({ status: 'closed', closedAt: at, closedByHandoverId: v.id, ...touched(ctx) })
    .where(and(eq(dutyShifts.id, shiftId), eq(dutyShifts.status, 'open')))
}

/** The incoming clerk's shift: the one they are on, or a new one; it takes custody when the outgoing held it. */
async function receive(w: Writer, ctx: Ctx, v: HandoverView, inc: StaffRecord, at: string): Promise<string> {
  const custody = v.custody
  const onDuty = await openShiftOf(w, inc.id)
  if (onDuty) {
    if (custody) await w.orm.update(dutyShifts).set({ custody: true, ...touched(ctx) }).where(eq(dutyShifts.id, onDuty.id))
    return onDuty.id
  }
  const h = (await w.orm.select().from(handovers).where(eq(handovers.id, v.id)).get())!
  const id = newId()
  await w.orm.insert(dutyShifts).values({
    ...newRowMeta(ctx, id),
    date: h.incomingDate!,
    shiftCode: h.incomingShiftCode!,
    shiftName: h.incomingShiftName!,
    startsAt: h.incomingStartsAt!,
    endsAt: h.incomingEndsAt!,
    staffId: inc.id,
    status: 'open',
    openedAt: at,
    rostered: !!h.rostered,
    overrideBy: h.overrideBy,
    overrideReason: h.overrideReason,
    openedByHandoverId: v.id,
    closedAt: null,
    closedByHandoverId: null,
    custody,
  })
  return id
}

async function addSignatures(w: Writer, ctx: Ctx, id: string, at: string, out: StaffRecord | null, inc: StaffRecord | null, input: z.output<typeof handoverSignInput>) {
  const sides = [
    ['outgoing', out, input.outgoingSignature],
    ['incoming', inc, input.incomingSignature],
  ] as const
  for (const [side, who, dataUrl] of sides) {
    if (who && dataUrl) await w.orm.insert(handoverSignatures).values({ ...newRowMeta(ctx, newId()), handoverId: id, side, staffId: who.id, at, dataUrl })
  }
}

/**
 * Seals the record: summary, seq and the link to the previous hash, then the digests of every part.
 * The chain is this terminal's (LAN sync: terminals signing at once, or cut off from each other, never
 * fork one sequence); the first terminal — no series letter — continues the chain it had alone.
 */
async function sealInChain(w: Writer, ctx: Ctx, id: string, at: string, newShiftId: string) {
  const after = await buildView(w, id, new Date(at))
  const summary = { total: after.summary.total, byKind: after.summary.byKind, byState: after.summary.byState }
  const mine = await w.get<{ mark: string }>('SELECT series_mark AS mark FROM terminals WHERE id = ?', [ctx.terminalId])
  const chain = mine?.mark ? ctx.terminalId : ''
  const last = await w.get<{ seq: number; hash: string }>('SELECT seq, hash FROM handovers WHERE chain = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1', [chain])
  const seq = (last?.seq ?? 0) + 1
  const prevHash = last?.hash ?? GENESIS
  await w.orm
    .update(handovers)
    .set({ signedAt: at, newShiftId, summary: JSON.stringify(summary), chain, seq, prevHash, ...touched(ctx) })
    .where(and(eq(handovers.id, id), inArray(handovers.status, ['draft', 'closed']), isNull(handovers.deletedAt)))
  const digests = JSON.stringify(await digestsOf(w, id))
  const hash = chainHash(prevHash, seq, digests)
  await w.orm.update(handovers).set({ status: 'signed', digests, hash }).where(eq(handovers.id, id))
  return { seq, hash }
}
