import { localDateTime } from '../../../shared/time/zone'
import { useDesk } from '../api/hooks'

/** Instants shown in the site's own clock (not the PC's), as every list at the desk shows them. */
export function useWhen(): (at: string | null) => string {
  const site = useDesk('site.get', {})
  const tz = site.data?.timeZone ?? 'Asia/Shanghai'
  return (at) => (at ? localDateTime(at, tz) : '')
}
