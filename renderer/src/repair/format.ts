import { localDateTime } from '../../../shared/time/zone'

/** Times as the site's wall clock ('12-01 09:05'), whatever zone the PC is in. */
export const siteTime = (at: string | null | undefined, tz: string) => (at ? localDateTime(at, tz).slice(5) : '')
export const siteStamp = (at: string | null | undefined, tz: string) => (at ? localDateTime(at, tz) : '')
