import { eq } from 'drizzle-orm'
import { pinyin } from 'pinyin-pro'
import type { z } from 'zod'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import type { ResidentKind, ResidentRow, residentCreateInput, residentUpdateInput } from '../../../shared/registry/schema'
import { RESIDENT_KIND_LABELS, unitLabel } from '../../../shared/registry/schema'
import { SEES_PERSONAL_DATA } from '../../../shared/roles'
import { audit, diff } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { residents } from '../db/schema'
import { conflict, notFound, rule } from '../errors'
import { newId } from '../ids'
import { getUnitRow } from './units'

/** 张伟 → "zw"; surname readings (单 shan, 曾 zeng …) as surnames. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

export const phoneTailOf = (phone: string) => phone.replace(/\D/g, '').slice(-4)

/** Columns derived from what the clerk typed, for the type-ahead. */
export const searchColumns = (name: string, phone: string) => ({ initials: initialsOf(name), phoneTail: phoneTailOf(phone) })

export const canSeePersonalData = (ctx: Ctx) => !!ctx.staff?.roles.some((r) => SEES_PERSONAL_DATA.includes(r))

interface ResidentDbRow {
  id: string
  unitId: string
  buildingCode: string
  entrance: string
  room: string
  name: string
  kind: ResidentKind
  phone: string
  idNumber: string | null
  moveInDate: string | null
  note: string | null
}

export const RESIDENT_SELECT = `SELECT r.id, r.unit_id AS unitId, b.code AS buildingCode, u.entrance, u.room, r.name, r.kind, r.phone,
  r.id_number AS idNumber, r.move_in_date AS moveInDate, r.note
  FROM residents r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id`

/** Lists show masked ID numbers and phones; the detail shows them whole to roles that need them. */
export function toResidentRow(r: ResidentDbRow, whole: boolean): ResidentRow {
  return {
    id: r.id,
    unitId: r.unitId,
    unitLabel: unitLabel(r.buildingCode, r.entrance, r.room),
    name: r.name,
    kind: r.kind,
    phone: whole ? r.phone : maskPhone(r.phone),
    idNumber: r.idNumber ? (whole ? r.idNumber : maskIdNumber(r.idNumber)) : null,
    moveInDate: r.moveInDate,
    note: r.note,
  }
}

export async function listResidentsOfUnit(r: Reader, unitId: string): Promise<ResidentRow[]> {
  const rows = await r.all<ResidentDbRow>(
    `${RESIDENT_SELECT} WHERE r.unit_id = ? AND r.deleted_at IS NULL ORDER BY CASE r.kind WHEN 'owner' THEN 0 WHEN 'family' THEN 1 ELSE 2 END, r.created_at`,
    [unitId],
  )
  return rows.map((x) => toResidentRow(x, false))
}

async function loadResident(r: Reader, id: string) {
  const row = await r.get<ResidentDbRow>(`${RESIDENT_SELECT} WHERE r.id = ? AND r.deleted_at IS NULL`, [id])
  if (!row) throw notFound('住户')
  return row
}

/** The detail: whole numbers for roles that need them, and that look is audited. */
export async function getResident(ctx: Ctx, id: string): Promise<ResidentRow> {
  const row = await loadResident(ctx.db.read, id)
  const whole = canSeePersonalData(ctx)
  if (whole && (row.idNumber || row.phone)) {
    await ctx.db.tx((w) => audit(w, ctx, { action: 'resident.view', entity: 'resident', entityId: id, summary: `查看住户 ${row.name} 的完整证件号与电话` }))
  }
  return toResidentRow(row, whole)
}

/** The stored columns of what the clerk entered (create and update share it). */
function residentColumns(input: z.output<typeof residentCreateInput>) {
  return {
    unitId: input.unitId,
    name: input.name,
    kind: input.kind,
    phone: input.phone,
    idNumber: input.idNumber ?? null,
    moveInDate: input.moveInDate ?? null,
    note: input.note ?? null,
  }
}

/**
 * An ID number belongs to one person: a second live resident with it is refused, naming where it is
 * registered. Checked inside the write transaction (one writer per file); at LAN sync two terminals
 * could each accept the same number offline, which the sync issue must surface for a merge.
 */
async function refuseTakenIdNumber(w: Reader, idNumber: string | null | undefined, exceptId?: string) {
  if (!idNumber) return
  const other = await w.get<{ name: string; code: string; entrance: string; room: string }>(
    `SELECT r.name, b.code, u.entrance, u.room FROM residents r JOIN units u ON u.id = r.unit_id JOIN buildings b ON b.id = u.building_id
      WHERE r.id_number = ? AND r.deleted_at IS NULL AND r.id <> ? LIMIT 1`,
    [idNumber, exceptId ?? ''],
  )
  if (other) throw conflict(`该身份证号已登记在 ${unitLabel(other.code, other.entrance, other.room)} 的 ${other.name} 名下(一个身份证号只属于一个人)`, 'idNumber')
}

export async function createResident(ctx: Ctx, input: z.output<typeof residentCreateInput>): Promise<ResidentRow> {
  const unit = await getUnitRow(ctx.db.read, input.unitId)
  const id = newId()
  await ctx.db.tx(async (w) => {
    await refuseTakenIdNumber(w, input.idNumber)
    const values = { ...newRowMeta(ctx, id), ...residentColumns(input), ...searchColumns(input.name, input.phone) }
    await w.orm.insert(residents).values(values)
    await audit(w, ctx, {
      action: 'resident.create',
      entity: 'resident',
      entityId: id,
      summary: `${unit.label} 登记${RESIDENT_KIND_LABELS[input.kind]} ${input.name}`,
      changes: { unit: unit.label, name: input.name, kind: input.kind, phone: maskPhone(input.phone), idNumber: maskIdNumber(input.idNumber) },
    })
  })
  return toResidentRow(await loadResident(ctx.db.read, id), canSeePersonalData(ctx))
}

export async function updateResident(ctx: Ctx, input: z.output<typeof residentUpdateInput>): Promise<ResidentRow> {
  const unit = await getUnitRow(ctx.db.read, input.unitId)
  await ctx.db.tx(async (w) => {
    const cur = await w.orm.select().from(residents).where(eq(residents.id, input.id)).get()
    if (!cur || cur.deletedAt) throw notFound('住户')
    const next = residentColumns(input)
    // Only a changed number is checked: two rows that already share one (older data) stay editable.
    if (next.idNumber !== cur.idNumber) await refuseTakenIdNumber(w, next.idNumber, cur.id)
    const changes = diff(cur, next)
    // The audit trail keeps masked numbers: it is read by more people than the detail page.
    if (changes.phone) changes.phone = [maskPhone(cur.phone), maskPhone(next.phone)]
    if (changes.idNumber) changes.idNumber = [maskIdNumber(cur.idNumber), maskIdNumber(next.idNumber)]
    if (!Object.keys(changes).length) return
    await w.orm
      .update(residents)
      .set({ ...next, ...searchColumns(next.name, next.phone), updatedAt: ctx.now().toISOString(), terminalId: ctx.terminalId })
      .where(eq(residents.id, cur.id))
    await audit(w, ctx, { action: 'resident.update', entity: 'resident', entityId: cur.id, summary: `修改住户 ${input.name}(${unit.label})`, changes })
  })
  return toResidentRow(await loadResident(ctx.db.read, input.id), canSeePersonalData(ctx))
}

/** Soft delete (move-out or a mistaken entry): the row stays for the records and for sync. */
export async function removeResident(ctx: Ctx, id: string, reason?: string) {
  await ctx.db.tx(async (w) => {
    const cur = await w.orm.select().from(residents).where(eq(residents.id, id)).get()
    if (!cur || cur.deletedAt) throw notFound('住户')
    const owners = await w.get<{ n: number }>(
      `SELECT count(*) AS n FROM agents WHERE owner_id = ? AND deleted_at IS NULL AND revoked_at IS NULL`,
      [id],
    )
    if (owners!.n > 0) throw rule('该业主仍有有效的授权代理人,请先撤销授权')
    const at = ctx.now().toISOString()
    await w.orm.update(residents).set({ deletedAt: at, updatedAt: at, terminalId: ctx.terminalId }).where(eq(residents.id, id))
    await audit(w, ctx, { action: 'resident.remove', entity: 'resident', entityId: id, summary: `移除住户 ${cur.name}${reason ? `:${reason}` : ''}` })
  })
  return null
}
