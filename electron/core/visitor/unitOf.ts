import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'
import { rule } from '../errors'

/** The label of a live unit (3栋2单元1502), or a refusal naming the field the unit was picked in. */
export async function liveUnitLabel(r: Reader, unitId: string, field: string): Promise<string> {
  const u = await r.get<{ code: string; entrance: string; room: string }>(
    'SELECT b.code, u.entrance, u.room FROM units u JOIN buildings b ON b.id = u.building_id WHERE u.id = ? AND u.deleted_at IS NULL',
    [unitId],
  )
  if (!u) throw rule('所选房屋不存在或已删除', field)
  return unitLabel(u.code, u.entrance, u.room)
}

/** SQL pieces for a row's unit label: join on `alias`.unit_id. */
export const UNIT_JOIN = (alias: string) => `JOIN units u ON u.id = ${alias}.unit_id JOIN buildings b ON b.id = u.building_id`
export const UNIT_COLS = 'b.code AS bcode, u.entrance AS uentrance, u.room AS uroom'
export const labelOf = (x: { bcode: string; uentrance: string; uroom: string }) => unitLabel(x.bcode, x.uentrance, x.uroom)
