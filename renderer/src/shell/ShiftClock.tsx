import { Tag, Tooltip, Typography } from 'antd'
import type { SiteInfo } from '../../../shared/site/schema'
import { currentShifts } from '../../../shared/site/shift'
import { useCoreNow } from '../api/useCoreNow'

/** The site's wall clock and the shift(s) running now, from the site's shift patterns. */
export function ShiftClock({ site }: { site: SiteInfo }) {
  // The core's clock (host mode, test clocks), shown in the site's zone.
  const now = useCoreNow()
  const fmt = new Intl.DateTimeFormat('zh-CN', { timeZone: site.timeZone, month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hour12: false })
  const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(now)
  const shifts = currentShifts(site.shifts, hhmm)
  return (
    <span data-testid="shift-clock" style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{fmt.format(now)}</Typography.Text>{' '}
      {shifts.length ? (
        <Tooltip title={shifts.map((s) => `${s.name} ${s.start}–${s.end}`).join(',')}>
          <Tag color="blue">{shifts.map((s) => s.name).join(' · ')}</Tag>
        </Tooltip>
      ) : (
        <Tag>非值班时段</Tag>
      )}
    </span>
  )
}
