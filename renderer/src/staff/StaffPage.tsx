import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Checkbox, Form, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { ROLES, ROLE_LABELS } from '../../../shared/roles'
import { staffCreateInput, staffResetPinInput, type SessionInfo, type StaffRow } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { coreNow } from '../api/useCoreNow'
import { useLastSubject } from '../forms/lastSubject'
import { zodRule } from '../forms/zodRule'

const c = staffCreateInput.shape
const lockedTime = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false })
const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))

/** Administrators add and disable staff, set their roles and reset PINs. */
export function StaffPage({ me }: { me: SessionInfo }) {
  const list = useDesk('staff.list', {})
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null)
  const [resetting, setResetting] = useState<StaffRow | null>(null)
  return (
    <Card title="员工管理" extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>新增员工</Button>}>
      <Table<StaffRow>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        columns={[
          { title: '工号', dataIndex: 'staffNo' },
          { title: '姓名', dataIndex: 'name' },
          { title: '角色', dataIndex: 'roles', render: (rs: StaffRow['roles']) => rs.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>) },
          { title: '手机号', dataIndex: 'phone', render: (p) => p ?? '—' },
          { title: '状态', render: (_, s) => (!s.active ? <Tag>已停用</Tag> : s.lockedUntil && new Date(s.lockedUntil) > coreNow() ? <Tag color="red">已锁定至 {lockedTime(s.lockedUntil)}</Tag> : <Tag color="green">在用</Tag>) },
          {
            title: '操作',
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => setEditing(s)}>修改</Button>
                <Button size="small" onClick={() => setResetting(s)}>重置PIN</Button>
              </Space>
            ),
          },
        ]}
      />
      <StaffModal editing={editing} me={me} onClose={() => setEditing(null)} />
      <ResetPinModal staff={resetting} onClose={() => setResetting(null)} />
    </Card>
  )
}

function StaffModal({ editing: current, me, onClose }: { editing: StaffRow | 'new' | null; me: SessionInfo; onClose: () => void }) {
  const [form] = Form.useForm()
  const editing = useLastSubject(current)
  const isNew = editing === 'new'
  const done = () => (form.resetFields(), onClose())
  const create = useDeskMutation('staff.create', { form, success: '员工已新增', onSuccess: done })
  const update = useDeskMutation('staff.update', { form, success: '员工信息已保存', onSuccess: done })
  useEffect(() => {
    if (current && current !== 'new') form.setFieldsValue({ ...current, phone: current.phone ?? undefined })
    else if (current === 'new') form.setFieldsValue({ roles: ['clerk'], active: true })
  }, [current, form])
  return (
    <Modal title={isNew ? '新增员工' : '修改员工'} open={!!current} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={create.isPending || update.isPending} destroyOnHidden forceRender>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => (isNew ? create.mutate(v) : update.mutate({ ...v, id: (editing as StaffRow).id, phone: v.phone || undefined }))}
      >
        <Form.Item name="staffNo" label="工号" rules={isNew ? [zodRule(c.staffNo)] : []}>
          <Input disabled={!isNew} />
        </Form.Item>
        <Form.Item name="name" label="姓名" rules={[zodRule(c.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="roles" label="角色(可多选)" rules={[zodRule(c.roles)]}>
          <Checkbox.Group options={roleOptions} />
        </Form.Item>
        <Form.Item name="phone" label="手机号" rules={[zodRule(c.phone)]}>
          <Input />
        </Form.Item>
        {isNew ? (
          <Form.Item name="pin" label="初始PIN(至少4位)" rules={[zodRule(c.pin)]}>
            <Input.Password />
          </Form.Item>
        ) : (
          <Form.Item name="active" label="在用" valuePropName="checked">
            <Switch disabled={(editing as StaffRow | null)?.id === me.staff.id} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

function ResetPinModal({ staff, onClose }: { staff: StaffRow | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const reset = useDeskMutation('staff.resetPin', { form, success: 'PIN已重置,锁定已解除,其已登录的会话均已退出', onSuccess: () => (form.resetFields(), onClose()) })
  return (
    <Modal title={`重置PIN · ${staff?.name ?? ''}`} open={!!staff} onCancel={onClose} onOk={() => form.submit()} okText="重置" confirmLoading={reset.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">重置后锁定即解除,{staff?.name} 已登录的会话全部退出,需用新PIN重新登录。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate({ id: staff!.id, pin: v.pin })}>
        <Form.Item name="pin" label="新PIN" rules={[zodRule(staffResetPinInput.shape.pin)]}>
          <Input.Password />
        </Form.Item>
      </Form>
    </Modal>
  )
}
