import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Tabs, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import { go } from '../router'
import type { RecurringGroup } from '../../../shared/complaint/recurring'
import { COMPLAINT_DESK_ROLES } from '../../../shared/complaint/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { BarChart } from './BarChart'
import { ComplaintDrawer } from './ComplaintDrawer'
import { ComplaintForm, type FocusHandle } from './ComplaintForm'
import { ComplaintTable } from './ComplaintTable'
import { coreNow } from '../api/useCoreNow'

type Range = [Dayjs, Dayjs]
const asInput = (r: Range) => ({ from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })

/**
 * 投诉 (客户投诉登记表): register at the desk (keyboard first), the open complaints with their next step,
 * the register of a period (printable), and the analysis with its charts and recurring causes.
 */
export function ComplaintPage({ me, id }: { me: SessionInfo; id?: string }) {
  const works = me.staff.roles.some((r) => COMPLAINT_DESK_ROLES.includes(r))
  const [tab, setTab] = useState(works ? 'desk' : 'register')
  const [open, setOpen] = useState<string | null>(id ?? null)
  // '#/complaints/<id>' (the duty log's link back) opens that complaint's drawer.
  // Adjusted while rendering when the address changes (no effect, so no second render).
  const [routeId, setRouteId] = useState(id)
  if (id !== routeId) {
    setRouteId(id)
    if (id) setOpen(id)
  }
  const form = useRef<FocusHandle>(null)
  const list = useDesk('complaint.open', {}, { refetchInterval: 30_000 })
  const desk = (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <ComplaintForm ref={form} onSaved={(c) => setOpen(c.id)} />
      <Card size="small" title={`未办结的投诉(${list.data?.length ?? 0})`}>
        <ComplaintTable rows={list.data ?? []} loading={list.isLoading} onOpen={(c) => setOpen(c.id)} testId="complaints-open" empty="没有未办结的投诉" />
      </Card>
    </Space>
  )
  return (
    <div data-testid="complaint-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(works ? [{ key: 'desk', label: '投诉受理', children: desk }] : []),
          { key: 'register', label: '投诉登记表', children: <Register onOpen={setOpen} /> },
          { key: 'analysis', label: '统计分析', children: <Analysis /> },
        ]}
      />
      <ComplaintDrawer
        id={open}
        me={me}
        onClose={() => {
          setOpen(null)
          if (id) go('/complaints') // so the same link opens it again
          setTimeout(() => form.current?.focus(), 0)
        }}
      />
    </div>
  )
}

function RangeBar({ range, setRange, children }: { range: Range; setRange: (r: Range) => void; children: React.ReactNode }) {
  return (
    <Space>
      <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
      {children}
    </Space>
  )
}

function Register({ onOpen }: { onOpen: (id: string) => void }) {
  const [range, setRange] = useState<Range>([dayjs(coreNow()).startOf('month'), dayjs(coreNow())])
  const list = useDesk('complaint.list', asInput(range))
  const print = useDeskMutation('complaint.printRegister', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  return (
    <Card
      size="small"
      title="客户投诉登记表"
      extra={
        <RangeBar range={range} setRange={setRange}>
          <Button onClick={() => print.mutate(asInput(range))} loading={print.isPending} data-testid="print-register">打印登记表</Button>
        </RangeBar>
      }
    >
      <ComplaintTable rows={list.data ?? []} loading={list.isLoading} onOpen={(c) => onOpen(c.id)} testId="complaints-register" empty="该期间没有投诉" />
    </Card>
  )
}

function Analysis() {
  const [range, setRange] = useState<Range>([dayjs(coreNow()).startOf('year'), dayjs(coreNow())])
  const a = useDesk('complaint.analysis', asInput(range))
  const print = useDeskMutation('complaint.printAnalysis', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  const d = a.data
  return (
    <Card
      size="small"
      title="投诉统计分析"
      data-testid="complaint-analysis"
      extra={
        <RangeBar range={range} setRange={setRange}>
          <Button onClick={() => print.mutate(asInput(range))} loading={print.isPending} data-testid="print-analysis">打印分析</Button>
        </RangeBar>
      }
    >
      {d && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Row gutter={12}>
            {[
              ['投诉总数', d.total],
              ['重大投诉', d.major],
              ['有效投诉', d.valid],
              ['待判定', d.undecided],
              ['已办结', d.closed],
            ].map(([t, v]) => (
              <Col key={t} span={4}>
                <Statistic title={t} value={v} />
              </Col>
            ))}
            <Col span={4}>
              <Statistic title="办结率" value={d.total ? `${((d.closed / d.total) * 100).toFixed(1)}%` : '0/0'} />
            </Col>
          </Row>
          <Typography.Text type="secondary">蓝色为投诉件数,红色为其中的有效投诉</Typography.Text>
          <Row gutter={[24, 16]}>
            <Col span={12}><BarChart title="按类别" bars={d.byCategory} testId="chart-category" /></Col>
            <Col span={12}><BarChart title="按责任部门" bars={d.byDepartment} testId="chart-department" /></Col>
            <Col span={12}><BarChart title="按楼栋" bars={d.byBuilding} testId="chart-building" /></Col>
            <Col span={12}><BarChart title="按月份" bars={d.byMonth} testId="chart-month" /></Col>
          </Row>
          <Table<RecurringGroup>
            size="small"
            rowKey={(g) => `${g.by}-${g.label}-${g.first}`}
            pagination={false}
            data-testid="recurring"
            title={() => <b>重复投诉(同一房屋或同一类别,{d.recurDays}天内再次投诉)</b>}
            locale={{ emptyText: '没有重复投诉' }}
            dataSource={d.recurring}
            columns={[
              { title: '依据', width: 90, render: (_, g) => (g.by === 'unit' ? '同一房屋' : '同一类别') },
              { title: '房屋/类别', dataIndex: 'label', width: 160 },
              { title: '次数', dataIndex: 'count', width: 60 },
              { title: '首次', width: 110, render: (_, g) => dayjs(g.first).format('MM-DD HH:mm') },
              { title: '最近', width: 110, render: (_, g) => dayjs(g.last).format('MM-DD HH:mm') },
              { title: '投诉编号', render: (_, g) => g.serials.join('、') },
            ]}
          />
        </Space>
      )}
    </Card>
  )
}
