import type { z } from 'zod'
import { kindDef } from '../../../shared/permit/kinds'
import { applyReview, canReview, nextStep } from '../../../shared/permit/rules'
import { DECISION_LABELS, type Review } from '../../../shared/permit/schema/record'
import type { permitReviewInput } from '../../../shared/permit/schema/index'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import { permitReviews } from '../db/schema'
import { DeskError, rule } from '../errors'
import { newId } from '../ids'
import { approveExtension } from './extension'
import { chargeExtensionFee, chargeRenovationDeposit } from './ledger'
import { loadRecord, saveRecord } from './records'
import { localNow, permitSite } from './site'
import { requireSealed, sealPermit } from './seal'
import { buildView } from './view'

/**
 * permit.review: the waiting step decided by a person holding its role (kinds.ts) — who, when,
 * decision, opinion, appended. A refusal needs its reason and ends the application. The last approval
 * of an extension moves the renovation's end and re-issues its worker passes, in the same transaction.
 */
export async function reviewPermit(ctx: Ctx, input: z.output<typeof permitReviewInput>) {
  const site = await permitSite(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const me = ctx.staff!
    const { row, record } = await loadRecord(w, input.id)
    const step = nextStep(record)
    const can = canReview(record, me.roles, me.id)
    if (!can.ok) {
      if (step && !me.roles.includes(step.role)) throw new DeskError('FORBIDDEN', can.reason, 'id')
      throw rule(can.reason, 'id')
    }
    await requireSealed(w, row.id, `${kindDef(record.kind).name} ${row.serial}`, '审批')
    const review: Review = { step: step!.index, role: step!.role, staffId: me.id, staffName: me.name, at: now, decision: input.decision, opinion: input.opinion ?? '' }
    const out = applyReview(record, review)
    if (!out.ok) throw rule(out.reason, out.field ?? 'id')
    const next = out.value
    await w.orm.insert(permitReviews).values({
      ...newRowMeta(ctx, newId()),
      permitId: row.id,
      step: review.step,
      role: review.role,
      staffId: me.id,
      staffName: me.name,
      at: now,
      decision: review.decision,
      opinion: review.opinion.trim(),
    })
    await saveRecord(w, ctx, row, next)
    // Money falls due on the final approval: 装修押金 on the renovation, 延期费用 on the extension.
    if (next.kind === 'renovation' && next.state === 'approved') await chargeRenovationDeposit(w, ctx, row.id, next.fields.depositFen, now)
    if (next.kind === 'extension' && next.state === 'approved' && row.renovationId) await chargeExtensionFee(w, ctx, row.id, row.renovationId, next.fields.feeFen ?? 0, now)
    await sealPermit(w, ctx, row.id, input.decision === 'approve' ? 'approve' : 'refuse', now)
    const def = kindDef(record.kind)
    await audit(w, ctx, {
      action: input.decision === 'approve' ? 'permit.approve' : 'permit.refuse',
      entity: 'permit',
      entityId: row.id,
      summary: `${step!.label}:${DECISION_LABELS[input.decision]} ${def.formName} ${row.serial}${review.opinion ? `(${review.opinion.trim()})` : ''}`,
      changes: { step: review.step, role: review.role, decision: review.decision, state: [record.state, next.state] },
    })
    if (next.kind === 'extension' && next.state === 'approved') await approveExtension(w, ctx, site, now, row, next)
  })
  return buildView(ctx, input.id)
}
