import type { Reader } from '../db/connection'

/**
 * Parcels on the desk's shelves now (received, not picked up, not removed), and how many of them are
 * 挂号信/特殊邮件 — what the clerks count at handover (清点交接物品: parcels held). A sum over facts,
 * so every terminal computes the same figure after a LAN merge. Null when the site never took a parcel.
 */
export async function parcelsHeld(r: Reader): Promise<{ held: number; registered: number } | null> {
  const any = await r.get<{ n: number }>('SELECT count(*) AS n FROM parcels')
  if (!any?.n) return null
  const row = await r.get<{ held: number; registered: number | null }>(
    `SELECT count(*) AS held, sum(CASE WHEN p.kind = 'registered' THEN 1 ELSE 0 END) AS registered
       FROM parcels p WHERE p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM parcel_pickups k WHERE k.parcel_id = p.id)`,
  )
  return { held: row?.held ?? 0, registered: row?.registered ?? 0 }
}
