import { and, eq } from 'drizzle-orm'
import { extendRenovation } from '../../../shared/permit/rules'
import type { PermitRecord } from '../../../shared/permit/schema/record'
import type { LocalStamp } from '../../../shared/time/calendar'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import type { Writer } from '../db/connection'
import { permits } from '../db/schema'
import { rule } from '../errors'
import { insertRecord, permitRow, recordOf, saveRecord, type PermitDbRow } from './records'
import { takeSerial } from './serials'
import { requireSealed, sealPermit } from './seal'
import type { PermitSiteInfo } from './site'

/**
 * An extension finally approved (前台日常工作流程 3e–f): the renovation's end moves (its first end kept
 * in extended_from, so the permit on the door still verifies), and every live worker pass is voided and
 * re-issued with a new serial — a pass's dates are never edited. The deposit stays on the chain.
 */
export async function approveExtension(w: Writer, ctx: Ctx, site: PermitSiteInfo, now: LocalStamp, extRow: PermitDbRow, extension: PermitRecord) {
  if (!extRow.renovationId) throw rule('延期申请未关联装修申请', 'id')
  const renRow = await permitRow(w, extRow.renovationId)
  const renovation = await recordOf(w, renRow)
  const passRows = await w.orm
    .select()
    .from(permits)
    .where(and(eq(permits.renovationId, renRow.id), eq(permits.kind, 'workerPass')))
    .orderBy(permits.serial)
  await requireSealed(w, renRow.id, `装修许可证 ${renRow.serial}`, '延期')
  const passes = await Promise.all(passRows.map((p) => recordOf(w, p)))
  const plan = extendRenovation(renovation, extension, passes, now)
  if (!plan.ok) throw rule(plan.reason, 'id')
  await saveRecord(w, ctx, renRow, plan.value.renovation)
  await sealPermit(w, ctx, renRow.id, 'extend', now)
  const reissued: string[] = []
  for (let i = 0; i < plan.value.voided.length; i++) {
    const old = plan.value.voided[i]
    const oldRow = passRows.find((p) => p.serial === old.serial)!
    await requireSealed(w, oldRow.id, `装修人员出入证 ${oldRow.serial}`, '随延期重新办理')
    await saveRecord(w, ctx, oldRow, old)
    await sealPermit(w, ctx, oldRow.id, 'void', now)
    const serial = await takeSerial(w, 'workerPass', Number(now.slice(0, 4)), ctx.now().toISOString())
    const fresh = { ...plan.value.reissue[i], serial, submittedAt: now }
    const freshId = await insertRecord(w, ctx, site, fresh, { renovationId: renRow.id, replacesId: oldRow.id })
    await sealPermit(w, ctx, freshId, 'reissue', now)
    reissued.push(`${old.serial}→${serial}`)
  }
  await audit(w, ctx, {
    action: 'permit.extend',
    entity: 'permit',
    entityId: renRow.id,
    summary: `装修许可证 ${renRow.serial} 延期至 ${plan.value.renovation.validUntil}(${extRow.serial})${reissued.length ? `,出入证重新办理:${reissued.join('、')}` : ''}`,
    changes: { validUntil: [renovation.validUntil, plan.value.renovation.validUntil], reissued },
  })
}
