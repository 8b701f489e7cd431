import { DatePicker, Form, Input, Modal, Select } from 'antd'
import dayjs from 'dayjs'
import { useEffect } from 'react'
import { RESIDENT_KINDS, RESIDENT_KIND_LABELS, residentFields, type ResidentRow } from '../../../shared/registry/schema'
import { useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

/** Add a resident to a unit, or edit one (the detail row, with whole numbers, is passed in). */
export function ResidentForm({ unitId, editing, open, onClose }: { unitId: string; editing?: ResidentRow | null; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm()
  const done = () => (form.resetFields(), onClose())
  const create = useDeskMutation('resident.create', { form, success: '住户已登记', onSuccess: done })
  const update = useDeskMutation('resident.update', { form, success: '住户信息已保存', onSuccess: done })
  useEffect(() => {
    if (open) form.setFieldsValue(editing ? { ...editing, idNumber: editing.idNumber ?? undefined, moveInDate: editing.moveInDate ? dayjs(editing.moveInDate) : undefined } : { kind: 'owner' })
  }, [open, editing, form])
  const submit = (v: Record<string, unknown>) => {
    const input = {
      unitId,
      name: v.name as string,
      kind: v.kind as ResidentRow['kind'],
      phone: v.phone as string,
      idNumber: (v.idNumber as string) || undefined,
      moveInDate: v.moveInDate ? (v.moveInDate as dayjs.Dayjs).format('YYYY-MM-DD') : undefined,
      note: (v.note as string) || undefined,
    }
    if (editing) update.mutate({ ...input, id: editing.id })
    else create.mutate(input)
  }
  return (
    <Modal
      title={editing ? `修改住户 · ${editing.name}` : '登记住户'}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="resident-form">
        <Form.Item name="name" label="姓名" rules={[zodRule(residentFields.name)]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[zodRule(residentFields.kind)]}>
          <Select options={RESIDENT_KINDS.map((k) => ({ value: k, label: RESIDENT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="phone" label="联系电话" rules={[zodRule(residentFields.phone)]}>
          <Input />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号" rules={[zodRule(residentFields.idNumber)]}>
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="moveInDate" label="入住日期">
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(residentFields.note)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
