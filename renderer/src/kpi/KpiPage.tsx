import { Alert, Button, Card, Drawer, Form, Input, List, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { kpiPeriodInput, type KpiReportView } from '../../../shared/kpi/api'
import { kpiRateLabel, type KpiFigure } from '../../../shared/reception/kpi'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { RateBars } from './RateBars'
import { coreNow } from '../api/useCoreNow'

type Period = { from: string; to: string }
const monthOf = (d: dayjs.Dayjs): Period => ({ from: d.startOf('month').format('YYYY-MM-DD'), to: d.endOf('month').format('YYYY-MM-DD') })

function Verdict({ f }: { f: KpiFigure }) {
  if (f.ok == null) return <Tag>无记录</Tag>
  return f.ok ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>
}

/** 服务指标: the seed-004 rates for a period and per shift; each figure opens to its records. */
export function KpiPage() {
  const [period, setPeriod] = useState<Period>(() => monthOf(dayjs(coreNow())))
  const [form] = Form.useForm<Period>()
  const [open, setOpen] = useState<KpiFigure | null>(null)
  const report = useDesk('kpi.report', period)
  const print = useDeskMutation('kpi.print', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  const apply = (p: Period) => {
    // The same schema as the core: a bad period is named at its field and nothing is asked.
    const r = kpiPeriodInput.safeParse(p)
    if (!r.success) {
      form.setFields(r.error.issues.map((i) => ({ name: String(i.path[0] ?? 'from') as keyof Period, errors: [i.message] })))
      return
    }
    form.setFields([{ name: 'from', errors: [] }, { name: 'to', errors: [] }])
    setPeriod(r.data)
  }
  const quick = (p: Period) => (form.setFieldsValue(p), apply(p))
  const v: KpiReportView | undefined = report.data
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="kpi-page">
      <Card size="small" title="服务指标(依据《物业服务承诺指标》)">
        <Form form={form} layout="inline" initialValues={period} onFinish={apply}>
          <Form.Item name="from" label="开始日期">
            <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} data-testid="kpi-from" />
          </Form.Item>
          <Form.Item name="to" label="结束日期">
            <Input placeholder="YYYY-MM-DD" style={{ width: 130 }} data-testid="kpi-to" />
          </Form.Item>
          <Button type="primary" htmlType="submit" data-testid="kpi-run">
            统计
          </Button>
          <Space style={{ marginLeft: 12 }}>
            <Button onClick={() => quick(monthOf(dayjs(coreNow())))}>本月</Button>
            <Button onClick={() => quick(monthOf(dayjs(coreNow()).subtract(1, 'month')))}>上月</Button>
            <Button onClick={() => quick({ from: dayjs(coreNow()).startOf('year').format('YYYY-MM-DD'), to: dayjs(coreNow()).format('YYYY-MM-DD') })}>本年</Button>
            <Button onClick={() => print.mutate(period)} loading={print.isPending} data-testid="kpi-print">
              打印月度报告
            </Button>
          </Space>
        </Form>
      </Card>
      {report.error && <Alert type="error" message={report.error.message} />}
      {v && (
        <>
          <Typography.Text data-testid="kpi-summary">
            {`${v.from} 至 ${v.to}(${v.periodDays}天) · 入住户数 ${v.households} · 报修 ${v.counts.repairs} 单 · 投诉 ${v.counts.complaints} 件 · 家居服务 ${v.counts.homeServices} 次`}
          </Typography.Text>
          <Table<KpiFigure>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={v.all}
            data-testid="kpi-table"
            onRow={(f) => ({ onClick: () => setOpen(f), style: { cursor: 'pointer' } })}
            columns={[
              { title: '指标', dataIndex: 'name' },
              { title: '测定依据', dataIndex: 'basis' },
              { title: '达标/总数', render: (_, f) => `${f.met} / ${f.of}`, width: 100 },
              { title: '结果', render: (_, f) => <Typography.Text strong type={f.ok === false ? 'danger' : undefined}>{kpiRateLabel(f)}</Typography.Text>, width: 90 },
              { title: '承诺', dataIndex: 'target', width: 70 },
              { title: '判定', render: (_, f) => <Verdict f={f} />, width: 80 },
              {
                title: '记录',
                width: 80,
                render: (_, f) => (
                  <Button size="small" onClick={(e) => (e.stopPropagation(), setOpen(f))} data-testid={`kpi-open-${f.code}`}>
                    明细
                  </Button>
                ),
              },
            ]}
          />
          <Card size="small" title="达标率图">
            <RateBars figures={v.all} />
          </Card>
          <Card size="small" title="按班次(以受理时所在班次计)">
            <Table
              rowKey="shift"
              size="small"
              pagination={false}
              dataSource={v.byShift}
              data-testid="kpi-shifts"
              locale={{ emptyText: '本期间无记录' }}
              columns={[
                { title: '班次', dataIndex: 'shift', width: 90 },
                ...v.all
                  .filter((f) => f.code !== 'validComplaints')
                  .map((f) => ({
                    title: f.name,
                    render: (_: unknown, s: KpiReportView['byShift'][number]) => {
                      const x = s.figures.find((g) => g.code === f.code)!
                      return <Typography.Text type={x.ok === false ? 'danger' : undefined}>{`${kpiRateLabel(x)}(${x.met}/${x.of})`}</Typography.Text>
                    },
                  })),
              ]}
            />
          </Card>
        </>
      )}
      <Drawer open={!!open} onClose={() => setOpen(null)} title={open ? `${open.name} · ${open.met}/${open.of}` : ''} width={520} data-testid="kpi-drawer">
        {open && (
          <>
            <Typography.Paragraph type="secondary">{open.basis}</Typography.Paragraph>
            <List
              header={<Typography.Text type="danger">{open.code === 'validComplaints' ? `有效投诉(${open.bad.length})` : `未达标(${open.bad.length})`}</Typography.Text>}
              size="small"
              dataSource={open.bad}
              renderItem={(r) => <List.Item data-testid="kpi-bad">{r.label}</List.Item>}
              locale={{ emptyText: '无' }}
            />
            {open.code !== 'validComplaints' && (
              <List header={`达标(${open.good.length})`} size="small" dataSource={open.good} renderItem={(r) => <List.Item data-testid="kpi-good">{r.label}</List.Item>} locale={{ emptyText: '无' }} />
            )}
          </>
        )}
      </Drawer>
    </Space>
  )
}
