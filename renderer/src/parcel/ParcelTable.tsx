import { Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import type { ReactNode } from 'react'
import { NOTICE_CHANNEL_LABELS, PARCEL_KIND_LABELS, type ParcelRow } from '../../../shared/parcel/schema'

const t = (at: string | null) => (at ? dayjs(at).format('MM-DD HH:mm') : '')

/** Parcels with their notices, named collectors and pickup; those waiting over the site's days in red. */
export function ParcelTable({ rows, loading, actions, testId, empty }: { rows: ParcelRow[]; loading?: boolean; actions?: (p: ParcelRow) => ReactNode; testId: string; empty: string }) {
  return (
    <Table<ParcelRow>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: empty }}
      onRow={(p) => ({ style: p.overdue ? { background: '#fff1f0' } : undefined, 'data-overdue': p.overdue ? '1' : undefined }) as never}
      columns={[
        { title: '编号', dataIndex: 'serial', width: 112 },
        { title: '房屋', dataIndex: 'unitLabel', width: 120 },
        { title: '收件人', render: (_, p) => `${p.addressee} ${p.addresseePhone}`, width: 150 },
        { title: '快递/运单号', render: (_, p) => `${p.carrier} ${p.trackingNo}` },
        { title: '类型', render: (_, p) => PARCEL_KIND_LABELS[p.kind], width: 90 },
        { title: '存放', dataIndex: 'shelf', width: 70 },
        {
          title: '收件',
          width: 120,
          render: (_, p) =>
            p.overdue ? (
              <Typography.Text type="danger" strong>
                {t(p.receivedAt)} <Tag color="red">已等{p.waitingDays}天</Tag>
              </Typography.Text>
            ) : (
              t(p.receivedAt)
            ),
        },
        {
          title: '通知/代领人',
          render: (_, p) => (
            <span>
              {p.notices.length ? p.notices.map((n) => `${t(n.at)} ${NOTICE_CHANNEL_LABELS[n.channel]}(${n.byName})`).join(';') : <Typography.Text type="warning">未通知</Typography.Text>}
              {p.delegates.map((d) => (
                <Tag key={d.name + d.at} style={{ marginLeft: 4 }}>代领 {d.name}</Tag>
              ))}
            </span>
          ),
        },
        ...(actions
          ? [{ title: '操作', width: 200, render: (_: unknown, p: ParcelRow) => actions(p) }]
          : [{ title: '领取', width: 170, render: (_: unknown, p: ParcelRow) => (p.pickedUpAt ? `${t(p.pickedUpAt)} ${p.pickerName}${p.pickerRole === 'delegate' ? '(代领)' : ''}` : <Tag color="orange">未领</Tag>) }]),
      ]}
    />
  )
}
