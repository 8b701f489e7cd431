import { Button, Card, Empty, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState, type ReactNode } from 'react'
import { COLLECTOR_STATUS_LABELS, SPARE_KEY_STATE_LABELS, type CollectorStatus, type SpareKeyCollector, type SpareKeyCollectorFile, type SpareKeyDeposit, type SpareKeyState } from '../../../shared/spareKeys/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { useWhen } from './when'

const STATE_COLOR: Record<SpareKeyState, string> = { held: 'green', out: 'orange', closed: 'default' }
const STATUS_COLOR: Record<CollectorStatus, string> = { valid: 'green', notYet: 'blue', expired: 'red', ended: 'default', ownerGone: 'red' }

export function SpareKeyStateTag({ d }: { d: SpareKeyDeposit }) {
  return <Tag color={STATE_COLOR[d.state]}>{d.state === 'out' ? `已由 ${d.outTo} 领出` : SPARE_KEY_STATE_LABELS[d.state]}</Tag>
}

/** The scanned authorisation, opened for a look (each opening is audited by the core). */
export function AuthorisationButton({ c }: { c: SpareKeyCollector }) {
  const [shown, setShown] = useState<SpareKeyCollectorFile | null>(null)
  const open = useDeskMutation('spareKeyCollector.file', { onSuccess: setShown })
  return (
    <>
      {c.files.map((f) => (
        <Button key={f.id} size="small" type="link" onClick={() => open.mutate({ id: f.id })} style={{ padding: 0 }}>
          {f.label}
        </Button>
      ))}
      <Modal open={!!shown} title={`${c.name} · ${shown?.label ?? ''}`} footer={null} onCancel={() => setShown(null)} width={720} destroyOnHidden>
        {shown && (shown.mime === 'application/pdf' ? <iframe title={shown.fileName} src={shown.dataUrl} style={{ width: '100%', height: 600, border: 0 }} /> : <img alt={shown.label} src={shown.dataUrl} style={{ maxWidth: '100%' }} />)}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          本次查看已记入审计日志。
        </Typography.Paragraph>
      </Modal>
    </>
  )
}

/**
 * One unit's spare keys at a glance — for the 钥匙管理 tab and the unit page: the deposits held (or
 * out, with who took them) and who may collect them today (valid), or no longer (expired, ended).
 * The clerk asked "can this person pick up the key for 3-2-1502?" has the answer here.
 */
export function UnitSpareKeys({
  unitId,
  depositActions,
  collectorActions,
  extra,
}: {
  unitId: string
  depositActions?: (d: SpareKeyDeposit) => ReactNode
  collectorActions?: (c: SpareKeyCollector) => ReactNode
  /** Buttons beside the collectors' title (添加授权领取人 for the administrator). */
  extra?: ReactNode
}) {
  const q = useDesk('spareKey.forUnit', { unitId })
  const when = useWhen()
  const data = q.data
  return (
    <Space direction="vertical" size="small" style={{ width: '100%' }} data-testid="unit-spare-keys">
      <Card size="small" title={`寄存钥匙(在库 ${data?.keysHeld ?? 0} 把)`}>
        <Table<SpareKeyDeposit>
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.isLoading}
          dataSource={data?.deposits ?? []}
          scroll={{ x: 'max-content' }}
          style={{ whiteSpace: 'nowrap' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该房屋没有寄存钥匙" /> }}
          columns={[
            { title: '回执号', dataIndex: 'receiptNo', render: (v: string) => <span data-testid={`spare-${v}`}>{v}</span> },
            { title: '钥匙', render: (_, d) => `${d.description} ${d.keyCount}把` },
            { title: '封袋', dataIndex: 'bagNo' },
            { title: '业主', dataIndex: 'ownerName' },
            { title: '寄存时间', dataIndex: 'depositedAt', render: (v: string) => when(v) },
            { title: '状态', render: (_, d) => <SpareKeyStateTag d={d} /> },
            ...(depositActions ? [{ title: '操作', render: (_: unknown, d: SpareKeyDeposit) => depositActions(d) }] : []),
          ]}
        />
      </Card>
      <Card size="small" title="授权领取人(业主书面授权)" extra={extra}>
        <Table<SpareKeyCollector>
          rowKey="id"
          size="small"
          pagination={false}
          loading={q.isLoading}
          dataSource={data?.collectors ?? []}
          scroll={{ x: 'max-content' }}
          style={{ whiteSpace: 'nowrap' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未登记授权领取人:仅业主本人可领取" /> }}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '关系', dataIndex: 'relation' },
            { title: '身份证号', dataIndex: 'idNumber' },
            { title: '电话', dataIndex: 'phone' },
            { title: '有效期', render: (_, c) => `${c.validFrom} 至 ${c.validTo}` },
            { title: '状态', render: (_, c) => <Tag color={STATUS_COLOR[c.status]} title={c.endReason ?? undefined}>{COLLECTOR_STATUS_LABELS[c.status]}</Tag> },
            { title: '授权书', render: (_, c) => <AuthorisationButton c={c} /> },
            ...(collectorActions ? [{ title: '', render: (_: unknown, c: SpareKeyCollector) => collectorActions(c) }] : []),
          ]}
        />
      </Card>
    </Space>
  )
}
