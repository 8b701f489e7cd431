import { Card, Space } from 'antd'
import { useState } from 'react'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { ComplaintDrawer } from './ComplaintDrawer'
import { ComplaintTable } from './ComplaintTable'

/** 主管工作台 › 投诉: open major complaints (the director's too), and complaints waiting for the 有效/无效 decision. */
export function ComplaintQueue({ me }: { me: SessionInfo }) {
  const q = useDesk('complaint.queue', {}, { refetchInterval: 60_000 })
  const [open, setOpen] = useState<string | null>(null)
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={`重大投诉(未办结 ${q.data?.major.length ?? 0})`}>
        <ComplaintTable rows={q.data?.major ?? []} loading={q.isLoading} onOpen={(c) => setOpen(c.id)} testId="queue-major" empty="没有未办结的重大投诉" />
      </Card>
      <Card size="small" title={`待判定是否有效(${q.data?.undecided.length ?? 0})`}>
        <ComplaintTable rows={q.data?.undecided ?? []} loading={q.isLoading} onOpen={(c) => setOpen(c.id)} testId="queue-undecided" empty="没有待判定的投诉" />
      </Card>
      <ComplaintDrawer id={open} me={me} onClose={() => setOpen(null)} />
    </Space>
  )
}
