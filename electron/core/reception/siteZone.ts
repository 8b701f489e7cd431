import { zonedIso } from '../../../shared/time/zone'
import type { Reader } from '../db/connection'
import { getSiteRow } from '../site/service'

/** The site's time zone (the setting, never the PC's). */
export async function siteZone(r: Reader): Promise<string> {
  return (await getSiteRow(r))?.timeZone ?? 'Asia/Shanghai'
}

/** A local 'YYYY-MM-DD HH:mm' of the site → UTC ISO. */
export const stampToIso = (stamp: string, tz: string) => zonedIso(stamp.slice(0, 10), stamp.slice(11, 16), tz)

/** The name of the duty shift a linked log entry of this record was made in ('' if none). */
export const SHIFT_OF_SOURCE = `(SELECT s.shift_name FROM log_entries e JOIN duty_shifts s ON s.id = e.shift_id
  WHERE e.source_kind = ? AND e.source_id = x.id ORDER BY e.id LIMIT 1)`
