import { AutoComplete, Button, Card, Col, Form, Input, Row, Select } from 'antd'
import type { InputRef } from 'antd'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { guessCarrier } from '../../../shared/parcel/carrier'
import { CARRIER_SUGGESTIONS, PARCEL_KIND_LABELS, PARCEL_KINDS, parcelReceiveInput } from '../../../shared/parcel/schema'
import { useDeskMutation } from '../api/hooks'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { takeUnit } from '../visitor/takeUnit'
import { TrackingNoInput } from './TrackingNoInput'

const f = parcelReceiveInput.shape
const kindOptions = PARCEL_KINDS.map((k) => ({ value: k, label: PARCEL_KIND_LABELS[k] }))
const carrierOptions = CARRIER_SUGGESTIONS.map((c) => ({ value: c }))

/**
 * 收件登记, keyboard first: the 运单号 field has the focus; a scanner's burst fills it (read alone) and
 * moves on — to 快递公司 unless the number names its carrier (then set, and on to 收件房屋); Tab runs 收件人 → 电话 →
 * 类型 → 存放位置; Enter saves from any field. After a save the form empties (类型 and 存放位置 kept:
 * a delivery is unpacked onto one shelf) and the 运单号 field takes the focus for the next parcel.
 */
export function ReceiveForm() {
  const [form] = Form.useForm()
  const tracking = useRef<InputRef>(null)
  const carrier = useRef<React.ComponentRef<typeof AutoComplete>>(null)
  const unit = useRef<UnitPickerHandle>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const receive = useDeskMutation('parcel.receive', {
    form,
    success: '已登记收件',
    onSuccess: () => {
      const keep = { kind: form.getFieldValue('kind'), shelf: form.getFieldValue('shelf'), carrier: form.getFieldValue('carrier') }
      form.resetFields()
      form.setFieldsValue(keep)
      setTimeout(() => tracking.current?.focus(), 0)
    },
  })
  useEffect(() => {
    const t = setTimeout(() => tracking.current?.focus(), 50)
    return () => clearTimeout(t)
  }, [])
  const submit = async () => {
    if (receive.isPending || busy) return
    let v: Record<string, unknown>
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    setBusy(true)
    const unitId = await takeUnit(form, unit, '收件房屋').finally(() => setBusy(false))
    if (unitId) receive.mutate({ ...(v as object), unitId } as never)
  }
  return (
    <Card size="small" title="收件登记" data-testid="parcel-receive">
      {/* The waybill field handles its own Enter (a scan's Enter moves on, a typed one saves). */}
      <div onKeyDownCapture={(e: KeyboardEvent<HTMLElement>) => ((e.target as HTMLElement).dataset.scanner ? undefined : enterSubmits(() => void submit())(e))}>
        <Form form={form} name="parcelReceive" layout="vertical" initialValues={{ kind: 'small' }}>
          <Row gutter={12}>
            <Col span={7}>
              <Form.Item name="trackingNo" label="运单号" rules={[zodRule(f.trackingNo)]} validateStatus={problem ? 'error' : undefined} help={problem ?? undefined}>
                <TrackingNoInput
                  ref={tracking}
                  onProblem={setProblem}
                  onTypedEnter={() => void submit()}
                  onRead={(no) => {
                    const guess = guessCarrier(no)
                    // The number's own prefix wins over the carrier kept from the previous parcel.
                    if (guess) form.setFieldValue('carrier', guess)
                    void form.validateFields(['trackingNo']).catch(() => undefined)
                    setTimeout(() => (form.getFieldValue('carrier') ? unit.current?.focus() : carrier.current?.focus()), 0)
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="carrier" label="快递公司" rules={[zodRule(f.carrier)]}>
                <AutoComplete ref={carrier} options={carrierOptions} filterOption={(i, o) => !!o?.value.includes(i.trim())} placeholder="如 顺丰速运" />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item name="unitId" label="收件房屋">
                <UnitPicker handle={unit} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="addressee" label="收件人" rules={[zodRule(f.addressee)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="addresseePhone" label="收件人电话" rules={[zodRule(f.addresseePhone)]} extra="领取时核对手机尾号">
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="kind" label="类型">
                <Select options={kindOptions} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="shelf" label="存放位置" rules={[zodRule(f.shelf)]}>
                <Input autoComplete="off" placeholder="如 A-3" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="note" label="备注" rules={[zodRule(f.note)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={4} style={{ display: 'flex', alignItems: 'center' }}>
              <Button type="primary" loading={receive.isPending || busy} onClick={() => void submit()} data-testid="parcel-receive-save">
                登记(Enter)
              </Button>
            </Col>
          </Row>
        </Form>
      </div>
    </Card>
  )
}
