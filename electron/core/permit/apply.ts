import type { z } from 'zod'
import type { permitApplyRequest, AttachmentInput } from '../../../shared/permit/apiSchema'
import { kindDef, type PermitKind } from '../../../shared/permit/kinds'
import { canApply, checkFields, draftRecord, transition } from '../../../shared/permit/rules'
import type { Applicant, OwnerConsent } from '../../../shared/permit/schema/common'
import type { PermitFieldsByKind, PermitRecord, PermitRecordOf } from '../../../shared/permit/schema/record'
import { dayOf, type LocalStamp } from '../../../shared/time/calendar'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import type { Writer } from '../db/connection'
import { rule } from '../errors'
import { applyContext, unitOf } from './applicant'
import { checkAttachments, insertAttachments } from './files'
import { chargePass } from './ledger'
import { insertRecord, permitRowBySerial, recordOf } from './records'
import { localNow, permitSite, type PermitSiteInfo } from './site'
import { takeSerial } from './serials'
import { requireSealed, sealPermit } from './seal'
import { buildView } from './view'

/**
 * permit.apply: an application checked (who asks, the fields, the renovation it hangs on), given its
 * serial and submitted in ONE transaction — serial counter, row, photo, attachments, deposit ledger and
 * audit commit together or not at all.
 */

export interface Submission<K extends PermitKind = PermitKind> {
  kind: K
  unitId: string
  applicant: Applicant
  ownerConsent?: OwnerConsent
  fields: PermitFieldsByKind[K]
  attachments?: readonly AttachmentInput[]
}

/** Where a rule's field lands in the caller's input: 'applicant.*' and 'ownerConsent*' stay, the rest is a form field. */
export type FieldPath = (field: string | undefined) => string | undefined
export const applyPaths: FieldPath = (f) => (f === undefined || /^(applicant|ownerConsent|unitId)/.test(f) ? f : `fields.${f}`)

/** The unit's renovation named by a worker pass or an extension (by its serial). */
async function renovationOf(w: Writer, s: Submission, path: FieldPath): Promise<{ id: string; record: PermitRecord } | null> {
  if (!kindDef(s.kind).needsRenovation) return null
  const serial = (s.fields as { renovationSerial: string }).renovationSerial
  const row = await permitRowBySerial(w, serial)
  if (!row || row.kind !== 'renovation') return null
  if (row.unitId !== s.unitId) throw rule(`装修许可证 ${serial} 不是该房屋的装修申请`, path('renovationSerial'))
  // Nothing hangs on a renovation whose record was changed behind the app (a pass, an extension).
  await requireSealed(w, row.id, `装修许可证 ${serial}`, `办理${kindDef(s.kind).name}`, path('renovationSerial'))
  return { id: row.id, record: await recordOf(w, row) }
}

/** One worker, one live pass per renovation (前台日常工作流程 2: 每人一证). */
async function onePassPerWorker(w: Writer, renovationId: string, f: PermitFieldsByKind['workerPass'], today: string, path: FieldPath) {
  const dup = await w.get<{ serial: string }>(
    `SELECT serial FROM permits WHERE kind = 'workerPass' AND renovation_id = ? AND state IN ('approved', 'issued')
        AND valid_until >= ? AND json_extract(fields, '$.workerIdNumber') = ? AND deleted_at IS NULL`,
    [renovationId, today, f.workerIdNumber],
  )
  if (dup) throw rule(`${f.workerName} 已有有效的出入证 ${dup.serial}(每人一证)`, path('workerIdNumber'))
}

/** Checks and submits one application inside the caller's transaction; returns the new row's id. */
export async function submitApplication(w: Writer, ctx: Ctx, site: PermitSiteInfo, now: LocalStamp, s: Submission, path: FieldPath = applyPaths): Promise<string> {
  const def = kindDef(s.kind)
  const unit = await unitOf(w, s.unitId)
  const renovation = await renovationOf(w, s, path)
  const actx = await applyContext(w, s.unitId, s.applicant, s.ownerConsent, renovation?.record ?? null, now)
  const can = canApply(s.kind, s.applicant, actx)
  if (!can.ok) throw rule(can.reason, path(can.field))
  const derived = checkFields(s.kind, s.fields as never, { now, settings: site.settings, renovation: renovation?.record ?? null })
  if (!derived.ok) throw rule(derived.reason, path(derived.field))
  checkAttachments(s.attachments)
  const draft = draftRecord(s.kind, { unitId: unit.id, unitLabel: unit.label, applicant: s.applicant, ownerConsent: s.ownerConsent }, derived.value as never, now) as PermitRecord
  if (draft.kind === 'workerPass') await onePassPerWorker(w, renovation!.id, draft.fields, dayOf(now), path)
  const serial = await takeSerial(w, s.kind, Number(now.slice(0, 4)), ctx.now().toISOString())
  const submitted = transition(draft, { type: 'submit', at: now, serial })
  if (!submitted.ok) throw rule(submitted.reason, path(submitted.field))
  const record = submitted.value
  const id = await insertRecord(w, ctx, site, record, { renovationId: renovation?.id ?? null })
  await insertAttachments(w, ctx, id, s.attachments)
  if (record.kind === 'workerPass') await chargePass(w, ctx, id, renovation!.id, record as PermitRecordOf<'workerPass'>, now)
  await sealPermit(w, ctx, id, 'submit', now)
  const who = record.kind === 'workerPass' ? record.fields.workerName : s.applicant.name
  await audit(w, ctx, {
    action: 'permit.apply',
    entity: 'permit',
    entityId: id,
    summary: `${record.state === 'approved' ? '办理' : '受理'}${def.name} ${serial}:${unit.label} ${who}`,
    changes: { kind: s.kind, serial, state: record.state, unitLabel: unit.label, validFrom: record.validFrom, validUntil: record.validUntil, attachments: s.attachments?.length ?? 0 },
  })
  return id
}

export async function applyPermit(ctx: Ctx, input: z.output<typeof permitApplyRequest>) {
  const site = await permitSite(ctx.db.read)
  const id = await ctx.db.tx(async (w) => {
    const now = localNow(ctx, site)
    return submitApplication(w, ctx, site, now, input as Submission)
  })
  return buildView(ctx, id)
}
