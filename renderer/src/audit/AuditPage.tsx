import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Table } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import type { AuditRow, ChainReport } from '../../../shared/audit/schema'
import { useDesk, useDeskMutation } from '../api/hooks'

/** Who did what, when, on which terminal — and a check that nobody edited it behind the app's back. */
export function AuditPage() {
  const [page, setPage] = useState(1)
  const list = useDesk('audit.list', { page, pageSize: 50 })
  const [report, setReport] = useState<ChainReport | null>(null)
  const verify = useDeskMutation('audit.verify', { onSuccess: setReport })
  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate({})}>
          校验完整性
        </Button>
      }
    >
      {report && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={report.ok ? 'success' : 'error'}
          data-testid="audit-verify"
          message={report.ok ? `审计链完整:已校验 ${report.checked} 条记录` : `审计链被破坏:${report.reason}`}
        />
      )}
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.rows}
        pagination={{ current: page, pageSize: 50, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 160, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'staffName', width: 100, render: (v) => v ?? '—' },
          { title: '操作', dataIndex: 'action', width: 150 },
          { title: '内容', dataIndex: 'summary' },
          { title: '终端', dataIndex: 'terminalId', width: 110, render: (v: string) => v.slice(-8) },
        ]}
      />
    </Card>
  )
}
