import { eq } from 'drizzle-orm'
import { holderOf } from '../../../shared/permit/rules'
import type { PermitKind, PermitState } from '../../../shared/permit/kinds'
import type { Applicant, OwnerConsent } from '../../../shared/permit/schema/common'
import type { Decision, PermitRecord, Review } from '../../../shared/permit/schema/record'
import type { Role } from '../../../shared/roles'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { permitFiles, permits } from '../db/schema'
import { notFound } from '../errors'
import { newId } from '../ids'
import { photoFile } from './files'
import { codeOf, type PermitSiteInfo } from './site'

/**
 * Rows of `permits` (+ their reviews and a worker's photo) as the PermitRecord the rules and the
 * printer read, and back. The rules decide; these functions only load and store.
 */

export type PermitDbRow = typeof permits.$inferSelect

const opt = <K extends string, V>(key: K, v: V | null | undefined) => (v === null || v === undefined ? {} : ({ [key]: v } as { [P in K]: V }))

export function toRecord(row: PermitDbRow, reviews: Review[], photo?: string | null): PermitRecord {
  const fields = JSON.parse(row.fields) as Record<string, unknown>
  if (photo) fields.photo = photo
  return {
    id: row.id,
    kind: row.kind as PermitKind,
    serial: row.serial,
    state: row.state as PermitState,
    unitId: row.unitId,
    unitLabel: row.unitLabel,
    applicant: JSON.parse(row.applicant) as Applicant,
    ...opt('ownerConsent', row.ownerConsent ? (JSON.parse(row.ownerConsent) as OwnerConsent) : null),
    fields,
    reviews,
    validFrom: row.validFrom,
    validUntil: row.validUntil,
    ...opt('parentSerial', row.parentSerial),
    ...opt('replacesSerial', row.replacesSerial),
    ...opt('extendedFrom', row.extendedFrom),
    createdAt: row.submittedAt,
    submittedAt: row.submittedAt,
    ...opt('issuedAt', row.issuedAt),
    ...opt('usedAt', row.usedAt),
    ...opt('returnedAt', row.returnedAt),
    ...opt('voidedAt', row.voidedAt),
    ...opt('voidReason', row.voidReason),
    printCount: row.printCount,
  } as PermitRecord
}

export async function reviewsOf(r: Reader, permitId: string): Promise<Review[]> {
  const rows = await r.all<{ step: number; role: Role; staffId: string; staffName: string; at: string; decision: Decision; opinion: string }>(
    `SELECT step, role, staff_id AS staffId, staff_name AS staffName, at, decision, opinion
       FROM permit_reviews WHERE permit_id = ? ORDER BY step`,
    [permitId],
  )
  return rows
}

export async function permitRow(r: Reader, id: string): Promise<PermitDbRow> {
  const row = await r.orm.select().from(permits).where(eq(permits.id, id)).get()
  if (!row || row.deletedAt) throw notFound('证件')
  return row
}

export async function permitRowBySerial(r: Reader, serial: string): Promise<PermitDbRow | undefined> {
  const row = await r.orm.select().from(permits).where(eq(permits.serial, serial)).get()
  return row && !row.deletedAt ? row : undefined
}

/** The record of a row: its reviews and (a worker pass) its photo attached. */
export async function recordOf(r: Reader, row: PermitDbRow): Promise<PermitRecord> {
  const photo = row.kind === 'workerPass' ? await photoFile(r, row.id) : null
  return toRecord(row, await reviewsOf(r, row.id), photo?.dataUrl)
}

export async function loadRecord(r: Reader, id: string): Promise<{ row: PermitDbRow; record: PermitRecord }> {
  const row = await permitRow(r, id)
  return { row, record: await recordOf(r, row) }
}

export interface InsertLinks {
  renovationId?: string | null
  replacesId?: string | null
}

/**
 * Stores a submitted record (it has its serial). A worker's photo goes to permit_files, not into the
 * fields JSON. The check code is computed now, from the fields as printed.
 */
export async function insertRecord(w: Writer, ctx: Ctx, site: PermitSiteInfo, record: PermitRecord, links: InsertLinks = {}): Promise<string> {
  const id = newId()
  const { photo, ...fields } = record.fields as Record<string, unknown> & { photo?: string }
  await w.orm.insert(permits).values({
    ...newRowMeta(ctx, id),
    kind: record.kind,
    serial: record.serial!,
    year: Number(record.serial!.slice(3, 7)),
    state: record.state,
    unitId: record.unitId!,
    unitLabel: record.unitLabel,
    renovationId: links.renovationId ?? null,
    parentSerial: record.parentSerial ?? null,
    replacesId: links.replacesId ?? null,
    replacesSerial: record.replacesSerial ?? null,
    applicant: JSON.stringify(record.applicant),
    applicantName: record.applicant.name,
    holderName: holderOf(record).name,
    ownerConsent: record.ownerConsent ? JSON.stringify(record.ownerConsent) : null,
    fields: JSON.stringify(fields),
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    extendedFrom: record.extendedFrom ?? null,
    submittedAt: record.submittedAt!,
    submittedBy: ctx.staff!.id,
    issuedAt: record.issuedAt ?? null,
    usedAt: null,
    usedBy: null,
    returnedAt: null,
    returnNote: null,
    voidedAt: null,
    voidReason: null,
    printCount: record.printCount,
    checkCode: codeOf(site, record),
  })
  if (photo) await w.orm.insert(permitFiles).values({ ...newRowMeta(ctx, newId()), permitId: id, ...photoColumns(photo, record) })
  return id
}

function photoColumns(dataUrl: string, record: PermitRecord) {
  const mime = dataUrl.slice(5, dataUrl.indexOf(';'))
  const b64 = dataUrl.slice(dataUrl.indexOf(',') + 1)
  const name = record.kind === 'workerPass' ? record.fields.workerName : record.applicant.name
  return { kind: 'photo', label: '照片', fileName: `${name}.${mime === 'image/png' ? 'png' : 'jpg'}`, mime, sizeBytes: Buffer.from(b64, 'base64').length, dataUrl }
}

/** Writes what a transition changed: state, the times of the document, print count, a renovation's new end. */
export async function saveRecord(w: Writer, ctx: Ctx, row: PermitDbRow, next: PermitRecord, extra: Partial<PermitDbRow> = {}) {
  const set: Partial<PermitDbRow> = {
    state: next.state,
    issuedAt: next.issuedAt ?? null,
    usedAt: next.usedAt ?? null,
    returnedAt: next.returnedAt ?? null,
    voidedAt: next.voidedAt ?? null,
    voidReason: next.voidReason ?? null,
    printCount: next.printCount,
    validUntil: next.validUntil,
    extendedFrom: next.extendedFrom ?? null,
    ...extra,
    updatedAt: ctx.now().toISOString(),
    terminalId: ctx.terminalId,
  }
  await w.orm.update(permits).set(set).where(eq(permits.id, row.id))
}
