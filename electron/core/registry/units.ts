import { and, eq, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import { normBuilding, normRoom, reversed, roomKey } from '../../../shared/registry/normalize'
import type { BuildingRow, buildingCreateInput, unitCreateInput, UnitRow } from '../../../shared/registry/schema'
import { unitLabel } from '../../../shared/registry/schema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'
import { buildings, units } from '../db/schema'
import { conflict, notFound } from '../errors'
import { newId } from '../ids'

export { roomKey }

/** The columns the type-ahead matches a unit by: its one key and its room reversed (room tails). */
export const unitSearchColumns = (buildingCode: string, entrance: string, room: string) => ({
  roomKey: roomKey(buildingCode, entrance, room),
  roomRev: reversed(normRoom(room)),
})

export async function listBuildings(r: Reader): Promise<BuildingRow[]> {
  const rows = await r.all<BuildingRow>(
    `SELECT b.id, b.code, b.name, (SELECT count(*) FROM units u WHERE u.building_id = b.id AND u.deleted_at IS NULL) AS unitCount
       FROM buildings b WHERE b.deleted_at IS NULL`,
  )
  // Natural order: 2栋 before 10栋.
  return rows.sort((a, b) => a.code.localeCompare(b.code, 'zh-CN', { numeric: true }))
}

/** "3", "03" and "3栋" are one building: compared by the normalised code. */
export async function insertBuilding(w: Writer, ctx: Ctx, code: string, name?: string) {
  const live = await w.all<{ code: string }>('SELECT code FROM buildings WHERE deleted_at IS NULL')
  const dup = live.find((b) => normBuilding(b.code) === normBuilding(code))
  if (dup) throw conflict(`楼栋 ${dup.code} 已存在`, 'code')
  const id = newId()
  const row = { ...newRowMeta(ctx, id), code, name: name || `${code}栋` }
  await w.orm.insert(buildings).values(row)
  return row
}

export async function createBuilding(ctx: Ctx, input: z.output<typeof buildingCreateInput>): Promise<BuildingRow> {
  return ctx.db.tx(async (w) => {
    const row = await insertBuilding(w, ctx, input.code, input.name)
    await audit(w, ctx, { action: 'building.create', entity: 'building', entityId: row.id, summary: `新增楼栋 ${row.name}`, changes: { code: row.code, name: row.name } })
    return { id: row.id, code: row.code, name: row.name, unitCount: 0 }
  })
}

const UNIT_SELECT = `SELECT u.id, u.building_id AS buildingId, b.code AS buildingCode, u.entrance, u.room, u.area_m2 AS areaM2,
  (SELECT count(*) FROM residents r WHERE r.unit_id = u.id AND r.deleted_at IS NULL) AS residentCount
  FROM units u JOIN buildings b ON b.id = u.building_id`

const withLabel = (u: Omit<UnitRow, 'label'>): UnitRow => ({ ...u, label: unitLabel(u.buildingCode, u.entrance, u.room) })

export async function getUnitRow(r: Reader, id: string): Promise<UnitRow> {
  const u = await r.get<Omit<UnitRow, 'label'>>(`${UNIT_SELECT} WHERE u.id = ? AND u.deleted_at IS NULL`, [id])
  if (!u) throw notFound('房屋')
  return withLabel(u)
}

export async function listUnits(r: Reader, buildingId: string | undefined, page: number, pageSize: number) {
  const where = buildingId ? 'WHERE u.deleted_at IS NULL AND u.building_id = ?' : 'WHERE u.deleted_at IS NULL'
  const params = buildingId ? [buildingId] : []
  const total = (await r.get<{ n: number }>(`SELECT count(*) AS n FROM units u ${where}`, params))!.n
  const rows = await r.all<Omit<UnitRow, 'label'>>(
    `${UNIT_SELECT} ${where} ORDER BY CAST(b.code AS INTEGER), b.code, CAST(u.entrance AS INTEGER), u.entrance, CAST(u.room AS INTEGER), u.room LIMIT ? OFFSET ?`,
    [...params, pageSize, (page - 1) * pageSize],
  )
  return { rows: rows.map(withLabel), total }
}

/**
 * Inserts a unit; a second live unit with the same key ("0301" is "301") is refused. The partial
 * unique index units_room_key_uq holds it on this file; two terminals adding the same room offline
 * would meet it at sync, where the later one is merged into the earlier (LAN-sync issue).
 */
export async function insertUnit(
  w: Writer,
  ctx: Ctx,
  b: { id: string; code: string },
  entrance: string,
  room: string,
  areaM2?: number,
) {
  const keys = unitSearchColumns(b.code, entrance, room)
  const dup = await w.get<{ code: string; entrance: string; room: string }>(
    'SELECT b.code, u.entrance, u.room FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.room_key = ? AND u.deleted_at IS NULL',
    [keys.roomKey],
  )
  if (dup) {
    const same = unitLabel(dup.code, dup.entrance, dup.room)
    const typed = unitLabel(b.code, entrance, room)
    throw conflict(same === typed ? `房号 ${same} 已存在` : `房号 ${typed} 与已有的 ${same} 是同一房屋,已存在`, 'room')
  }
  const id = newId()
  const row = { ...newRowMeta(ctx, id), buildingId: b.id, entrance, room, areaM2: areaM2 ?? null, ...keys }
  await w.orm.insert(units).values(row)
  return row
}

export async function createUnit(ctx: Ctx, input: z.output<typeof unitCreateInput>): Promise<UnitRow> {
  const id = await ctx.db.tx(async (w) => {
    const b = await w.orm.select().from(buildings).where(and(eq(buildings.id, input.buildingId), isNull(buildings.deletedAt))).get()
    if (!b) throw notFound('楼栋')
    const row = await insertUnit(w, ctx, b, input.entrance, input.room, input.areaM2)
    await audit(w, ctx, { action: 'unit.create', entity: 'unit', entityId: row.id, summary: `新增房屋 ${unitLabel(b.code, input.entrance, input.room)}`, changes: { building: b.code, entrance: input.entrance, room: input.room, areaM2: input.areaM2 ?? null } })
    return row.id
  })
  return getUnitRow(ctx.db.read, id)
}
