import { Table } from 'antd'
import dayjs from 'dayjs'
import { COMPLAINT_CHANNEL_LABELS, type ComplaintRow } from '../../../shared/complaint/schema'
import { StageTag } from './ComplaintDrawer'

/** Complaints in a table; a row opens with a click or Enter (rows are tab stops). */
export function ComplaintTable({ rows, loading, onOpen, testId, empty }: { rows: ComplaintRow[]; loading?: boolean; onOpen: (c: ComplaintRow) => void; testId: string; empty: string }) {
  return (
    <Table<ComplaintRow>
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      data-testid={testId}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: empty }}
      onRow={(c) => ({
        tabIndex: 0,
        style: { cursor: 'pointer' },
        onClick: () => onOpen(c),
        onKeyDown: (e) => {
          if (e.key === 'Enter') onOpen(c)
        },
      })}
      columns={[
        { title: '编号', dataIndex: 'serial', width: 120 },
        { title: '时间', render: (_, c) => dayjs(c.receivedAt).format('MM-DD HH:mm'), width: 96 },
        { title: '方式', render: (_, c) => COMPLAINT_CHANNEL_LABELS[c.channel], width: 56 },
        { title: '投诉人', render: (_, c) => `${c.complainant}${c.unitLabel ? ` · ${c.unitLabel}` : ''}` },
        { title: '类别', dataIndex: 'category', width: 90 },
        { title: '责任部门', dataIndex: 'department', width: 96 },
        { title: '投诉内容', dataIndex: 'summary', ellipsis: true },
        { title: '有效', width: 64, render: (_, c) => (c.valid == null ? '待判定' : c.valid ? '有效' : '无效') },
        { title: '状态', width: 220, render: (_, c) => <StageTag c={c} /> },
      ]}
    />
  )
}
