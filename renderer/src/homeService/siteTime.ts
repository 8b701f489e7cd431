import { localDate, localDateTime } from '../../../shared/time/zone'
import { useDesk } from '../api/hooks'

/** Times as the site's wall clock reads them (the site's time zone, never the PC's). */
export function useSiteTime() {
  const site = useDesk('site.get', {})
  const tz = site.data?.timeZone ?? 'Asia/Shanghai'
  return {
    tz,
    /** 'YYYY-MM-DD HH:mm' */
    stamp: (at: string | Date) => localDateTime(at, tz),
    /** 'MM-DD HH:mm' */
    short: (at: string | null) => (at ? localDateTime(at, tz).slice(5) : ''),
    day: (at: string | Date) => localDate(at, tz),
  }
}
