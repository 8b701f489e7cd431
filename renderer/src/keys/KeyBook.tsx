import { Button, Card, DatePicker, Space, Table, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { overdueText } from '../../../shared/keys/rules'
import type { KeyLoanRow } from '../../../shared/keys/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { coreNow } from '../api/useCoreNow'

const t = (at: string | null) => (at ? dayjs(at).format('MM-DD HH:mm') : '')

/** 钥匙借用登记: the loans of a day or a range, with their returns and losses; printable. */
export function KeyBook() {
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs(coreNow()), dayjs(coreNow())])
  const input = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }
  const list = useDesk('keyLoan.list', input)
  const print = useDeskMutation('keyLoan.print', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  return (
    <Card
      size="small"
      title="钥匙借用登记"
      data-testid="key-book"
      extra={
        <Space>
          <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
          <Button onClick={() => print.mutate(input)} loading={print.isPending} data-testid="print-book">打印钥匙借用登记表</Button>
        </Space>
      }
    >
      <Table<KeyLoanRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '该期间没有钥匙借用' }}
        columns={[
          { title: '牌号', dataIndex: 'tagNo', width: 64 },
          { title: '钥匙', dataIndex: 'keyName' },
          { title: '借用人', render: (_, l) => (l.company ? `${l.borrowerName}(${l.company})` : l.borrowerName) },
          { title: '电话/证件', render: (_, l) => [l.phone, l.idNumber].filter(Boolean).join(' ') || '本项目员工' },
          { title: '事由', dataIndex: 'purpose' },
          { title: '借出', render: (_, l) => `${t(l.lentAt)} ${l.lentByName}` },
          { title: '预计归还', render: (_, l) => t(l.dueAt) },
          {
            title: '归还',
            render: (_, l) =>
              l.lostAt ? (
                <Tag color="red">报失:{l.lostReason}</Tag>
              ) : l.returnedAt ? (
                <span>
                  {`${t(l.returnedAt)} ${l.returnedBy}${l.condition ? `(${l.condition})` : ''}`}
                  {l.lateMinutes > 0 && <Tag color="red" style={{ marginLeft: 4 }}>逾期{overdueText(l.lateMinutes)}归还</Tag>}
                </span>
              ) : l.overdueMinutes > 0 ? (
                <Typography.Text type="danger">未还,逾期{overdueText(l.overdueMinutes)}</Typography.Text>
              ) : (
                <Tag color="orange">借出中</Tag>
              ),
          },
        ]}
      />
    </Card>
  )
}
