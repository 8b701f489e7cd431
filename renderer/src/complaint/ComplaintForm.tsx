import { Button, Card, Form, Input, Radio, Select, Space } from 'antd'
import type { InputRef } from 'antd'
import { takeDraft } from '../duty/carryOver'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { COMPLAINT_CHANNELS, COMPLAINT_CHANNEL_LABELS, COMPLAINT_SEVERITIES, COMPLAINT_SEVERITY_LABELS, complaintCreateInput, type ComplaintDetail } from '../../../shared/complaint/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { useCloseOnPick } from '../forms/closeOnPick'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const f = complaintCreateInput.shape

export interface FocusHandle {
  focus(): void
}

/**
 * 登记投诉, keyboard first: 投诉人 has the focus; Tab runs 电话 → 房屋 → 方式 → 类别 → 责任部门 →
 * 程度 → 投诉内容; Enter saves from any field. A room typed but not picked is taken when it matches
 * one unit, otherwise the save stops at 房屋 with the reason. After a save the new complaint opens.
 */
export const ComplaintForm = forwardRef<FocusHandle, { onSaved: (c: ComplaintDetail) => void }>(function ComplaintForm({ onSaved }, ref) {
  const [form] = Form.useForm()
  const first = useRef<InputRef>(null)
  const unit = useRef<UnitPickerHandle>(null)
  const settings = useDesk('complaint.settings', {})
  const [resolving, setResolving] = useState(false)
  const catPick = useCloseOnPick()
  const depPick = useCloseOnPick()
  const add = useDeskMutation('complaint.create', {
    form,
    success: '投诉已登记',
    onSuccess: (c) => {
      form.resetFields()
      onSaved(c)
    },
  })
  useImperativeHandle(ref, () => ({ focus: () => first.current?.focus() }))
  useEffect(() => {
    const t = setTimeout(() => first.current?.focus(), 50)
    return () => clearTimeout(t)
  }, [])
  // Came from the duty-log form's hint: what was typed there is not typed twice.
  useEffect(() => {
    const d = takeDraft('complaint')
    if (d) form.setFieldsValue({ complainant: d.person, summary: d.content })
  }, [form])
  const submit = async (v: Record<string, unknown>) => {
    if (add.isPending || resolving) return
    let unitId = (v.unitId as string) || undefined
    if (!unitId && unit.current?.pending()) {
      setResolving(true)
      const r = await unit.current.resolve().finally(() => setResolving(false))
      if (r && 'problem' in r) {
        form.setFields([{ name: 'unitId', errors: [r.problem] }])
        unit.current.focus()
        return
      }
      if (r) unitId = r.unitId
    }
    add.mutate({ ...(v as Record<string, never>), unitId } as never)
  }
  const opts = (list?: string[]) => (list ?? []).map((x) => ({ value: x, label: x }))
  return (
    <Card size="small" title="登记投诉(客户投诉登记表)" data-testid="complaint-form">
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="complaint" layout="vertical" initialValues={{ channel: 'phone', severity: 'normal' }} onFinish={submit}>
          <Space wrap align="start">
            <Form.Item name="complainant" label="投诉人" rules={[zodRule(f.complainant)]}>
              <Input ref={first} autoComplete="off" style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="phone" label="联系电话" rules={[zodRule(f.phone)]}>
              <Input autoComplete="off" style={{ width: 150 }} />
            </Form.Item>
            <Form.Item name="unitId" label="房屋" style={{ width: 260 }}>
              <UnitPicker handle={unit} />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="channel" label="投诉方式">
              <Radio.Group optionType="button" options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: COMPLAINT_CHANNEL_LABELS[c] }))} />
            </Form.Item>
            <Form.Item name="category" label="投诉类别" rules={[zodRule(f.category)]}>
              <Select showSearch open={catPick.open} onOpenChange={catPick.onOpenChange} onSelect={catPick.onSelect} style={{ width: 140 }} options={opts(settings.data?.categories)} placeholder="选择类别" />
            </Form.Item>
            <Form.Item name="department" label="责任部门" rules={[zodRule(f.department)]}>
              <Select showSearch open={depPick.open} onOpenChange={depPick.onOpenChange} onSelect={depPick.onSelect} style={{ width: 140 }} options={opts(settings.data?.departments)} placeholder="选择部门" />
            </Form.Item>
            <Form.Item name="severity" label="严重程度">
              <Radio.Group optionType="button" options={COMPLAINT_SEVERITIES.map((s) => ({ value: s, label: COMPLAINT_SEVERITY_LABELS[s] }))} />
            </Form.Item>
          </Space>
          <Form.Item name="summary" label="投诉内容" rules={[zodRule(f.summary)]} extra="重大投诉保存后立即进入主管和主任的待办">
            <Input autoComplete="off" placeholder="如:楼上装修晚上九点后仍在施工" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending || resolving} data-testid="complaint-save">
            登记(Enter)
          </Button>
        </Form>
      </div>
    </Card>
  )
})
