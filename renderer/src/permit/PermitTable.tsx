import { Table, Tag } from 'antd'
import type { PermitRow } from '../../../shared/permit/apiSchema'
import type { PermitState } from '../../../shared/permit/kinds'
import { go } from '../router'

export const STATE_COLORS: Record<PermitState, string> = {
  draft: 'default',
  inReview: 'processing',
  refused: 'red',
  approved: 'blue',
  issued: 'green',
  returned: 'default',
  used: 'default',
  expired: 'orange',
  voided: 'red',
}

/** Permits as a register: serial, kind, unit, holder, validity, state; a row opens the permit. */
export function PermitTable({ rows, loading, pagination, testId }: { rows?: PermitRow[]; loading?: boolean; pagination?: object | false; testId?: string }) {
  return (
    <Table<PermitRow>
      rowKey="id"
      size="small"
      data-testid={testId}
      loading={loading}
      dataSource={rows}
      pagination={pagination ?? false}
      onRow={(p) => ({ onClick: () => go(`/permits/${p.id}`), style: { cursor: 'pointer' } })}
      locale={{ emptyText: '暂无证件' }}
      columns={[
        { title: '编号', dataIndex: 'serial', width: 130 },
        { title: '证件', dataIndex: 'kindName', width: 130 },
        { title: '房屋', dataIndex: 'unitLabel', width: 130 },
        { title: '申请人', dataIndex: 'applicantName', width: 90 },
        { title: '持证人', dataIndex: 'holderName', width: 90 },
        { title: '有效期', render: (_, p) => `${p.validFrom} 至 ${p.validUntil}` },
        { title: '待审', dataIndex: 'nextStepLabel', width: 120, render: (v) => v ?? '' },
        { title: '状态', dataIndex: 'state', width: 90, render: (s: PermitState, p) => <Tag color={STATE_COLORS[s]}>{p.stateLabel}</Tag> },
        { title: '打印', dataIndex: 'printCount', width: 60 },
      ]}
    />
  )
}
