import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, DatePicker, Select, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useMemo, useState } from 'react'
import { actionLabel, areaOf, AREA_LABELS } from '../../../shared/audit/actions'
import type { AuditRow, ChainReport } from '../../../shared/audit/schema'
import { useDesk, useDeskMutation } from '../api/hooks'

/** 操作 filter values: `area:<area>` (all of an area) or `action:<action>`. */
function actionOptions(actions: string[]) {
  const areas = [...new Set(actions.map(areaOf))]
  return areas.map((a) => {
    const mine = actions.filter((x) => areaOf(x) === a)
    const label = AREA_LABELS[a] ?? '其他'
    return {
      label,
      title: label,
      options: [
        ...(mine.length > 1 ? [{ value: `area:${a}`, label: `全部${label}` }] : []),
        ...mine.map((x) => ({ value: `action:${x}`, label: actionLabel(x) })),
      ],
    }
  })
}

function VerifyReport({ report }: { report: ChainReport }) {
  const chains = report.chains.map((c) => `${c.terminalName ?? c.terminalId.slice(-8)} ${c.count} 条`).join(',')
  const scope = `已校验 ${report.checked} 条记录${chains ? `(各终端加密钥链:${chains})` : ''}${report.legacyRows ? `;其中前 ${report.legacyRows} 条为未加密钥的旧式封印(升级或项目创建之前写入,保持原样)` : ''}`
  return (
    <Alert
      style={{ marginBottom: 12 }}
      showIcon
      type={report.ok ? (report.warnings.length ? 'warning' : 'success') : 'error'}
      data-testid="audit-verify"
      message={report.ok ? `审计链完整:${scope}` : `审计链被破坏:${report.reason}`}
      description={report.warnings.length ? report.warnings.join(';') : undefined}
    />
  )
}

/** Who did what, when, on which terminal — and a check that nobody edited it behind the app's back. */
export function AuditPage() {
  const [page, setPage] = useState(1)
  const [staffId, setStaffId] = useState<string | undefined>()
  const [what, setWhat] = useState<string | undefined>()
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null)
  const filters = {
    staffId,
    area: what?.startsWith('area:') ? what.slice(5) : undefined,
    action: what?.startsWith('action:') ? what.slice(7) : undefined,
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  }
  const list = useDesk('audit.list', { page, pageSize: 50, ...filters })
  const people = useDesk('audit.people', {})
  const actions = useDesk('audit.actions', {})
  const options = useMemo(() => actionOptions(actions.data ?? []), [actions.data])
  const [report, setReport] = useState<ChainReport | null>(null)
  const verify = useDeskMutation('audit.verify', { onSuccess: setReport })
  const filtered = (f: () => void) => {
    f()
    setPage(1)
  }
  return (
    <Card
      title="审计日志"
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate({})} data-testid="audit-verify-button">
          校验完整性
        </Button>
      }
    >
      {report && <VerifyReport report={report} />}
      <Space wrap style={{ marginBottom: 12 }} data-testid="audit-filters">
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="操作人"
          aria-label="操作人"
          style={{ width: 180 }}
          value={staffId}
          onChange={(v) => filtered(() => setStaffId(v))}
          options={people.data?.map((p) => ({ value: p.id, label: `${p.name}(${p.staffNo})` }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="操作"
          aria-label="操作"
          style={{ width: 220 }}
          value={what}
          onChange={(v) => filtered(() => setWhat(v))}
          options={options}
        />
        <DatePicker.RangePicker
          allowEmpty={[true, true]}
          value={range}
          onChange={(v) => filtered(() => setRange(v))}
          placeholder={['开始日期', '结束日期']}
          aria-label="日期"
        />
        <Typography.Text type="secondary" data-testid="audit-total">
          共 {list.data?.total ?? 0} 条
        </Typography.Text>
      </Space>
      <Table<AuditRow>
        rowKey="seq"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.rows}
        data-testid="audit-table"
        pagination={{ current: page, pageSize: 50, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        // The first broken row, when the check found one, stands out in the list.
        onRow={(r) => (report && !report.ok && r.seq === report.brokenAt ? { style: { background: '#fff1f0' }, 'data-testid': 'audit-broken-row' } : {}) as never}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', dataIndex: 'at', width: 170, render: (v) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'staffName', width: 100, render: (v) => v ?? '—' },
          { title: '操作', dataIndex: 'action', width: 150, render: (a: string) => actionLabel(a) },
          { title: '内容', dataIndex: 'summary' },
          { title: '终端', dataIndex: 'terminalId', width: 130, render: (id: string, r) => r.terminalName ?? <Typography.Text type="secondary">{id.slice(-8)}</Typography.Text> },
        ]}
      />
    </Card>
  )
}
