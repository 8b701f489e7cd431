import type { z } from 'zod'
import type { permitReturnInput, workerPassBatchInput } from '../../../shared/permit/apiSchema'
import { kindDef } from '../../../shared/permit/kinds'
import { transition } from '../../../shared/permit/rules'
import type { WorkerPassFields } from '../../../shared/permit/schema/workerPass'
import { yuan } from '../../../shared/permit/settings'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { rule } from '../errors'
import { submitApplication, type FieldPath } from './apply'
import { refundPass } from './ledger'
import { loadRecord, permitRow, saveRecord } from './records'
import { localNow, permitSite } from './site'
import { requireSealed, sealPermit } from './seal'
import { buildView } from './view'

/**
 * 装修人员出入证: a crew of one renovation issued at once (one pass per worker, each with its serial,
 * deposit and fee in the ledger; all or none), and any document handed back (permit.return) — a
 * worker pass's deposit refunded in the ledger.
 */
export async function issueBatch(ctx: Ctx, input: z.output<typeof workerPassBatchInput>) {
  const site = await permitSite(ctx.db.read)
  const ids = await ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const ren = await permitRow(w, input.renovationId).catch(() => null)
    if (!ren || ren.kind !== 'renovation') throw rule('所选装修申请不存在', 'renovationId')
    const out: string[] = []
    for (const [i, worker] of input.workers.entries()) {
      const path: FieldPath = (f) =>
        f === undefined || /^(applicant|ownerConsent)/.test(f) ? f : f === 'renovationSerial' ? 'renovationId' : `workers.${i}.${f}`
      const fields: WorkerPassFields = { ...worker, receiptNo: worker.receiptNo ?? input.receiptNo!, renovationSerial: ren.serial }
      out.push(await submitApplication(w, ctx, site, now, { kind: 'workerPass', unitId: ren.unitId, applicant: input.applicant, ownerConsent: input.ownerConsent, fields }, path))
    }
    return out
  })
  const views = []
  for (const id of ids) views.push(await buildView(ctx, id))
  return views
}

/** The document handed back (出入证退证, 装修许可证/动火许可证交回); a pass's deposit is refunded. */
export async function returnPermit(ctx: Ctx, input: z.output<typeof permitReturnInput>) {
  const site = await permitSite(ctx.db.read)
  await ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    const { row, record } = await loadRecord(w, input.id)
    await requireSealed(w, row.id, `${kindDef(record.kind).name} ${row.serial}`, '登记交回')
    const next = transition(record, { type: 'return', at: now })
    if (!next.ok) throw rule(next.reason, 'id')
    await saveRecord(w, ctx, row, next.value, { returnNote: input.note ?? null })
    const refunded = record.kind === 'workerPass' && row.renovationId ? await refundPass(w, ctx, row.id, row.renovationId, now, input.note) : 0
    await sealPermit(w, ctx, row.id, 'return', now)
    await audit(w, ctx, {
      action: 'permit.return',
      entity: 'permit',
      entityId: row.id,
      summary: `${kindDef(record.kind).name} ${row.serial} 交回${refunded ? `,退押金 ${yuan(refunded)}` : ''}${input.note ? `:${input.note}` : ''}`,
      changes: { returnedAt: now, refundedFen: refunded },
    })
  })
  return buildView(ctx, input.id)
}
