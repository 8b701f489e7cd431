import { and, eq, inArray } from 'drizzle-orm'
import type { z } from 'zod'
import { kindDef } from '../../../shared/permit/kinds'
import { effectiveState, transition } from '../../../shared/permit/rules'
import type { permitVoidInput } from '../../../shared/permit/schema/index'
import type { LocalStamp } from '../../../shared/time/calendar'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import type { Writer } from '../db/connection'
import { permits } from '../db/schema'
import { rule } from '../errors'
import { renovationDepositHeld, settlePass, settleRenovationDeposit } from './ledger'
import { loadRecord, recordOf, saveRecord, type PermitDbRow } from './records'
import { yuan } from '../../../shared/permit/settings'
import { localNow, permitSite } from './site'
import { requireSealed, sealPermit } from './seal'
import { buildView } from './view'

/**
 * permit.void: a document or application voided with its reason; nothing is deleted, the serial stays
 * taken. Voiding a renovation voids what hangs on it and is still live (worker passes, extensions in
 * review), so no pass of a voided renovation verifies as valid.
 */
export async function voidPermit(ctx: Ctx, input: z.output<typeof permitVoidInput>) {
  const site = await permitSite(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const { row, record } = await loadRecord(w, input.id)
    await requireSealed(w, row.id, `${kindDef(record.kind).name} ${row.serial}`, '作废')
    const next = transition(record, { type: 'void', at: now, reason: input.reason })
    if (!next.ok) throw rule(next.reason, next.field ?? 'id')
    await saveRecord(w, ctx, row, next.value)
    const money = await settleVoided(w, ctx, row, now, input.reason, input.depositWithheld)
    await sealPermit(w, ctx, row.id, 'void', now)
    const also = record.kind === 'renovation' ? await voidChildren(w, ctx, row.id, row.serial, now, input.reason) : []
    await audit(w, ctx, {
      action: 'permit.void',
      entity: 'permit',
      entityId: row.id,
      summary: `作废${kindDef(record.kind).name} ${row.serial}:${input.reason}${also.length ? `(随之作废:${also.join('、')})` : ''}${money.summary}`,
      changes: { state: [record.state, 'voided'], reason: input.reason, also, refundedFen: money.refundedFen, keptFen: money.keptFen, depositWithheld: input.depositWithheld ?? null },
    })
  })
  return buildView(ctx, input.id)
}

/**
 * The money held on a voided pass or renovation: refunded, or kept with the reason given
 * (`withheld`); the ledger says which, so a void never leaves a deposit silently in the drawer.
 */
async function settleVoided(w: Writer, ctx: Ctx, row: PermitDbRow, now: LocalStamp, reason: string, withheld?: string | null) {
  let refundedFen = 0
  let keptFen = 0
  if (row.kind === 'workerPass' && row.renovationId) {
    ;({ refundedFen, keptFen } = await settlePass(w, ctx, row.id, row.renovationId, now, `出入证作废,退押金(${reason})`, withheld))
  } else if (row.kind === 'renovation') {
    const held = await renovationDepositHeld(w, row.id)
    refundedFen = withheld ? 0 : held
    keptFen = withheld ? held : 0
    await settleRenovationDeposit(w, ctx, row.id, now, { refundFen: refundedFen, keptFen, note: `装修许可证作废,退装修押金(${reason})`, keptReason: withheld })
  }
  const summary = refundedFen ? `,退押金 ${yuan(refundedFen)}` : keptFen ? `,押金 ${yuan(keptFen)} 不予退还:${withheld}` : ''
  return { refundedFen, keptFen, summary }
}

async function voidChildren(w: Writer, ctx: Ctx, renovationId: string, serial: string, now: LocalStamp, reason: string): Promise<string[]> {
  const rows = await w.orm
    .select()
    .from(permits)
    .where(and(eq(permits.renovationId, renovationId), inArray(permits.state, ['inReview', 'approved', 'issued'])))
    .orderBy(permits.serial)
  const done: string[] = []
  for (const child of rows) {
    const record = await recordOf(w, child)
    if (effectiveState(record, now) === 'expired') continue
    const next = transition(record, { type: 'void', at: now, reason: `所属装修许可证 ${serial} 已作废:${reason}` })
    if (!next.ok) continue
    await requireSealed(w, child.id, `${kindDef(record.kind).name} ${child.serial}`, '随装修许可证作废')
    await saveRecord(w, ctx, child, next.value)
    await settleVoided(w, ctx, child, now, `所属装修许可证 ${serial} 已作废`)
    await sealPermit(w, ctx, child.id, 'void', now)
    done.push(child.serial)
  }
  return done
}
