import { LIVE_PERMIT_STATES, stillOut, type HeldPass, type UnitHoldings } from '../../../shared/registry/holdings'
import { cardRows } from '../cards/read'
import { localDateTime } from '../../../shared/time/zone'
import type { Reader } from '../db/connection'
import { passDepositHeld } from '../permit/ledger'
import { permitRows } from '../permit/list'
import { permitSite } from '../permit/site'
import { getUnitRow } from './units'

/**
 * unit.holdings: the unit's cards (every state), its live permits and the worker passes out, in one
 * call for the unit page. Every part is an indexed lookup by unit (cards_unit, permits_unit; the
 * per-row subqueries by card or permit id), checked with EXPLAIN QUERY PLAN in
 * tests/integration/unit-holdings.test.ts.
 */
export async function unitHoldings(r: Reader, at: Date, unitId: string): Promise<UnitHoldings> {
  await getUnitRow(r, unitId)
  const cards = await cardRows(r, 'c.unit_id = ?', [unitId])
  const now = localDateTime(at, (await permitSite(r)).timeZone)
  // Stored 'expired' too: a printed pass past its date and never handed back is still out.
  const states = [...LIVE_PERMIT_STATES, 'expired']
  const rows = (
    await permitRows(r, now, `p.unit_id = ? AND p.state IN (${states.map(() => '?').join(',')})`, [unitId, ...states], 'ORDER BY p.submitted_at DESC, p.serial DESC')
  ).filter(stillOut)
  const passes: HeldPass[] = []
  for (const p of rows.filter((x) => x.kind === 'workerPass')) {
    passes.push({ ...p, depositHeldFen: await passDepositHeld(r, p.id), overdue: p.state === 'expired' })
  }
  return { unitId, cards, permits: rows.filter((x) => x.kind !== 'workerPass'), passes }
}
