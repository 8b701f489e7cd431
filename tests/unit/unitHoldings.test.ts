import { describe, expect, it } from 'vitest'
import { PERMIT_KINDS, PERMIT_STATES } from '../../shared/permit/kinds'
import { stillOut } from '../../shared/registry/holdings'

/** What the unit page lists as held: live documents, and printed ones past their date that must come back and have not. */
describe('stillOut', () => {
  it('live states are out for every kind, printed or not', () => {
    for (const kind of PERMIT_KINDS) for (const state of ['inReview', 'approved', 'issued'] as const) expect(stillOut({ kind, state, printCount: 0 })).toBe(true)
  })
  it('voided, refused, returned, used and drafts are never out', () => {
    for (const kind of PERMIT_KINDS) for (const state of ['voided', 'refused', 'returned', 'used', 'draft'] as const) expect(stillOut({ kind, state, printCount: 3 })).toBe(false)
  })
  it('expired: out only when printed and the kind is handed back (passes, renovation and hot-work permits)', () => {
    expect(stillOut({ kind: 'workerPass', state: 'expired', printCount: 1 })).toBe(true)
    expect(stillOut({ kind: 'renovation', state: 'expired', printCount: 1 })).toBe(true)
    expect(stillOut({ kind: 'hotWork', state: 'expired', printCount: 2 })).toBe(true)
    expect(stillOut({ kind: 'workerPass', state: 'expired', printCount: 0 })).toBe(false)
    expect(stillOut({ kind: 'releaseSlip', state: 'expired', printCount: 1 })).toBe(false)
    expect(stillOut({ kind: 'liftUse', state: 'expired', printCount: 1 })).toBe(false)
    expect(stillOut({ kind: 'extension', state: 'expired', printCount: 1 })).toBe(false)
  })
  it('covers every state (a new state must be decided here)', () => {
    expect([...PERMIT_STATES].sort()).toEqual(['approved', 'draft', 'expired', 'inReview', 'issued', 'refused', 'returned', 'used', 'voided'])
  })
})
