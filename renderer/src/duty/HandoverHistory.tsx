import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Table, Tag } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { HandoverChainReport, HandoverRow } from '../../../shared/duty/handoverSchema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { go } from '../router'

/** Past handovers, each openable and printable, and a check of their hash chain. */
export function HandoverHistory() {
  const [page, setPage] = useState(1)
  const list = useDesk('handover.list', { page, pageSize: 20 })
  const [report, setReport] = useState<HandoverChainReport | null>(null)
  const verify = useDeskMutation('handover.verify', { onSuccess: setReport })
  return (
    <Card
      size="small"
      title="交接班记录"
      data-testid="handover-history"
      extra={
        <Button size="small" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate({})}>
          校验交接记录
        </Button>
      }
    >
      {report && (
        <Alert
          style={{ marginBottom: 8 }}
          showIcon
          type={report.ok ? 'success' : 'error'}
          data-testid="handover-verify"
          message={report.ok ? `交接记录完整:已校验 ${report.checked} 份` : `发现 ${report.broken.length} 份交接记录在程序之外被改动`}
          description={report.ok ? undefined : report.broken.map((b) => `第 ${b.no} 号(${b.signedAt ? dayjs(b.signedAt).format('MM-DD HH:mm') : ''}):${b.reason}`).join(';')}
        />
      )}
      <Table<HandoverRow>
        rowKey="id"
        size="small"
        dataSource={list.data?.rows}
        loading={list.isLoading}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, hideOnSinglePage: true }}
        onRow={(h) => ({ onClick: () => go(`/handover/${h.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '编号', dataIndex: 'seq', width: 70, render: (v) => v ?? '—' },
          { title: '班次', render: (_, h) => `${h.shiftDate} ${h.shiftName}` },
          { title: '方式', render: (_, h) => (h.kind === 'dayClose' ? <Tag color="purple">闭店</Tag> : h.custody ? '交接(含物品)' : '交接') },
          { title: '交班人', dataIndex: 'outgoingName' },
          { title: '接班人', dataIndex: 'incomingName', render: (v) => v ?? '—' },
          { title: '签名时间', dataIndex: 'signedAt', render: (v) => (v ? dayjs(v).format('MM-DD HH:mm') : '—') },
          { title: '差异', dataIndex: 'differences', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
          {
            title: '状态',
            render: (_, h) =>
              h.status === 'draft' ? <Tag color="blue">进行中</Tag> : h.status === 'closed' ? <Tag color="gold">已闭店,待接收</Tag> : h.intact === false ? <Tag color="red">被改动</Tag> : <Tag color="green">已签名</Tag>,
          },
        ]}
      />
    </Card>
  )
}
