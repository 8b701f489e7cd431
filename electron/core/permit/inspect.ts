import type { z } from 'zod'
import type { permitInspectInput } from '../../../shared/permit/apiSchema'
import { PERMIT_STATE_LABELS } from '../../../shared/permit/kinds'
import { effectiveState } from '../../../shared/permit/rules'
import { yuan } from '../../../shared/permit/settings'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { rule } from '../errors'
import { renovationDepositHeld, settleRenovationDeposit } from './ledger'
import { loadRecord } from './records'
import { requireSealed, sealPermit } from './seal'
import { localNow, permitSite } from './site'
import { buildView } from './view'

/**
 * permit.inspect (装修验收): the renovation passed its inspection; the 装修押金 still held is refunded,
 * less a deduction whose reason is booked with it. Once: nothing held, nothing refunded twice.
 */
export async function inspectRenovation(ctx: Ctx, input: z.output<typeof permitInspectInput>) {
  const site = await permitSite(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const { row, record } = await loadRecord(w, input.id)
    if (record.kind !== 'renovation') throw rule('只有装修许可证需要验收退押金', 'id')
    await requireSealed(w, row.id, `装修许可证 ${row.serial}`, '验收退押金')
    const state = effectiveState(record, now)
    if (!['approved', 'issued', 'expired', 'returned'].includes(state)) throw rule(`该装修申请${PERMIT_STATE_LABELS[state]},不能验收退押金`, 'id')
    const held = await renovationDepositHeld(w, row.id)
    if (held <= 0) throw rule('该装修许可证没有未退的装修押金(已退还或未收取)', 'id')
    const deduct = input.deductFen ?? 0
    if (deduct > held) throw rule(`扣款金额不能超过未退押金 ${yuan(held)}`, 'deductFen')
    const note = `验收合格(验收人 ${input.inspector}${input.note ? `:${input.note}` : ''}),退装修押金`
    await settleRenovationDeposit(w, ctx, row.id, now, { refundFen: held - deduct, keptFen: deduct, note, keptReason: input.deductReason })
    await sealPermit(w, ctx, row.id, 'inspect', now)
    await audit(w, ctx, {
      action: 'permit.inspect',
      entity: 'permit',
      entityId: row.id,
      summary: `装修许可证 ${row.serial} 验收合格(${input.inspector}),退装修押金 ${yuan(held - deduct)}${deduct ? `,扣款 ${yuan(deduct)}:${input.deductReason}` : ''}`,
      changes: { inspector: input.inspector, refundedFen: held - deduct, deductFen: deduct, deductReason: input.deductReason ?? null },
    })
  })
  return buildView(ctx, input.id)
}
