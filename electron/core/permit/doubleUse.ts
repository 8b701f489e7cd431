import type { DoubleUse } from '../../../shared/permit/doubleUse'
import { PERMIT_KIND_LABELS } from '../../../shared/permit/kinds'
import type { PermitKind } from '../../../shared/permit/kinds'
import { unitLabel } from '../../../shared/registry/schema'
import type { Ctx } from '../context'

/**
 * Single-use documents used more than once. On one terminal the state machine refuses a second use;
 * two terminals cut off from each other can each accept the same slip. The use is a fact (its audit
 * event, with the terminal and clerk) that syncs: after the merge both are here, and this lists them.
 */
export async function doubleUses(ctx: Ctx): Promise<DoubleUse[]> {
  const rows = await ctx.db.read.all<{ permitId: string; serial: string; kind: PermitKind; b: string; e: string; r: string; at: string; terminal: string | null; terminalId: string; staff: string | null }>(
    `SELECT p.id AS permitId, p.serial, p.kind, b.code AS b, u.entrance AS e, u.room AS r, a.at, t.name AS terminal, a.terminal_id AS terminalId, s.name AS staff
       FROM audit_events a
       JOIN permits p ON p.id = a.entity_id
       JOIN units u ON u.id = p.unit_id JOIN buildings b ON b.id = u.building_id
       LEFT JOIN terminals t ON t.id = a.terminal_id
       LEFT JOIN staff s ON s.id = a.staff_id
      WHERE a.entity = 'permit' AND a.action = 'permit.use'
        AND a.entity_id IN (SELECT entity_id FROM audit_events WHERE entity = 'permit' AND action = 'permit.use' GROUP BY entity_id HAVING count(*) > 1)
      ORDER BY p.serial, a.at`,
  )
  const out = new Map<string, DoubleUse>()
  for (const r of rows) {
    const d = out.get(r.permitId) ?? { permitId: r.permitId, serial: r.serial, kindName: PERMIT_KIND_LABELS[r.kind], unitLabel: unitLabel(r.b, r.e, r.r), uses: [] }
    d.uses.push({ at: r.at, terminal: r.terminal ?? r.terminalId, staff: r.staff })
    out.set(r.permitId, d)
  }
  return [...out.values()]
}
