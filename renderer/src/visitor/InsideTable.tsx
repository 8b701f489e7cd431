import { Button, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import type { VisitRow } from '../../../shared/visitor/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { call } from '../api/transport'
import { downloadPdf } from '../print/download'
import { useState } from 'react'
import { EditVisitModal } from './EditVisitModal'

const t = (at: string) => dayjs(at).format('MM-DD HH:mm')

/** 在访访客 at a glance: who is still in, since when (a visit of an earlier day in red), 签离 with one click. */
export function InsideTable({ canSignOut }: { canSignOut: boolean }) {
  const inside = useDesk('visitor.inside', {}, { refetchInterval: 60_000 })
  const out = useDeskMutation('visitor.signOut', { success: '已签离' })
  const [editing, setEditing] = useState<VisitRow | null>(null)
  return (
    <>
    <EditVisitModal visit={editing} onClose={() => setEditing(null)} />
    <Table<VisitRow>
      data-testid="visitors-inside"
      rowKey="id"
      size="small"
      loading={inside.isLoading}
      dataSource={inside.data}
      pagination={false}
      locale={{ emptyText: '目前没有未签离的访客' }}
      columns={[
        { title: '访客单', dataIndex: 'serial', width: 112 },
        { title: '访客', render: (_, v) => `${v.visitorName}${v.people > 1 ? `(${v.people}人)` : ''}` },
        { title: '电话', dataIndex: 'phone', width: 118 },
        { title: '来访房屋', render: (_, v) => `${v.unitLabel}${v.hostName ? ` · ${v.hostName}` : ''}` },
        { title: '事由', dataIndex: 'purpose', ellipsis: true },
        { title: '车牌', dataIndex: 'carPlate', width: 96 },
        {
          title: '签到',
          width: 150,
          render: (_, v) =>
            v.stayedOver ? (
              <Typography.Text type="danger" strong>
                {t(v.signedInAt)} <Tag color="red">隔日未签离</Tag>
              </Typography.Text>
            ) : (
              `${dayjs(v.signedInAt).format('HH:mm')} · ${v.signedInBy}`
            ),
        },
        {
          title: '操作',
          width: 200,
          render: (_, v) => (
            <Space size={4}>
              {canSignOut && (
                <Popconfirm title={`${v.visitorName} 签离?`} okText="签离" cancelText="取消" onConfirm={() => out.mutate({ id: v.id })}>
                  <Button size="small" type="primary" data-testid="visitor-signout">签离</Button>
                </Popconfirm>
              )}
              {canSignOut && <Button size="small" onClick={() => setEditing(v)}>修改</Button>}
              <Button size="small" onClick={() => void call('visitor.printSlip', { id: v.id }).then((p) => downloadPdf(p.fileName, p.pdfBase64))}>打印</Button>
            </Space>
          ),
        },
      ]}
    />
    </>
  )
}
