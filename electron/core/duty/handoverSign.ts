import { and, eq, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { handoverSignInput, HandoverSigned } from '../../../shared/duty/handoverSchema'
import type { Role } from '../../../shared/roles'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import { dutyShifts, handoverSignatures, handovers } from '../db/schema'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { shiftRow } from './dutyShift'
import { chainHash, digestsOf, GENESIS } from './handoverChain'
import { buildView, differenceText } from './handoverView'
import { insertEntry } from './logEntry'
import { confirmByPin, rolesOf } from './pinCheck'
import { dutySettings, nowIso, touched } from './settings'

/**
 * Both clerks sign by re-entering their own PIN. Then, in one transaction: count differences are
 * escalated to the supervisor, the shift's entries are locked, the outgoing shift is closed, the
 * incoming clerk's shift is opened, and the record is sealed into the hash chain. Any refusal —
 * something still missing, a wrong PIN — signs nothing.
 */
export async function signHandover(ctx: Ctx, input: z.output<typeof handoverSignInput>): Promise<HandoverSigned> {
  const pre = await buildView(ctx.db.read, input.id)
  if (pre.status !== 'draft') throw conflict('该交接班已签字,签字后不能修改', 'id')
  const me = ctx.staff!.id
  if (me !== pre.outgoing.id && me !== pre.incoming?.id) throw new DeskError('FORBIDDEN', '只有本次交接的交班人或接班人可以签字', 'id')
  if (pre.problems.length) throw rule(pre.problems[0].message, pre.problems[0].field)
  const out = await confirmByPin(ctx, { id: pre.outgoing.id }, input.outgoingPin, 'outgoingPin', '交班人')
  const inc = await confirmByPin(ctx, { id: pre.incoming!.id }, input.incomingPin, 'incomingPin', '接班人')
  if (out.id === inc.id) throw rule('交班人与接班人不能是同一人', 'incomingPin')
  if ((await dutySettings(ctx.db.read)).drawnSignature) {
    if (!input.outgoingSignature) throw rule('本项目要求手写签名:请交班人在签名框内签名', 'outgoingSignature')
    if (!input.incomingSignature) throw rule('本项目要求手写签名:请接班人在签名框内签名', 'incomingSignature')
  }

  const sealed = await ctx.db.tx(async (w) => {
    const v = await buildView(w, input.id)
    if (v.status !== 'draft') throw conflict('该交接班已签字', 'id')
    if (v.problems.length) throw rule(v.problems[0].message, v.problems[0].field)
    if (v.incoming?.id !== inc.id) throw conflict('接班人已变更,请重新签字', 'incomingPin')
    const at = nowIso(ctx)
    const shiftId = v.outgoingShift.id

    const escalated: string[] = []
    for (const c of v.counts.filter((x) => x.difference)) {
      const id = await insertEntry(
        w,
        ctx,
        shiftId,
        {
          at,
          kind: 'other',
          unitId: null,
          person: `${v.outgoing.name} / ${v.incoming!.name}`,
          content: `交接班清点差异:${c.name}(${differenceText(c)})`,
          action: `差异说明:${c.explanation}`,
          passedTo: '客服主管',
          status: 'escalated',
          escalateTo: 'supervisor',
        },
        { recordedBy: out.id, handoverId: v.id, lockedAt: at },
      )
      escalated.push(id)
    }
    await w.run('UPDATE log_entries SET locked_at = ?, updated_at = ?, terminal_id = ? WHERE shift_id = ? AND locked_at IS NULL', [at, at, ctx.terminalId, shiftId])

    await w.orm.update(dutyShifts).set({ status: 'closed', closedAt: at, closedByHandoverId: v.id, ...touched(ctx) }).where(and(eq(dutyShifts.id, shiftId), eq(dutyShifts.status, 'open')))
    const newShiftId = newId()
    const h = (await w.orm.select().from(handovers).where(eq(handovers.id, v.id)).get())!
    await w.orm.insert(dutyShifts).values({
      ...newRowMeta(ctx, newShiftId),
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
    })

    for (const [side, staffId, dataUrl] of [
      ['outgoing', out.id, input.outgoingSignature],
      ['incoming', inc.id, input.incomingSignature],
    ] as const) {
      if (dataUrl) await w.orm.insert(handoverSignatures).values({ ...newRowMeta(ctx, newId()), handoverId: v.id, side, staffId, at, dataUrl })
    }

    const after = await buildView(w, v.id)
    const summary = { total: after.summary.total, byKind: after.summary.byKind, byState: after.summary.byState }
    const last = await w.get<{ seq: number; hash: string }>('SELECT seq, hash FROM handovers WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1')
    const seq = (last?.seq ?? 0) + 1
    const prevHash = last?.hash ?? GENESIS
    await w.orm
      .update(handovers)
      .set({ signedAt: at, newShiftId, summary: JSON.stringify(summary), seq, prevHash, ...touched(ctx) })
      .where(and(eq(handovers.id, v.id), eq(handovers.status, 'draft'), isNull(handovers.deletedAt)))
    const digests = JSON.stringify(await digestsOf(w, v.id))
    const hash = chainHash(prevHash, seq, digests)
    await w.orm.update(handovers).set({ status: 'signed', digests, hash }).where(eq(handovers.id, v.id))
    await audit(w, ctx, {
      action: 'handover.sign',
      entity: 'handover',
      entityId: v.id,
      summary: `交接班签字:${v.outgoing.name} → ${v.incoming!.name}(${v.outgoingShift.date} ${v.outgoingShift.shiftName} → ${h.incomingDate} ${h.incomingShiftName})${escalated.length ? `,${escalated.length}项清点差异已上报客服主管` : ''}`,
      changes: { seq, hash, newShiftId, escalated },
    })
    return { newShiftId, escalated }
  })

  const token = ctx.sessions.open(inc.id)
  return {
    handover: await buildView(ctx.db.read, input.id),
    newShift: await shiftRow(ctx.db.read, sealed.newShiftId),
    incomingSession: { token, staff: { id: inc.id, staffNo: inc.staffNo, name: inc.name, roles: rolesOf(inc) as Role[] }, terminalId: ctx.terminalId },
    escalatedEntryIds: sealed.escalated,
  }
}
