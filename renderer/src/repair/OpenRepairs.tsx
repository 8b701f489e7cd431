import { Button, Card, Input, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { REPAIR_STATE_LABELS, type RepairRow } from '../../../shared/repair/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { go } from '../router'
import { ClockTags, clockNow } from './ClockTags'
import { siteTime } from './format'
import { useServerNow } from './useServerNow'

const LAST_RECEIVER = 'repair.lastReceiver'

/** 转工程部 from the list: who at engineering took it (the last name offered), Enter saves. */
function ForwardModal({ row, onClose }: { row: RepairRow | null; onClose: () => void }) {
  return (
    <Modal open={!!row} title={row ? `转工程部 · ${row.serial} ${row.unitLabel}` : ''} onCancel={onClose} footer={null} destroyOnHidden>
      {row && <ForwardBody key={row.id} row={row} onClose={onClose} />}
    </Modal>
  )
}

function ForwardBody({ row, onClose }: { row: RepairRow; onClose: () => void }) {
  const [receiver, setReceiver] = useState(() => localStorage.getItem(LAST_RECEIVER) ?? '')
  const forward = useDeskMutation('repair.forward', { success: '已转工程部', onSuccess: () => onClose() })
  const ok = () => {
    localStorage.setItem(LAST_RECEIVER, receiver.trim())
    forward.mutate({ id: row.id, receiver })
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{row.content}</Typography.Text>
      <Input
        autoFocus
        onFocus={(e) => e.target.select()}
        value={receiver}
        onChange={(e) => setReceiver(e.target.value)}
        onPressEnter={ok}
        addonBefore="工程部接单人"
        data-testid="forward-receiver"
        status={forward.error ? 'error' : undefined}
      />
      {forward.error && <Typography.Text type="danger">{forward.error.message}</Typography.Text>}
      <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
        <Button onClick={onClose}>取消</Button>
        <Button type="primary" onClick={ok} loading={forward.isPending}>
          已转(Enter)
        </Button>
      </Space>
    </Space>
  )
}

/** The open repair orders with their clocks, live each second, late ones red and first. */
export function OpenRepairs({ tz }: { tz: string }) {
  const open = useDesk('repair.open', {}, { refetchInterval: 30_000 })
  const now = useServerNow(open.data?.now, open.dataUpdatedAt)
  const [forwarding, setForwarding] = useState<RepairRow | null>(null)
  const rows = open.data?.rows ?? []
  const lateNow = (r: RepairRow) => r.clocks.some((c) => ['late', 'breached'].includes(clockNow(c, now).state))
  const late = rows.filter(lateNow).length
  return (
    <Card size="small" title={`未结报修(${rows.length}${late ? `,超时 ${late}` : ''})`} data-testid="open-repairs">
      <Table<RepairRow>
        data-testid="open-repairs-table"
        rowKey="id"
        size="small"
        loading={open.isLoading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有未结的报修' }}
        onRow={(r) => ({ onDoubleClick: () => go(`/repairs/${r.id}`), style: lateNow(r) ? { background: '#fff1f0' } : undefined, 'data-late': lateNow(r) ? '1' : '0' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '编号', dataIndex: 'serial', width: 118, render: (v, r) => <a onClick={() => go(`/repairs/${r.id}`)}>{v}</a> },
          { title: '报修时间', width: 92, render: (_, r) => siteTime(r.receivedAt, tz) },
          { title: '房屋', dataIndex: 'unitLabel', width: 120 },
          { title: '内容', render: (_, r) => <span>{r.urgent && <Tag color="red">急修</Tag>}{r.category} · {r.content}</span> },
          { title: '联系人', width: 150, render: (_, r) => `${r.contactName} ${r.contactPhone}` },
          { title: '状态', width: 96, render: (_, r) => REPAIR_STATE_LABELS[r.state] + (r.forwardedTo ? `(${r.forwardedTo})` : '') },
          { title: '时限', width: 250, render: (_, r) => <ClockTags clocks={r.clocks} now={now} open /> },
          {
            title: '操作',
            width: 110,
            render: (_, r) => (
              <Space size={4}>
                {r.state === 'toForward' && (
                  <Button size="small" type="primary" onClick={() => setForwarding(r)} data-testid={`forward-${r.serial}`}>
                    转单
                  </Button>
                )}
                <Button size="small" onClick={() => go(`/repairs/${r.id}`)}>
                  详情
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ForwardModal row={forwarding} onClose={() => setForwarding(null)} />
    </Card>
  )
}
