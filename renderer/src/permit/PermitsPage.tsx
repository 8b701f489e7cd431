import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Dropdown, Form, Input, Select, Space, Tabs } from 'antd'
import { useState } from 'react'
import { PERMIT_DESK_ROLES, type PermitRow } from '../../../shared/permit/apiSchema'
import { PERMIT_KIND_DEFS, PERMIT_KINDS, PERMIT_STATES, PERMIT_STATE_LABELS, type PermitKind } from '../../../shared/permit/kinds'
import type { In } from '../../../shared/api'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { READS_AUDIT } from '../../../shared/roles'
import { ApplyDrawer } from './ApplyDrawer'
import { SealCheckButton } from './PermitExtras'
import { PermitTable } from './PermitTable'

/** Kinds the desk opens directly; worker passes and extensions start from their renovation. */
const NEW_KINDS: PermitKind[] = ['renovation', 'hotWork', 'releaseSlip', 'additionalWorks', 'liftUse']

/** 证件办理: all applications and documents, what waits for my review, and new applications. */
export function PermitsPage({ me }: { me: SessionInfo }) {
  const desk = me.staff.roles.some((r) => PERMIT_DESK_ROLES.includes(r))
  const audits = me.staff.roles.some((r) => READS_AUDIT.includes(r))
  const queue = useDesk('permit.queue', {})
  const [filters, setFilters] = useState<In<'permit.list'>>({ page: 1, pageSize: 50 })
  const list = useDesk('permit.list', filters)
  const [applying, setApplying] = useState<PermitKind | null>(null)
  const mine: PermitRow[] = queue.data ?? []
  return (
    <Card
      title="证件办理"
      data-testid="permits-page"
      extra={
        <Space>
          {audits && <SealCheckButton />}
          {desk && (
            <Dropdown menu={{ items: NEW_KINDS.map((k) => ({ key: k, label: PERMIT_KIND_DEFS[k].formName })), onClick: (e) => setApplying(e.key as PermitKind) }}>
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-permit">
                新办申请
              </Button>
            </Dropdown>
          )}
        </Space>
      }
    >
      <Tabs
        defaultActiveKey={desk ? 'all' : 'queue'}
        items={[
          {
            key: 'queue',
            label: `待我审核(${mine.length})`,
            children: <PermitTable rows={mine} loading={queue.isLoading} testId="permit-queue" />,
          },
          {
            key: 'all',
            label: '全部证件',
            children: (
              <>
                <Form layout="inline" style={{ marginBottom: 12 }} onFinish={(v) => setFilters({ ...v, q: v.q || undefined, page: 1, pageSize: 50 })}>
                  <Form.Item name="kind" label="类型">
                    <Select allowClear style={{ width: 150 }} options={PERMIT_KINDS.map((k) => ({ value: k, label: PERMIT_KIND_DEFS[k].name }))} />
                  </Form.Item>
                  <Form.Item name="state" label="状态">
                    <Select allowClear style={{ width: 110 }} options={PERMIT_STATES.map((s) => ({ value: s, label: PERMIT_STATE_LABELS[s] }))} />
                  </Form.Item>
                  <Form.Item name="q" label="查找">
                    <Input allowClear placeholder="编号/姓名/房号" style={{ width: 160 }} />
                  </Form.Item>
                  <Space>
                    <Button htmlType="submit">查询</Button>
                  </Space>
                </Form>
                <PermitTable
                  rows={list.data?.rows}
                  loading={list.isLoading}
                  testId="permit-list"
                  pagination={{ current: filters.page, pageSize: 50, total: list.data?.total, onChange: (p: number) => setFilters({ ...filters, page: p }), showSizeChanger: false }}
                />
              </>
            ),
          },
        ]}
      />
      {applying && <ApplyDrawer kind={applying} onClose={() => setApplying(null)} />}
    </Card>
  )
}
