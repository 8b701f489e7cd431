import { Card, Space } from 'antd'
import dayjs from 'dayjs'
import { DUTY_ROLES, MAKES_ROSTER } from '../../../shared/duty/kinds'
import { RosterReminder } from '../roster/RosterReminder'
import { KeysOutCard } from '../keys/KeysOutCard'
import { OpenRepairsBar } from '../repair/OpenRepairsBar'
import { ReceptionGlanceCard } from '../visitor/ReceptionGlanceCard'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { DutyStatus } from './DutyStatus'
import { EntriesTable } from './EntriesTable'
import { LogEntryForm } from './LogEntryForm'
import { coreNow } from '../api/useCoreNow'

/**
 * 值班台: who is on duty, the entry form, my shift's log (or, not on duty, today's log of everyone),
 * and the open items carried across shifts. (A supervisor not on duty lands on their own desk: Shell.)
 */
export function DutyPage({ me }: { me: SessionInfo }) {
  const cur = useDesk('duty.current', {})
  const shiftId = cur.data?.shift?.id
  const today = dayjs(coreNow()).format('YYYY-MM-DD')
  const entries = useDesk('log.list', shiftId ? { shiftId, page: 1, pageSize: 200 } : { from: today, to: today, page: 1, pageSize: 200 }, { enabled: !!cur.data })
  const pending = useDesk('log.pending', {})
  const canWrite = me.staff.roles.some((r) => DUTY_ROLES.includes(r))
  const thisShift = entries.data?.rows ?? []
  const carried = (pending.data ?? []).filter((e) => e.shiftId !== shiftId)
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="duty-page">
      {me.staff.roles.some((r) => MAKES_ROSTER.includes(r)) && <RosterReminder />}
      <DutyStatus />
      <OpenRepairsBar />
      {canWrite && <LogEntryForm disabled={!shiftId} />}
      <Card size="small" title={shiftId ? `本班值班记录(${thisShift.length})` : `今日值班记录(${thisShift.length},全部在岗人员)`}>
        <EntriesTable rows={thisShift} loading={entries.isLoading} canWrite={canWrite && !!shiftId} testId="shift-entries" />
      </Card>
      <KeysOutCard />
      <ReceptionGlanceCard />
      <Card size="small" title={`待跟进事项(其他班次与同事 ${carried.length})`}>
        <EntriesTable rows={carried} loading={pending.isLoading} canWrite={canWrite} showShift testId="carried-entries" />
      </Card>
    </Space>
  )
}
