import { Button, Card, DatePicker, Space, Table, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import type { VisitRow } from '../../../shared/visitor/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { coreNow } from '../api/useCoreNow'

const hm = (at: string | null) => (at ? dayjs(at).format('HH:mm') : '')

/** 业户访问记录 of a day: every visit, signed out or still in; printable. */
export function VisitBook() {
  const [day, setDay] = useState<Dayjs>(dayjs(coreNow()))
  const date = day.format('YYYY-MM-DD')
  const list = useDesk('visitor.day', { date })
  const print = useDeskMutation('visitor.printDay', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  return (
    <Card
      size="small"
      title="业户访问记录"
      data-testid="visit-book"
      extra={
        <Space>
          <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
          <Button onClick={() => print.mutate({ date })} loading={print.isPending} data-testid="print-visit-book">打印业户访问记录</Button>
        </Space>
      }
    >
      <Table<VisitRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '当天没有访客登记' }}
        columns={[
          { title: '访客单', dataIndex: 'serial', width: 112 },
          { title: '访客', render: (_, v) => `${v.visitorName}${v.people > 1 ? `(${v.people}人)` : ''}` },
          { title: '电话/证件', render: (_, v) => [v.phone, v.idNumber].filter(Boolean).join(' ') },
          { title: '来访房屋', render: (_, v) => `${v.unitLabel}${v.hostName ? ` · ${v.hostName}` : ''}` },
          { title: '事由', dataIndex: 'purpose', ellipsis: true },
          { title: '车牌', dataIndex: 'carPlate', width: 96 },
          { title: '签到', render: (_, v) => `${hm(v.signedInAt)} ${v.signedInBy}`, width: 110 },
          { title: '签离', width: 110, render: (_, v) => (v.signedOutAt ? `${hm(v.signedOutAt)} ${v.signedOutBy}` : <Typography.Text type="danger">未签离</Typography.Text>) },
        ]}
      />
    </Card>
  )
}
