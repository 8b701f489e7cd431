import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { buildingCreateInput, unitCreateInput, type UnitRow } from '../../../shared/registry/schema'
import { MANAGES_REGISTRY } from '../../../shared/roles'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'
import { go } from '../router'

/** Buildings and their units; a unit opens its page with everyone linked to it. */
export function UnitsPage({ me }: { me: SessionInfo }) {
  const buildings = useDesk('building.list', {})
  const [buildingId, setBuildingId] = useState<string | undefined>()
  const [page, setPage] = useState(1)
  const units = useDesk('unit.list', { buildingId, page, pageSize: 50 })
  const [addBuilding, setAddBuilding] = useState(false)
  const [addUnit, setAddUnit] = useState(false)
  const canManage = me.staff.roles.some((r) => MANAGES_REGISTRY.includes(r))

  return (
    <Card
      title="房屋住户"
      extra={
        canManage && (
          <Space>
            <Button icon={<PlusOutlined />} onClick={() => setAddBuilding(true)}>
              新增楼栋
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddUnit(true)} disabled={!buildings.data?.length}>
              新增房屋
            </Button>
          </Space>
        )
      }
    >
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>楼栋:</Typography.Text>
        <Select
          style={{ width: 200 }}
          allowClear
          placeholder="全部楼栋"
          value={buildingId}
          onChange={(v) => {
            setBuildingId(v)
            setPage(1)
          }}
          options={buildings.data?.map((b) => ({ value: b.id, label: `${b.name}(${b.unitCount}套)` }))}
          data-testid="building-filter"
        />
      </Space>
      <Table<UnitRow>
        rowKey="id"
        size="middle"
        loading={units.isLoading}
        dataSource={units.data?.rows}
        pagination={{ current: page, pageSize: 50, total: units.data?.total, showSizeChanger: false, onChange: setPage, showTotal: (t) => `共 ${t} 套` }}
        onRow={(u) => ({ onClick: () => go(`/units/${u.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '房号', dataIndex: 'label' },
          { title: '楼栋', dataIndex: 'buildingCode', render: (c) => `${c}栋` },
          { title: '单元', dataIndex: 'entrance', render: (e) => (e ? `${e}单元` : '—') },
          { title: '面积(㎡)', dataIndex: 'areaM2', render: (a) => a ?? '—' },
          { title: '住户数', dataIndex: 'residentCount' },
        ]}
        locale={{ emptyText: canManage ? '还没有房屋:新增楼栋和房屋,或从"导入住户"导入' : '还没有房屋' }}
      />
      <BuildingModal open={addBuilding} onClose={() => setAddBuilding(false)} />
      <UnitModal open={addUnit} onClose={() => setAddUnit(false)} buildings={buildings.data ?? []} defaultBuilding={buildingId} />
    </Card>
  )
}

function BuildingModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm()
  const create = useDeskMutation('building.create', { form, success: '楼栋已保存', onSuccess: () => (form.resetFields(), onClose()) })
  return (
    <Modal title="新增楼栋" open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item name="code" label="楼栋号" rules={[zodRule(buildingCreateInput.shape.code)]}>
          <Input placeholder="例如 3、3栋、3号楼" />
        </Form.Item>
        <Form.Item name="name" label="楼栋名称(可空,默认为 X栋)">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function UnitModal({ open, onClose, buildings, defaultBuilding }: { open: boolean; onClose: () => void; buildings: Array<{ id: string; name: string }>; defaultBuilding?: string }) {
  const [form] = Form.useForm()
  const s = unitCreateInput.shape
  const create = useDeskMutation('unit.create', { form, success: '房屋已保存', onSuccess: () => (form.resetFields(), onClose()) })
  return (
    <Modal title="新增房屋" open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} okText="保存" destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ buildingId: defaultBuilding }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="buildingId" label="楼栋" rules={[zodRule(s.buildingId)]}>
          <Select options={buildings.map((b) => ({ value: b.id, label: b.name }))} />
        </Form.Item>
        <Form.Item name="entrance" label="单元(无单元可空)" rules={[zodRule(s.entrance)]}>
          <Input placeholder="例如 2 或 2单元" />
        </Form.Item>
        <Form.Item name="room" label="房号" rules={[zodRule(s.room)]}>
          <Input placeholder="例如 1502;0301 与 301 是同一房屋" />
        </Form.Item>
        <Form.Item name="areaM2" label="建筑面积(㎡)">
          <InputNumber min={1} max={10000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
