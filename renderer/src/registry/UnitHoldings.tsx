import { CreditCardOutlined } from '@ant-design/icons'
import { Button, Card, Drawer, Space, Table, Tag, Typography } from 'antd'
import { CARD_STATUS_LABELS, type CardRow, type CardStatus } from '../../../shared/cards/schema'
import type { PermitRow } from '../../../shared/permit/apiSchema'
import type { HeldPass } from '../../../shared/registry/holdings'
import { localDateTime } from '../../../shared/time/zone'
import { fenToYuanText } from '../../../shared/validate/money'
import { useDesk } from '../api/hooks'
import { IssueCard } from '../cards/IssueCard'
import { go } from '../router'

const CARD_COLOR: Record<CardStatus, string> = { active: 'green', lost: 'red', returned: 'default' }
const PERMIT_COLOR: Partial<Record<PermitRow['state'], string>> = { inReview: 'gold', approved: 'blue', issued: 'green', expired: 'red' }
const validity = (p: PermitRow) => (p.validFrom === p.validUntil ? p.validFrom : `${p.validFrom} 至 ${p.validUntil}`)

function PermitState({ p }: { p: PermitRow | HeldPass }) {
  const overdue = 'overdue' in p && p.overdue
  return (
    <Tag color={PERMIT_COLOR[p.state]}>
      {p.stateLabel}
      {p.state === 'inReview' && p.nextStepLabel ? `(待${p.nextStepLabel})` : ''}
      {overdue || (p.state === 'expired' && p.printCount > 0) ? ',未交回' : ''}
    </Tag>
  )
}

const serialLink = (serial: string, p: PermitRow) => (
  <Typography.Link onClick={() => go(`/permits/${p.id}`)} data-testid={`held-${serial}`}>
    {serial}
  </Typography.Link>
)

/**
 * Everything held for the unit (unit.holdings, one read): its access cards in every state, the permits
 * in force or on their way, the worker passes out. 发卡 opens the issue form with this unit (and the
 * holder, from a resident's row) filled in.
 */
export function UnitHoldings({ unitId, canIssue, onIssue }: { unitId: string; canIssue: boolean; onIssue: () => void }) {
  const h = useDesk('unit.holdings', { id: unitId })
  const tz = useDesk('site.get', {}).data?.timeZone ?? 'Asia/Shanghai'
  const data = h.data
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`门禁卡${data ? `(在用 ${data.cards.filter((c) => c.status === 'active').length} 张)` : ''}`}
        data-testid="unit-cards"
        extra={
          canIssue && (
            <Button type="primary" icon={<CreditCardOutlined />} onClick={onIssue} data-testid="unit-issue-card">
              发卡
            </Button>
          )
        }
      >
        <Table<CardRow>
          rowKey="id"
          size="small"
          pagination={false}
          loading={h.isLoading}
          dataSource={data?.cards ?? []}
          locale={{ emptyText: '本房屋没有发过门禁卡' }}
          columns={[
            { title: '卡号', dataIndex: 'cardNo', render: (v: string, c) => <span data-testid={`unit-card-${v}`}>{v}{c.replacesCardNo ? <Typography.Text type="secondary">(补 {c.replacesCardNo})</Typography.Text> : null}</span> },
            { title: '卡类', dataIndex: 'kindName' },
            { title: '持卡人', dataIndex: 'holderName' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: CardStatus, c) => (
                <Tag color={CARD_COLOR[s]}>
                  {CARD_STATUS_LABELS[s]}
                  {s === 'lost' ? (c.replacedByCardNo ? ` → ${c.replacedByCardNo}` : ',已停用') : ''}
                </Tag>
              ),
            },
            { title: '起始时间', dataIndex: 'since', render: (v: string) => localDateTime(v, tz) },
            { title: '押金', dataIndex: 'depositHeldFen', render: (v: number) => `${fenToYuanText(v)} 元` },
          ]}
        />
      </Card>
      <Card title="证件与出入证(在办、有效、未交回)" data-testid="unit-permits">
        <Table<PermitRow>
          rowKey="id"
          size="small"
          pagination={false}
          loading={h.isLoading}
          dataSource={data?.permits ?? []}
          locale={{ emptyText: '没有在办或有效的证件' }}
          columns={[
            { title: '编号', dataIndex: 'serial', render: serialLink },
            { title: '证件', dataIndex: 'kindName' },
            { title: '持证人', dataIndex: 'holderName' },
            { title: '有效期', render: (_: unknown, p) => validity(p) },
            { title: '状态', render: (_: unknown, p) => <PermitState p={p} /> },
          ]}
        />
        <Typography.Text strong style={{ display: 'block', margin: '12px 0 6px' }}>
          装修人员出入证(在外 {data?.passes.length ?? 0} 张)
        </Typography.Text>
        <Table<HeldPass>
          rowKey="id"
          size="small"
          pagination={false}
          loading={h.isLoading}
          dataSource={data?.passes ?? []}
          data-testid="unit-passes"
          locale={{ emptyText: '没有在外的出入证' }}
          columns={[
            { title: '编号', dataIndex: 'serial', render: serialLink },
            { title: '工人', dataIndex: 'holderName' },
            { title: '装修许可证', dataIndex: 'parentSerial' },
            { title: '有效期', render: (_: unknown, p) => validity(p) },
            { title: '状态', render: (_: unknown, p) => <PermitState p={p} /> },
            { title: '押金', dataIndex: 'depositHeldFen', render: (v: number) => `${fenToYuanText(v)} 元` },
          ]}
        />
      </Card>
    </Space>
  )
}

/** 发卡 from the unit page: the issue form with the unit fixed and the holder picked from its residents. */
export function IssueCardDrawer({ unit, holderId, onClose }: { unit: { id: string; label: string }; holderId?: string; onClose: () => void }) {
  return (
    <Drawer open width={1040} title={`发卡 · ${unit.label}`} onClose={onClose} destroyOnHidden data-testid="unit-issue-drawer">
      <IssueCard unit={unit} holderId={holderId} onIssued={onClose} />
    </Drawer>
  )
}
