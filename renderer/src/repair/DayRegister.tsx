import { Button, Card, DatePicker, Space, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { localDate } from '../../../shared/time/zone'
import { REPAIR_STATE_LABELS, type RepairRow } from '../../../shared/repair/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { coreNow } from '../api/useCoreNow'
import { downloadPdf } from '../print/download'
import { go } from '../router'
import { ClockTags } from './ClockTags'
import { siteTime } from './format'
import { useServerNow } from './useServerNow'

/** 当日报修登记: the orders received on a day of the site and those completed on it; printable (A4 landscape). */
export function DayRegister({ tz }: { tz: string }) {
  const [day, setDay] = useState<Dayjs>(() => dayjs(localDate(coreNow(), tz)))
  const date = day.format('YYYY-MM-DD')
  const list = useDesk('repair.day', { date })
  const now = useServerNow(list.data?.now, list.dataUpdatedAt)
  const print = useDeskMutation('repair.printDay', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  return (
    <Card
      size="small"
      title={`当日报修登记 ${date}(${list.data?.rows.length ?? 0} 单)`}
      data-testid="repair-day"
      extra={
        <Space>
          <DatePicker value={day} allowClear={false} onChange={(v) => v && setDay(v)} />
          <Button onClick={() => print.mutate({ date })} loading={print.isPending} data-testid="print-day">
            打印当日报修登记
          </Button>
        </Space>
      }
    >
      <Table<RepairRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.rows}
        pagination={{ pageSize: 100, hideOnSinglePage: true }}
        locale={{ emptyText: '当天没有报修' }}
        columns={[
          { title: '编号', dataIndex: 'serial', width: 118, render: (v, r) => <a onClick={() => go(`/repairs/${r.id}`)}>{v}</a> },
          { title: '报修时间', width: 92, render: (_, r) => siteTime(r.receivedAt, tz) },
          { title: '房屋', dataIndex: 'unitLabel', width: 120 },
          { title: '内容', render: (_, r) => <span>{r.urgent && <Tag color="red">急修</Tag>}{r.category} · {r.content}</span> },
          { title: '联系人', width: 150, render: (_, r) => `${r.contactName} ${r.contactPhone}` },
          { title: '状态', width: 96, render: (_, r) => REPAIR_STATE_LABELS[r.state] },
          { title: '时限', width: 280, render: (_, r) => <ClockTags clocks={r.clocks} now={now} /> },
        ]}
      />
    </Card>
  )
}
