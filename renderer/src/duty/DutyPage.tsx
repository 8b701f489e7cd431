import { Card, Space } from 'antd'
import { DUTY_ROLES, MAKES_ROSTER } from '../../../shared/duty/kinds'
import { RosterReminder } from '../roster/RosterReminder'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { DutyStatus } from './DutyStatus'
import { EntriesTable } from './EntriesTable'
import { LogEntryForm } from './LogEntryForm'

/** 值班台: who is on duty, the entry form, this shift's log, and the open items carried across shifts. */
export function DutyPage({ me }: { me: SessionInfo }) {
  const cur = useDesk('duty.current', {})
  const shiftId = cur.data?.shift?.id
  const entries = useDesk('log.list', { shiftId: shiftId ?? '', page: 1, pageSize: 200 }, { enabled: !!shiftId })
  const pending = useDesk('log.pending', {})
  const canWrite = me.staff.roles.some((r) => DUTY_ROLES.includes(r))
  const thisShift = entries.data?.rows ?? []
  const carried = (pending.data ?? []).filter((e) => e.shiftId !== shiftId)
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="duty-page">
      {me.staff.roles.some((r) => MAKES_ROSTER.includes(r)) && <RosterReminder />}
      <DutyStatus />
      {canWrite && <LogEntryForm disabled={!shiftId} />}
      <Card size="small" title={`本班值班记录(${thisShift.length})`}>
        <EntriesTable rows={thisShift} loading={entries.isLoading && !!shiftId} canWrite={canWrite} testId="shift-entries" />
      </Card>
      <Card size="small" title={`待跟进事项(往班结转 ${carried.length})`}>
        <EntriesTable rows={carried} loading={pending.isLoading} canWrite={canWrite} showShift testId="carried-entries" />
      </Card>
    </Space>
  )
}
