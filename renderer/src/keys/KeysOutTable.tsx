import { Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import type { ReactNode } from 'react'
import { overdueText } from '../../../shared/keys/rules'
import type { KeyLoanRow } from '../../../shared/keys/schema'

const t = (at: string) => dayjs(at).format('MM-DD HH:mm')

/** Keys out now: overdue ones in red with how long overdue (the desk, the supervisor desk, 钥匙管理). */
export function KeysOutTable({ rows, loading, actions, testId = 'keys-out' }: { rows: KeyLoanRow[]; loading?: boolean; actions?: (l: KeyLoanRow) => ReactNode; testId?: string }) {
  return (
    <Table<KeyLoanRow>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: '没有借出中的钥匙' }}
      rowClassName={(l) => (l.overdueMinutes > 0 ? 'key-overdue' : '')}
      columns={[
        { title: '牌号', dataIndex: 'tagNo', width: 64 },
        { title: '钥匙', dataIndex: 'keyName' },
        {
          title: '借用人',
          render: (_, l) => (
            <span>
              {l.borrowerName}
              {l.company && <Typography.Text type="secondary">({l.company})</Typography.Text>}
              {l.phone && <Typography.Text type="secondary"> {l.phone}</Typography.Text>}
            </span>
          ),
        },
        { title: '事由', dataIndex: 'purpose', ellipsis: true },
        { title: '借出', render: (_, l) => `${t(l.lentAt)} · ${l.lentByName}`, width: 150 },
        {
          title: '预计归还',
          width: 190,
          render: (_, l) =>
            l.overdueMinutes > 0 ? (
              <Typography.Text type="danger" strong>
                {t(l.dueAt)} <Tag color="red">逾期{overdueText(l.overdueMinutes)}</Tag>
              </Typography.Text>
            ) : (
              t(l.dueAt)
            ),
        },
        ...(actions ? [{ title: '操作', width: 130, render: (_: unknown, l: KeyLoanRow) => actions(l) }] : []),
      ]}
    />
  )
}
