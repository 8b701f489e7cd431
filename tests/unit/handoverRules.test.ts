import { describe, expect, it } from 'vitest'
import {
  closeRefusal,
  custodyOnStart,
  escalatesAt,
  handoverStartRefusal,
  hasDifference,
  holderOf,
  incomingRefusal,
  isOverdue,
  itemsToHandOver,
  overdueAtHandover,
  problemsOf,
  signersOf,
  startRefusal,
  stepOf,
  type ProblemInput,
} from '../../shared/duty/handoverRules'

const li = { id: 'a', name: '李娜' }
const onDuty = [
  { id: 's1', staffId: 'a', staffName: '李娜', custody: true },
  { id: 's2', staffId: 'b', staffName: '王芳', custody: false },
]
const cash = (o: number | null, i: number | null, extra: Partial<ProblemInput['counts'][number]> = {}) => ({
  code: 'cash',
  name: '备用金',
  unit: 'fen' as const,
  expected: 50000,
  carry: false,
  outgoing: o,
  incoming: i,
  explanation: null,
  explainedById: null,
  ...extra,
})
const base: ProblemInput = { kind: 'shift', status: 'draft', custody: true, incoming: null, pending: [], checklist: [{ code: 'desk', name: '台面', ok: null }], counts: [cash(null, null)] }

describe('handover rules (pure)', () => {
  it('steps and signers: a handover needs both PINs, a closing the closer’s, the morning the incoming clerk’s', () => {
    expect(stepOf('shift', 'draft')).toBe('handover')
    expect(stepOf('dayClose', 'draft')).toBe('close')
    expect(stepOf('dayClose', 'closed')).toBe('accept')
    expect(stepOf('shift', 'signed')).toBeNull()
    expect(signersOf('handover')).toEqual({ outgoing: true, incoming: true })
    expect(signersOf('close')).toEqual({ outgoing: true, incoming: false })
    expect(signersOf('accept')).toEqual({ outgoing: false, incoming: true })
  })

  it('what stops signing depends on the step', () => {
    expect(problemsOf(base).map((p) => p.field)).toEqual(['incoming', 'checklist.desk', 'counts.cash.outgoing', 'counts.cash.incoming'])
    const close = { ...base, kind: 'dayClose' as const, pending: [{ entry: { id: 'e1', content: '漏水' }, ack: null }] }
    expect(problemsOf(close).map((p) => p.field)).toEqual(['checklist.desk', 'counts.cash.outgoing'])
    expect(problemsOf({ ...close, checklist: [{ code: 'desk', name: '台面', ok: true }], counts: [cash(49000, null)] }).map((p) => p.field)).toEqual(['counts.cash.explanation'])
    const accept = { ...close, status: 'closed' as const, incoming: { id: 'c' }, checklist: [{ code: 'desk', name: '台面', ok: null }], counts: [cash(49000, 48000, { explanation: '垫付', explainedById: 'a' })] }
    // The closing's checklist is not redone; the morning explains its own difference.
    expect(problemsOf(accept).map((p) => p.field)).toEqual(['pending.e1', 'counts.cash.explanation'])
    expect(problemsOf({ ...accept, pending: [], counts: [cash(49000, 48000, { explanation: '垫付;接班说明:少10元', explainedById: 'c' })] })).toEqual([])
    expect(problemsOf({ ...base, custody: false, checklist: [], counts: [], incoming: { id: 'b' } })).toEqual([])
    expect(problemsOf({ ...base, status: 'signed' })).toEqual([])
  })

  it('overdue keys: each unacknowledged one stops signing by the incoming clerk (handover, acceptance), never the closer', () => {
    const key = { loanId: 'l1', tagNo: '001', keyName: '天台门钥匙', borrowerName: '孙工', ack: null }
    const ready = { ...base, incoming: { id: 'b' }, checklist: [], counts: [], overdueKeys: [key, { ...key, loanId: 'l2', ack: { at: 'x' } }] }
    expect(problemsOf(ready)).toEqual([{ field: 'overdueKeys.l1', message: '逾期未还钥匙「001号 天台门钥匙(孙工)」接班人尚未确认' }])
    expect(problemsOf({ ...ready, kind: 'dayClose' })).toEqual([])
    expect(problemsOf({ ...ready, kind: 'dayClose', status: 'closed' }).map((p) => p.field)).toEqual(['overdueKeys.l1'])
    const now = new Date('2026-12-01T07:00:30.000Z')
    const loans = [{ dueAt: '2026-12-01T06:59:00.000Z' }, { dueAt: '2026-12-01T07:00:00.000Z' }, { dueAt: '2026-12-01T08:00:00.000Z' }]
    // Past due by a whole minute, as 钥匙管理 counts it: 30 seconds late is not yet overdue there either.
    expect(overdueAtHandover(loans, now)).toEqual([loans[0]])
  })

  it('differences: fixed items against the expected figure, carried stock only between the counts; each escalated once', () => {
    expect(hasDifference(cash(50000, 50000))).toBe(false)
    expect(hasDifference(cash(48000, 48000))).toBe(true)
    expect(hasDifference({ ...cash(7, 7), carry: true })).toBe(false)
    expect(escalatesAt('close', cash(49000, null))).toBe(true)
    expect(escalatesAt('accept', cash(49000, 49000))).toBe(false)
    expect(escalatesAt('accept', cash(49000, 48000))).toBe(true)
  })

  it('who holds an item, and what a handover passes on', () => {
    expect(holderOf({ shiftStaffId: 'a', takenOverById: null })).toBe('a')
    expect(holderOf({ shiftStaffId: 'a', takenOverById: 'b' })).toBe('b')
    const items = [
      { id: 1, holderId: 'a' },
      { id: 2, holderId: 'b' },
      { id: 3, holderId: 'gone' },
    ]
    expect(itemsToHandOver(items, 'a', true, onDuty).map((i) => i.id)).toEqual([1, 3])
    expect(itemsToHandOver(items, 'b', false, onDuty).map((i) => i.id)).toEqual([2])
  })

  it('starting duty, starting a handover, closing, taking over', () => {
    expect(custodyOnStart([])).toBe(true)
    expect(custodyOnStart(onDuty)).toBe(false)
    expect(startRefusal(li, onDuty, null)?.code).toBe('CONFLICT')
    expect(startRefusal({ id: 'c', name: '张伟' }, onDuty, null)).toBeNull()
    expect(startRefusal({ id: 'c', name: '张伟' }, [], { outgoingName: '王芳' })?.field).toBe('handover')
    expect(handoverStartRefusal('shift', { id: 'c', name: '张伟' }, onDuty)?.field).toBe('shift')
    expect(handoverStartRefusal('dayClose', li, onDuty)?.message).toContain('王芳')
    expect(handoverStartRefusal('dayClose', { id: 'b', name: '王芳' }, [onDuty[1]])?.message).toContain('保管前台物品')
    expect(handoverStartRefusal('dayClose', li, [onDuty[0]])).toBeNull()
    expect(closeRefusal('a', onDuty)?.message).toContain('王芳')
    const now = new Date('2026-12-01T12:05:00Z')
    expect(incomingRefusal({ name: '张伟', endsAt: '2026-12-01T12:00:00Z' }, now)?.field).toBe('incoming')
    expect(incomingRefusal({ name: '张伟', endsAt: '2026-12-01T13:00:00Z' }, now)).toBeNull()
    expect(isOverdue({ endsAt: '2026-12-01T11:30:00Z' }, 30, now)).toBe(true)
    expect(isOverdue({ endsAt: '2026-12-01T11:40:00Z' }, 30, now)).toBe(false)
  })
})
