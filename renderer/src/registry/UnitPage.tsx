import { READS_SPARE_KEYS } from '../../../shared/spareKeys/schema'
import { UnitSpareKeys } from '../spareKeys/UnitSpareKeys'
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Descriptions, Drawer, Popconfirm, Result, Space, Spin, Table, Tag } from 'antd'
import { useState } from 'react'
import { AGENT_SCOPE_LABELS, RESIDENT_KIND_LABELS, type AgentRow, type ResidentRow } from '../../../shared/registry/schema'
import { CARD_DESK_ROLES } from '../../../shared/cards/schema'
import { DESK_ROLES, MANAGES_REGISTRY } from '../../../shared/roles'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { go } from '../router'
import { AgentForm } from './AgentForm'
import { ResidentForm } from './ResidentForm'
import { IssueCardDrawer, UnitHoldings } from './UnitHoldings'

/** A unit and everyone linked to it: owners, family, tenants, and the owner's authorised agents. */
export function UnitPage({ id, me }: { id: string; me: SessionInfo }) {
  const detail = useDesk('unit.get', { id })
  const [form, setForm] = useState<{ open: boolean; editing: ResidentRow | null }>({ open: false, editing: null })
  const [viewing, setViewing] = useState<string | null>(null)
  const [agentOpen, setAgentOpen] = useState(false)
  const remove = useDeskMutation('resident.remove', { success: '住户已移除' })
  const revoke = useDeskMutation('agent.revoke', { success: '授权已撤销' })
  const canManage = me.staff.roles.some((r) => MANAGES_REGISTRY.includes(r))
  // What the unit holds (cards, permits, passes) names its people: the desk's roles see it, as on 门禁卡.
  const seesHoldings = me.staff.roles.some((r) => DESK_ROLES.includes(r))
  const seesSpareKeys = me.staff.roles.some((r) => READS_SPARE_KEYS.includes(r))
  const canIssue = me.staff.roles.some((r) => CARD_DESK_ROLES.includes(r))
  const [issuing, setIssuing] = useState<{ holderId?: string } | null>(null)

  if (detail.isLoading) return <Spin />
  if (detail.error) return <Result status="warning" title={detail.error.message} extra={<Button onClick={() => go('/units')}>返回</Button>} />
  const { unit, residents, agents } = detail.data!
  const owners = residents.filter((r) => r.kind === 'owner')

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => go('/units')} />
            <span data-testid="unit-title">{unit.label}</span>
          </Space>
        }
      >
        <Descriptions column={4} size="small">
          <Descriptions.Item label="楼栋">{unit.buildingCode}栋</Descriptions.Item>
          <Descriptions.Item label="单元">{unit.entrance ? `${unit.entrance}单元` : '—'}</Descriptions.Item>
          <Descriptions.Item label="房号">{unit.room}</Descriptions.Item>
          <Descriptions.Item label="面积">{unit.areaM2 ? `${unit.areaM2} ㎡` : '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title="住户"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setForm({ open: true, editing: null })} data-testid="add-resident">
            登记住户
          </Button>
        }
      >
        <Table<ResidentRow>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={residents}
          data-testid="residents-table"
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '类型', dataIndex: 'kind', render: (k: ResidentRow['kind']) => <Tag color={k === 'owner' ? 'gold' : k === 'tenant' ? 'purple' : 'default'}>{RESIDENT_KIND_LABELS[k]}</Tag> },
            { title: '电话', dataIndex: 'phone' },
            { title: '身份证号', dataIndex: 'idNumber', render: (v) => v ?? '—' },
            { title: '入住日期', dataIndex: 'moveInDate', render: (v) => v ?? '—' },
            {
              title: '操作',
              render: (_, r) => (
                <Space>
                  <Button size="small" onClick={() => setViewing(r.id)}>
                    详情
                  </Button>
                  {canIssue && (
                    <Button size="small" onClick={() => setIssuing({ holderId: r.id })} data-testid={`issue-card-${r.name}`}>
                      发卡
                    </Button>
                  )}
                  {canManage && (
                    <Popconfirm title={`移除住户 ${r.name}?`} description="记录会保留在历史中" onConfirm={() => remove.mutate({ id: r.id, reason: '前台移除' })}>
                      <Button size="small" danger>
                        移除
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title="业主授权代理人"
        extra={
          <Button icon={<PlusOutlined />} disabled={!owners.length} onClick={() => setAgentOpen(true)}>
            登记授权
          </Button>
        }
      >
        <Table<AgentRow>
          rowKey="id"
          size="middle"
          pagination={false}
          dataSource={agents}
          locale={{ emptyText: '无授权代理人' }}
          columns={[
            { title: '代理人', dataIndex: 'name' },
            { title: '授权业主', dataIndex: 'ownerName' },
            { title: '电话', dataIndex: 'phone' },
            { title: '身份证号', dataIndex: 'idNumber' },
            { title: '授权范围', dataIndex: 'scopes', render: (s: AgentRow['scopes']) => s.map((x) => <Tag key={x}>{AGENT_SCOPE_LABELS[x]}</Tag>) },
            { title: '有效期至', dataIndex: 'validUntil', render: (v) => v ?? '长期' },
            {
              title: '状态',
              render: (_, a) =>
                a.revokedAt ? (
                  <Tag>已撤销</Tag>
                ) : (
                  <Popconfirm title={`撤销 ${a.name} 的授权?`} onConfirm={() => revoke.mutate({ id: a.id })}>
                    <Button size="small">撤销</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      {/* Spare keys in custody and who may collect them, beside the agents: "can this person pick up the key?" on one screen. */}
      {seesSpareKeys && <UnitSpareKeys unitId={unit.id} />}
      {seesHoldings && <UnitHoldings unitId={unit.id} canIssue={canIssue} onIssue={() => setIssuing({})} />}
      {issuing && <IssueCardDrawer unit={{ id: unit.id, label: unit.label }} holderId={issuing.holderId} onClose={() => setIssuing(null)} />}
      <ResidentForm unitId={unit.id} open={form.open} editing={form.editing} onClose={() => setForm({ open: false, editing: null })} />
      <AgentForm unitId={unit.id} owners={owners} open={agentOpen} onClose={() => setAgentOpen(false)} />
      <ResidentDrawer id={viewing} onClose={() => setViewing(null)} onEdit={(r) => (setViewing(null), setForm({ open: true, editing: r }))} />
    </Space>
  )
}

/** The detail: whole ID number and phone for roles that need them (the look is audited). */
function ResidentDrawer({ id, onClose, onEdit }: { id: string | null; onClose: () => void; onEdit: (r: ResidentRow) => void }) {
  const r = useDesk('resident.get', { id: id ?? '' }, { enabled: !!id, staleTime: 0, gcTime: 0 })
  return (
    <Drawer title="住户详情" open={!!id} onClose={onClose} width={420} extra={r.data && <Button onClick={() => onEdit(r.data!)}>修改</Button>}>
      {r.data && (
        <Descriptions column={1} bordered size="small" data-testid="resident-detail">
          <Descriptions.Item label="姓名">{r.data.name}</Descriptions.Item>
          <Descriptions.Item label="类型">{RESIDENT_KIND_LABELS[r.data.kind]}</Descriptions.Item>
          <Descriptions.Item label="房屋">{r.data.unitLabel}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{r.data.phone}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{r.data.idNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="入住日期">{r.data.moveInDate ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="备注">{r.data.note ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  )
}
