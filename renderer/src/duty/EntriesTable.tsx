import { Table, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { ESCALATION_TARGET_LABELS, LOG_KIND_LABELS, LOG_STATUS_LABELS, type LogStatus } from '../../../shared/duty/kinds'
import type { LogEntryRow } from '../../../shared/duty/logSchema'
import { EntryActions } from './EntryActions'

const STATE_COLOR: Record<LogStatus, string> = { done: 'green', pending: 'orange', escalated: 'red' }

export function StateTag({ e }: { e: LogEntryRow }) {
  return (
    <Tag color={STATE_COLOR[e.state]}>
      {LOG_STATUS_LABELS[e.state]}
      {e.state === 'escalated' && e.escalatedTo ? ` · ${ESCALATION_TARGET_LABELS[e.escalatedTo]}` : ''}
    </Tag>
  )
}

/** Log entries as the paper register shows them, with their actions. */
export function EntriesTable({ rows, loading, canWrite, showShift, testId, pagination }: { rows?: LogEntryRow[]; loading?: boolean; canWrite: boolean; showShift?: boolean; testId?: string; pagination?: object | false }) {
  return (
    <Table<LogEntryRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      data-testid={testId}
      pagination={pagination ?? false}
      locale={{ emptyText: '暂无记录' }}
      columns={[
        { title: '时间', dataIndex: 'at', width: 110, render: (v: string, e) => (showShift ? `${e.shiftDate.slice(5)} ${dayjs(v).format('HH:mm')}` : dayjs(v).format('HH:mm')) },
        ...(showShift ? [{ title: '班次', dataIndex: 'shiftName', width: 70 }] : []),
        { title: '类型', dataIndex: 'kind', width: 80, render: (k: LogEntryRow['kind']) => LOG_KIND_LABELS[k] },
        { title: '房屋', dataIndex: 'unitLabel', width: 120, render: (v) => v ?? '—' },
        { title: '人员', dataIndex: 'person', width: 90, render: (v) => v ?? '—' },
        {
          title: '内容',
          dataIndex: 'content',
          render: (v: string, e) => (
            <>
              {e.correctsId && <Tag color="purple">更正</Tag>}
              {e.correctedById ? <Typography.Text delete>{v}</Typography.Text> : v}
              {e.correctionReason && <Typography.Text type="secondary">(更正原因:{e.correctionReason})</Typography.Text>}
            </>
          ),
        },
        { title: '处理措施', dataIndex: 'action', render: (v) => v ?? '—' },
        { title: '转交', dataIndex: 'passedTo', width: 100, render: (v) => v ?? '—' },
        { title: '状态', width: 120, render: (_, e) => <StateTag e={e} /> },
        {
          title: '记录人',
          dataIndex: 'recordedByName',
          width: 80,
          render: (v: string, e) => (e.followUpCount ? <Tooltip title={`已跟进 ${e.followUpCount} 次`}>{v} · {e.followUpCount}</Tooltip> : v),
        },
        { title: '操作', width: 220, render: (_, e) => <EntryActions entry={e} canWrite={canWrite} /> },
      ]}
    />
  )
}
