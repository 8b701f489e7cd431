import { Badge } from 'antd'
import { DECIDES_VALIDITY, SEES_COMPLAINT_QUEUE } from '../../../shared/complaint/schema'
import { HANDLES_ESCALATIONS, SEES_OVERDUE, SUPERVISES } from '../../../shared/duty/kinds'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { useSpecialEventCount } from '../specialEvent/SpecialEventQueue'

const has = (roles: readonly string[], of: readonly string[]) => roles.some((r) => of.includes(r))

export interface SupervisorCounts {
  escalations: number
  daysToReview: number
  overdue: number
  permits: number
  /** Open major complaints, and (for the supervisor) complaints awaiting the 有效/无效 decision. */
  complaints: number
  /** 特殊事件报告 waiting for the caller's reading (客服主管 or 主任). */
  specialEvents: number
  total: number
}

/**
 * What waits for the supervisor (or administrator, director): escalations to their role, days to
 * review, overdue handovers, permits waiting for their decision. Each count only for the roles
 * that act on it; refreshed every minute.
 */
export function useSupervisorCounts(me: SessionInfo): SupervisorCounts {
  const roles = me.staff.roles
  const every = { refetchInterval: 60_000, retry: false } as const
  const esc = useDesk('escalation.queue', { to: roles.includes('supervisor') ? 'supervisor' : 'admin' }, { ...every, enabled: has(roles, HANDLES_ESCALATIONS) })
  const review = useDesk('review.queue', {}, { ...every, enabled: has(roles, SUPERVISES) })
  const overdue = useDesk('shift.overdue', {}, { ...every, enabled: has(roles, SEES_OVERDUE) })
  const permits = useDesk('permit.queue', {}, every)
  const complaints = useDesk('complaint.queue', {}, { ...every, enabled: has(roles, SEES_COMPLAINT_QUEUE) })
  const specialEvents = useSpecialEventCount(me)
  const c = {
    escalations: esc.data?.length ?? 0,
    daysToReview: review.data?.length ?? 0,
    overdue: overdue.data?.length ?? 0,
    permits: permits.data?.length ?? 0,
    // The director is told of major complaints; the 有效/无效 decision waits on the supervisor only.
    complaints: (complaints.data?.major.length ?? 0) + (has(roles, DECIDES_VALIDITY) ? (complaints.data?.undecided.length ?? 0) : 0),
    specialEvents,
  }
  return { ...c, total: c.escalations + c.daysToReview + c.overdue + c.permits + c.complaints + c.specialEvents }
}

/** The menu label of 主管工作台 with the number of things waiting (mount in the shell's menu). */
export function SupervisorBadge({ me, label = '主管工作台' }: { me: SessionInfo; label?: string }) {
  const { total } = useSupervisorCounts(me)
  return (
    // The menu's own colour (white on the dark menu): antd's Badge would set the body text colour.
    <Badge count={total} size="small" offset={[10, 0]} data-testid="supervisor-badge" styles={{ root: { color: 'inherit' } }}>
      <span>{label}</span>
    </Badge>
  )
}

/** Roles whose own desk is the 主管工作台 rather than the duty desk. */
export const landsOnSupervisorDesk = (roles: readonly string[]) => has(roles, SUPERVISES) && !roles.includes('clerk')
