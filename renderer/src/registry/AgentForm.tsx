import { Checkbox, DatePicker, Form, Input, Modal, Select } from 'antd'
import type dayjs from 'dayjs'
import { AGENT_SCOPES, AGENT_SCOPE_LABELS, agentCreateInput, type ResidentRow } from '../../../shared/registry/schema'
import { useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

const s = agentCreateInput.shape

/** An owner's written authorisation of another person (keys, release slips, renovation, cards). */
export function AgentForm({ unitId, owners, open, onClose }: { unitId: string; owners: ResidentRow[]; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm()
  const create = useDeskMutation('agent.create', { form, success: '授权已登记', onSuccess: () => (form.resetFields(), onClose()) })
  return (
    <Modal title="登记业主授权代理人" open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={create.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ownerId: owners[0]?.id, scopes: ['keys'] }}
        onFinish={(v) => create.mutate({ ...v, unitId, validUntil: v.validUntil ? (v.validUntil as dayjs.Dayjs).format('YYYY-MM-DD') : undefined })}
      >
        <Form.Item name="ownerId" label="授权业主" rules={[zodRule(s.ownerId)]}>
          <Select options={owners.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="name" label="代理人姓名" rules={[zodRule(s.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label="代理人电话" rules={[zodRule(s.phone)]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label="代理人身份证号" rules={[zodRule(s.idNumber)]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="scopes" label="授权范围" rules={[zodRule(s.scopes)]}>
          <Checkbox.Group options={AGENT_SCOPES.map((x) => ({ value: x, label: AGENT_SCOPE_LABELS[x] }))} />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期至(空为长期)">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="授权书说明" rules={[zodRule(s.note)]}>
          <Input.TextArea rows={2} placeholder="例如:业主书面授权书已复印存档" />
        </Form.Item>
      </Form>
    </Modal>
  )
}
