import type { CardRow } from '../cards/schema'
import { kindDef, type PermitKind, type PermitState } from '../permit/kinds'
import type { PermitRow } from '../permit/apiSchema'

/**
 * Everything held for a unit (issue F, "on the unit page"): its access cards in every state, the
 * permits still in force or on their way, and the worker passes out to its people. Owners' spare
 * keys in custody come from their own area (spareKeys) and sit beside these on the unit page.
 */
export interface HeldPass extends PermitRow {
  /** Deposit still held on the pass (and the passes it replaced), in fen. */
  depositHeldFen: number
  /** Printed, past its date and not handed back: still in the worker's hand. */
  overdue: boolean
}

export interface UnitHoldings {
  unitId: string
  cards: CardRow[]
  permits: PermitRow[]
  passes: HeldPass[]
}

/** In force or on the way, as of now: 审批中, 已批准, 已发证. */
export const LIVE_PERMIT_STATES: readonly PermitState[] = ['inReview', 'approved', 'issued']

/**
 * Still out with the unit's people: a live document, or one that must be handed back (出入证, 装修许可证,
 * 动火许可证), was printed, and is past its date without having been handed back — the paper is still in
 * someone's hand (and a pass's deposit still held). Voided, refused, returned and used ones are not.
 */
export function stillOut(p: { kind: PermitKind; state: PermitState; printCount: number }): boolean {
  if (LIVE_PERMIT_STATES.includes(p.state)) return true
  return p.state === 'expired' && p.printCount > 0 && kindDef(p.kind).ends.includes('returned')
}
