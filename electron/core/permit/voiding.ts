import { and, eq, inArray } from 'drizzle-orm'
import type { z } from 'zod'
import { kindDef } from '../../../shared/permit/kinds'
import { effectiveState, transition } from '../../../shared/permit/rules'
import type { permitVoidInput } from '../../../shared/permit/schema/index'
import type { LocalStamp } from '../../../shared/permit/time'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import type { Writer } from '../db/connection'
import { permits } from '../db/schema'
import { rule } from '../errors'
import { loadRecord, recordOf, saveRecord } from './records'
import { localNow, permitSite } from './site'
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
    const next = transition(record, { type: 'void', at: now, reason: input.reason })
    if (!next.ok) throw rule(next.reason, next.field ?? 'id')
    await saveRecord(w, ctx, row, next.value)
    const also = record.kind === 'renovation' ? await voidChildren(w, ctx, row.id, row.serial, now, input.reason) : []
    await audit(w, ctx, {
      action: 'permit.void',
      entity: 'permit',
      entityId: row.id,
      summary: `作废${kindDef(record.kind).name} ${row.serial}:${input.reason}${also.length ? `(随之作废:${also.join('、')})` : ''}`,
      changes: { state: [record.state, 'voided'], reason: input.reason, also },
    })
  })
  return buildView(ctx, input.id)
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
    await saveRecord(w, ctx, child, next.value)
    done.push(child.serial)
  }
  return done
}
