import { PrinterOutlined } from '@ant-design/icons'
import { Button, Card, DatePicker, Form, Input, Select, Space } from 'antd'
import dayjs from 'dayjs'
import { useRef, useState } from 'react'
import { DUTY_ROLES, LOG_KINDS, LOG_KIND_LABELS, LOG_STATUSES, LOG_STATUS_LABELS } from '../../../shared/duty/kinds'
import type { In } from '../../../shared/api'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { EntriesTable } from './EntriesTable'
import { UnitPicker, type UnitPickerHandle } from './UnitPicker'
import { coreNow } from '../api/useCoreNow'

type Filters = In<'log.list'>

/** 值班记录查询: by date range, kind, unit, status, staff and Chinese text; print a day's log. */
export function LogSearchPage({ me }: { me: SessionInfo }) {
  const today = dayjs(coreNow()).format('YYYY-MM-DD')
  // Open at the end: an authorised duty started after the day's last shift is filed under the next
  // shift's date (shared/duty/shiftWindow), and what the desk logs now must be found now.
  const [filters, setFilters] = useState<Filters>({ from: dayjs(coreNow()).subtract(6, 'day').format('YYYY-MM-DD'), page: 1, pageSize: 50 })
  const [printDate, setPrintDate] = useState(dayjs(coreNow()))
  const list = useDesk('log.list', filters)
  const staff = useDesk('roster.get', { month: today.slice(0, 7) })
  const print = useDeskMutation('print.dayLog', { onSuccess: (r) => downloadPdf(r.fileName, r.pdfBase64) })
  const canWrite = me.staff.roles.some((r) => DUTY_ROLES.includes(r))
  const [form] = Form.useForm()
  const unit = useRef<UnitPickerHandle>(null)
  /**
   * A room typed but not picked narrows the search only when it is one unit; otherwise the search
   * stops with the reason at 房屋 (it never runs silently without the filter the clerk typed).
   */
  const search = async (v: Record<string, dayjs.Dayjs[] | string | undefined>) => {
    let unitId = (v.unitId as string) || undefined
    if (!unitId && unit.current?.pending()) {
      const r = await unit.current.resolve()
      if (r && 'problem' in r) {
        form.setFields([{ name: 'unitId', errors: [r.problem] }])
        unit.current.focus()
        return
      }
      if (r) unitId = r.unitId
    }
    const range = v.range as dayjs.Dayjs[] | undefined
    setFilters({
      from: range?.[0]?.format('YYYY-MM-DD'),
      to: range?.[1]?.format('YYYY-MM-DD'),
      kind: v.kind as Filters['kind'],
      status: v.status as Filters['status'],
      staffId: v.staffId as string | undefined,
      unitId,
      q: (v.q as string) || undefined,
      page: 1,
      pageSize: 50,
    })
  }
  return (
    <Card
      title="值班记录查询"
      data-testid="log-search-page"
      extra={
        <Space>
          <DatePicker value={printDate} onChange={(d) => d && setPrintDate(d)} allowClear={false} />
          <Button icon={<PrinterOutlined />} loading={print.isPending} onClick={() => print.mutate({ date: printDate.format('YYYY-MM-DD') })} data-testid="print-day-log">
            打印当日值班记录表
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }} initialValues={{ range: [dayjs(filters.from), null] }} onFinish={search}>
        <Form.Item name="range" label="日期" tooltip="按班次日期:夜班凌晨的记录属于夜班开始的那一天">
          <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '至今']} />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Select allowClear style={{ width: 110 }} options={LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="status" label="状态">
          <Select allowClear style={{ width: 100 }} options={LOG_STATUSES.map((s) => ({ value: s, label: LOG_STATUS_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="staffId" label="记录人">
          <Select allowClear style={{ width: 110 }} options={(staff.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="unitId" label="房屋" style={{ minWidth: 220 }}>
          <UnitPicker handle={unit} />
        </Form.Item>
        <Form.Item name="q" label="内容">
          <Input allowClear placeholder="关键字" style={{ width: 140 }} data-testid="log-q" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
      </Form>
      <EntriesTable
        rows={list.data?.rows}
        loading={list.isLoading}
        canWrite={canWrite}
        showShift
        testId="log-results"
        pagination={{ current: filters.page, pageSize: 50, total: list.data?.total, showSizeChanger: false, onChange: (p: number) => setFilters({ ...filters, page: p }), showTotal: (t: number) => `共 ${t} 条` }}
      />
    </Card>
  )
}
