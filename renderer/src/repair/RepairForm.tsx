import { AutoComplete, Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd'
import { takeDraft } from '../duty/carryOver'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { RESIDENT_KIND_LABELS, type ResidentRow } from '../../../shared/registry/schema'
import { repairCreateInput } from '../../../shared/repair/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { call } from '../api/transport'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { useCloseOnPick } from '../forms/closeOnPick'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { PhotoPicker, type PickedPhoto } from './PhotoPicker'

const f = repairCreateInput.shape

export interface RepairFormHandle {
  focus(): void
}

/**
 * 登记报修, keyboard first, in the order a phone call goes: 房屋 (type the room, Tab takes its single
 * match) → 类别 (type its first character, Enter picks) → 报修内容 → 联系人 (the unit's owner already
 * filled in; pick another resident or type a name) → 联系电话 (blank = the resident's phone on file)
 * → 急修 → 预约时间. Enter saves from any field; the form empties and 房屋 takes the focus again.
 */
export const RepairForm = forwardRef<RepairFormHandle, { onSaved?: (id: string) => void }>(function RepairForm({ onSaved }, ref) {
  const [form] = Form.useForm()
  const unit = useRef<UnitPickerHandle>(null)
  const settings = useDesk('repair.settings', {})
  const categoryPick = useCloseOnPick()
  const [residents, setResidents] = useState<ResidentRow[]>([])
  const unitId = Form.useWatch('unitId', form) as string | undefined
  const contactName = Form.useWatch('contactName', form) as string | undefined
  const picked = residents.find((r) => r.name === contactName?.trim())
  const save = useDeskMutation('repair.create', {
    form,
    success: '报修已登记',
    onSuccess: (o) => {
      form.resetFields()
      setResidents([])
      filled.current = undefined
      onSaved?.(o.id)
      setTimeout(() => unit.current?.focus(), 0)
    },
  })
  useImperativeHandle(ref, () => ({ focus: () => unit.current?.focus() }))
  useEffect(() => {
    const t = setTimeout(() => unit.current?.focus(), 50)
    return () => clearTimeout(t)
  }, [])
  // Came from the duty-log form's hint: what was typed there is not typed twice.
  useEffect(() => {
    const d = takeDraft('repair')
    if (d) form.setFieldsValue({ contactName: d.person, content: d.content })
  }, [form])
  // A unit picked: its residents become the contacts to choose from, the owner filled in — replacing
  // only a name the form filled in itself, never one the clerk typed.
  const filled = useRef<string | undefined>(undefined)
  useEffect(() => {
    let live = true
    if (!unitId) return
    void call('unit.get', { id: unitId }).then((d) => {
      if (!live) return
      setResidents(d.residents)
      const first = d.residents.find((r) => r.kind === 'owner') ?? d.residents[0]
      const current = form.getFieldValue('contactName') as string | undefined
      if (!current || current === filled.current) {
        filled.current = first?.name
        form.setFieldValue('contactName', first?.name)
      }
    })
    return () => {
      live = false
    }
  }, [unitId, form])
  /** Text typed at 房屋 but not picked: its single match is taken, or the reason is put on 房屋 (null). */
  const typedUnit = async (): Promise<string | null | undefined> => {
    if (!unit.current?.pending()) return undefined
    const u = await unit.current.resolve()
    if (u && 'problem' in u) {
      form.setFields([{ name: 'unitId', errors: [u.problem] }])
      return null
    }
    return u?.unitId
  }
  const onFinish = async (v: Record<string, unknown>) => {
    if (save.isPending) return
    let unitId = (v.unitId as string) || ''
    if (!unitId) {
      const typed = await typedUnit()
      if (typed === null) return
      unitId = typed ?? ''
    }
    const r = residents.find((x) => x.name === String(v.contactName ?? '').trim())
    save.mutate({
      unitId,
      residentId: r?.id,
      contactName: v.contactName as string,
      contactPhone: (v.contactPhone as string) || undefined,
      category: v.category as string,
      content: v.content as string,
      urgent: !!v.urgent,
      appointmentAt: (v.appointmentAt as string) || undefined,
      photos: (v.photos as PickedPhoto[] | undefined)?.length ? (v.photos as PickedPhoto[]) : undefined,
    })
  }
  return (
    <Card size="small" title="登记报修(电话/来访)" data-testid="repair-form">
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="repair" layout="vertical" onFinish={(v) => void onFinish(v)} onFinishFailed={() => void typedUnit()} requiredMark={false}>
          <Space wrap align="start" size={12}>
            <Form.Item name="unitId" label="房屋" style={{ width: 220 }}>
              <UnitPicker handle={unit} id="repair-unit" />
            </Form.Item>
            <Form.Item name="category" label="类别" rules={[zodRule(f.category)]} style={{ width: 130 }}>
              <Select
                showSearch
                open={categoryPick.open}
                onOpenChange={categoryPick.onOpenChange}
                onSelect={categoryPick.onSelect}
                placeholder="输入首字"
                options={(settings.data?.categories ?? []).map((c) => ({ value: c, label: c }))}
                filterOption={(input, o) => String(o?.label ?? '').startsWith(input.trim())}
              />
            </Form.Item>
          </Space>
          <Form.Item name="content" label="报修内容" rules={[zodRule(f.content)]}>
            <Input autoComplete="off" placeholder="如:厨房水管漏水" />
          </Form.Item>
          <Space wrap align="start" size={12}>
            <Form.Item name="contactName" label="联系人" rules={[{ required: true, message: '联系人不能为空(从住户中选择或直接输入)' }]} style={{ width: 170 }}>
              <AutoComplete
                options={residents.map((r) => ({ value: r.name, label: `${r.name}(${RESIDENT_KIND_LABELS[r.kind]})${r.phone ? ' ' + r.phone : ''}` }))}
                filterOption={(input, o) => String(o?.value ?? '').includes(input.trim())}
                placeholder="住户姓名"
              />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label="联系电话"
              rules={[{ required: !picked, message: '联系电话不能为空' }, zodRule(f.contactPhone)]}
              style={{ width: 170 }}
              extra={picked ? <Typography.Text type="secondary">留空用登记电话 {picked.phone}</Typography.Text> : null}
            >
              <Input autoComplete="off" placeholder={picked ? '留空:登记电话' : '手机或区号-号码'} />
            </Form.Item>
            <Form.Item name="urgent" label="急修" valuePropName="checked">
              <Checkbox>急修(到场时限)</Checkbox>
            </Form.Item>
            <Form.Item name="appointmentAt" label="预约时间" rules={[zodRule(f.appointmentAt)]} style={{ width: 170 }} extra="留空:尽快上门">
              <Input autoComplete="off" placeholder="2026-12-01 14:00" />
            </Form.Item>
          </Space>
          <Form.Item name="photos" label="照片(可选)">
            <PhotoPicker />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="repair-save">
            登记(Enter)
          </Button>
        </Form>
      </div>
    </Card>
  )
})
