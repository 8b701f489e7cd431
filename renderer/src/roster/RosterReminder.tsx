import { Alert } from 'antd'
import { useDesk } from '../api/hooks'

/**
 * From the 20th until next month's roster is published: 每月25日前拟定下月排班表. A warning, red once
 * the 25th has passed, with a link to that month's roster.
 */
export function RosterReminder() {
  const r = useDesk('roster.reminder', {})
  if (!r.data?.show) return null
  return (
    <Alert
      type={r.data.overdue ? 'error' : 'warning'}
      showIcon
      data-testid="roster-reminder"
      style={{ marginBottom: 12 }}
      message={r.data.message ?? `请在 ${r.data.dueDate} 前完成并发布 ${r.data.month} 排班表`}
      action={<a href={`#/roster/${r.data.month}`}>去排班</a>}
    />
  )
}
