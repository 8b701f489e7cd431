import { Button, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { repairUpdateInput, type RepairDetail } from '../../../shared/repair/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { siteStamp } from './format'

const f = repairUpdateInput.shape

/** 修改 an open order: contact, category, what is wrong, appointment (each changed column audited). */
export function EditRepair({ o, tz }: { o: RepairDetail; tz: string }) {
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const settings = useDesk('repair.settings', {})
  const save = useDeskMutation('repair.update', { form, success: '维修单已修改', onSuccess: () => setOpen(false) })
  if (o.state === 'closed') return null
  return (
    <>
      <Button
        onClick={() => {
          form.setFieldsValue({ contactName: o.contactName, contactPhone: o.contactPhone, category: o.category, content: o.content, appointmentAt: o.appointmentAt ? siteStamp(o.appointmentAt, tz) : '' })
          setOpen(true)
        }}
        data-testid="edit-repair"
      >
        修改
      </Button>
      <Modal open={open} title={`修改维修单 ${o.serial}`} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="保存(Enter)" confirmLoading={save.isPending} destroyOnHidden forceRender>
        <div onKeyDownCapture={enterSubmits(() => form.submit())}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ id: o.id, ...v, appointmentAt: v.appointmentAt || undefined })}>
            <Form.Item name="contactName" label="联系人" rules={[zodRule(f.contactName)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="contactPhone" label="联系电话" rules={[zodRule(f.contactPhone)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="category" label="类别" rules={[zodRule(f.category)]}>
              <Select options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="content" label="报修内容" rules={[zodRule(f.content)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="appointmentAt" label="预约时间" rules={[zodRule(f.appointmentAt)]} extra="留空:尽快上门">
              <Input autoComplete="off" />
            </Form.Item>
          </Form>
        </div>
      </Modal>
    </>
  )
}
