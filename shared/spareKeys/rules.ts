import { maskIdNumber } from '../mask'
import type { CollectorStatus } from './schema'

/**
 * Pure rules of spare keys in custody: whether a collector's authorisation holds today, and whether
 * the person at the desk (by the ID number typed or read) may take a unit's keys.
 */

/**
 * A collector's standing on a local day: ended wins; an authorisation signed by someone no longer a
 * registered owner of the unit holds no more; then the validity from–to (both days included).
 */
export function collectorStatus(c: { validFrom: string; validTo: string; endedAt: string | null; ownerGone?: boolean }, today: string): CollectorStatus {
  if (c.endedAt) return 'ended'
  if (c.ownerGone) return 'ownerGone'
  if (today < c.validFrom) return 'notYet'
  if (today > c.validTo) return 'expired'
  return 'valid'
}

export interface OwnerRef {
  id: string
  name: string
  idNumber: string | null
}

export interface CollectorRef {
  id: string
  name: string
  idNumber: string
  validFrom: string
  validTo: string
  /** Local day the authorisation was ended, or null. */
  endedOn: string | null
  /** The owner who signed is no longer a registered owner of the unit. */
  ownerGone?: boolean
  ownerName?: string
}

export type Verdict =
  | { ok: true; role: 'owner'; residentId: string; name: string }
  | { ok: true; role: 'collector'; collectorId: string; name: string }
  | { ok: false; reason: string; name: string | null }

const same = (a: string | null, b: string) => !!a && a.trim().toUpperCase() === b.trim().toUpperCase()

/**
 * Who may take the keys: a registered owner of the unit, or a collector listed for it whose written
 * authorisation holds today. Anyone else is refused with the reason the clerk reads out.
 */
export function mayCollect(idNumber: string, owners: readonly OwnerRef[], collectors: readonly CollectorRef[], today: string): Verdict {
  const owner = owners.find((o) => same(o.idNumber, idNumber))
  if (owner) return { ok: true, role: 'owner', residentId: owner.id, name: owner.name }
  const listed = collectors.filter((c) => same(c.idNumber, idNumber))
  const valid = listed.find((c) => collectorStatus({ ...c, endedAt: c.endedOn }, today) === 'valid')
  if (valid) return { ok: true, role: 'collector', collectorId: valid.id, name: valid.name }
  if (listed.length) {
    // The most telling reason: one still to start, else the latest to have ended or expired.
    const c = [...listed].sort((a, b) => (a.validTo < b.validTo ? 1 : -1))[0]
    const status = collectorStatus({ ...c, endedAt: c.endedOn }, today)
    const why =
      status === 'ended'
        ? `的授权已于 ${c.endedOn} 终止`
        : status === 'ownerGone'
          ? `的授权由 ${c.ownerName ?? '原业主'} 出具,其已不是该房屋登记的业主,授权失效`
          : status === 'notYet'
          ? `的授权自 ${c.validFrom} 起生效,今日不能领取`
          : `的授权已于 ${c.validTo} 到期`
    return { ok: false, reason: `${c.name}${why}`, name: c.name }
  }
  const noId = owners.filter((o) => !o.idNumber).map((o) => o.name)
  return {
    ok: false,
    reason: `身份证号 ${maskIdNumber(idNumber.toUpperCase())} 不是该房屋业主或登记的授权领取人${noId.length ? `(业主 ${noId.join('、')} 在住户登记中未录身份证号,请先补登)` : ''}`,
    name: null,
  }
}
