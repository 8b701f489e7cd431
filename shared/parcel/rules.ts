import { addDays } from '../time/calendar'

/**
 * Who may take a parcel: the addressee, or someone the addressee named — by name, and the last 4 digits
 * of the phone recorded for that person. Pure, so the pickup form says the same words as the core.
 */
export interface PickupCandidate {
  role: 'addressee' | 'delegate'
  name: string
  phone: string
  delegateId?: string
}

export type PickupCheck = { ok: true; who: PickupCandidate } | { ok: false; field: 'pickerName' | 'phoneTail'; message: string }

/** Names compared as written, ignoring spaces (全角 included) — never a guess between two people. */
const sameName = (a: string, b: string) => a.replace(/[\s\u3000]/g, '') === b.replace(/[\s\u3000]/g, '')

export function checkPickup(candidates: readonly PickupCandidate[], pickerName: string, phoneTail: string): PickupCheck {
  const named = candidates.filter((c) => sameName(c.name, pickerName))
  if (named.length === 0) {
    return { ok: false, field: 'pickerName', message: `领取人「${pickerName.trim()}」不是收件人,也不是收件人指定的代领人;请收件人本人领取,或先登记收件人指定的代领人` }
  }
  const match = named.find((c) => c.phone.replace(/\D/g, '').endsWith(phoneTail))
  if (!match) return { ok: false, field: 'phoneTail', message: `手机尾号与登记的${named[0].role === 'addressee' ? '收件人' : '代领人'}电话不符` }
  return { ok: true, who: match }
}

/** Local days a parcel has waited: received on the 1st, today the 4th → 3. */
export function waitingDays(receivedDay: string, today: string): number {
  let n = 0
  for (let d = receivedDay; d < today && n < 10_000; d = addDays(d, 1)) n++
  return n
}

/** Waiting strictly longer than the setting's days is overdue (3 days: a parcel of the 1st is red on the 5th). */
export const isOverdue = (days: number, overdueDays: number) => days > overdueDays
