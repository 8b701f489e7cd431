import { Button, Card, Col, Form, Input, InputNumber, Row, Typography } from 'antd'
import type { InputRef } from 'antd'
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react'
import { visitorSignInInput, type ExpectedVisitorRow } from '../../../shared/visitor/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { call } from '../api/transport'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { downloadPdf } from '../print/download'
import { takeUnit } from './takeUnit'

const f = visitorSignInInput.shape

export interface SignInHandle {
  /** Fills the form from an expected visitor of today (their phone and ID stay in the core). */
  takeExpected(e: ExpectedVisitorRow): void
  focus(): void
}

/**
 * 访客签到, keyboard first: 访客姓名 has the focus; Tab runs 电话 → 身份证号 → 被访房屋 → 被访人 → 来访事由 →
 * 车牌 → 人数; Enter saves from any field. The slip prints at once where the site wants one. An expected
 * visitor picked from today's list fills the form; their phone and ID number, given by the owner, are
 * shown masked and taken by the core when left blank.
 */
export const SignInForm = forwardRef<SignInHandle>(function SignInForm(_p, ref) {
  const [form] = Form.useForm()
  const first = useRef<InputRef>(null)
  const unit = useRef<UnitPickerHandle>(null)
  const settings = useDesk('visitor.settings', {})
  const [expected, setExpected] = useState<ExpectedVisitorRow | null>(null)
  const [busy, setBusy] = useState(false)
  const reset = () => {
    form.resetFields()
    setExpected(null)
    setTimeout(() => first.current?.focus(), 0)
  }
  const signIn = useDeskMutation('visitor.signIn', {
    form,
    success: '已签到',
    onSuccess: (v) => {
      if (settings.data?.printSlip) void call('visitor.printSlip', { id: v.id }).then((p) => downloadPdf(p.fileName, p.pdfBase64))
      reset()
    },
  })
  useImperativeHandle(ref, () => ({
    focus: () => first.current?.focus(),
    takeExpected: (e) => {
      form.resetFields()
      setExpected(e)
      form.setFieldsValue({ visitorName: e.visitorName, hostName: e.hostName ?? undefined, purpose: e.purpose, carPlate: e.carPlate ?? undefined, people: e.people })
      // The unit shows in its box as picked: what is on screen is what is saved. After the reset's
      // render: resetting remounts the field's control, so a new picker is there to take it.
      setTimeout(() => {
        unit.current?.pick(e.unitId, e.unitLabel)
        first.current?.focus()
      }, 0)
    },
  }))
  useEffect(() => {
    const t = setTimeout(() => first.current?.focus(), 50)
    return () => clearTimeout(t)
  }, [])
  const idRequired = !!settings.data?.idNumberRequired && !expected?.idNumber
  const submit = async (v: Record<string, unknown>) => {
    if (signIn.isPending || busy) return
    setBusy(true)
    const unitId = await takeUnit(form, unit, '被访房屋').finally(() => setBusy(false))
    if (!unitId) return
    signIn.mutate({ ...(v as object), unitId, expectedId: expected?.id } as never)
  }
  return (
    <Card size="small" title={expected ? `预约访客签到:${expected.visitorName}(${expected.calledBy} 来电预约)` : '访客签到'} data-testid="visitor-signin" extra={expected && <Button size="small" onClick={reset}>改为普通登记</Button>}>
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="visitorSignIn" layout="vertical" initialValues={{ people: 1 }} onFinish={(v) => void submit(v)}>
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="visitorName" label="访客姓名" rules={[zodRule(f.visitorName)]}>
                <Input ref={first} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="phone" label="访客电话" rules={[...(expected?.phone ? [] : [{ required: true, message: '访客电话不能为空' }]), zodRule(f.phone)]}>
                <Input autoComplete="off" placeholder={expected?.phone ? `留空沿用预约电话 ${expected.phone}` : '手机或座机'} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item
                name="idNumber"
                label={`访客身份证号${settings.data?.idNumberRequired ? '' : '(选填)'}`}
                rules={[...(idRequired ? [{ required: true, message: '访客身份证号不能为空(本项目要求登记)' }] : []), zodRule(f.idNumber)]}
              >
                <Input autoComplete="off" placeholder={expected?.idNumber ? `留空沿用预约登记的 ${expected.idNumber}` : undefined} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="unitId" label="被访房屋">
                <UnitPicker handle={unit} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="hostName" label="被访人" rules={[zodRule(f.hostName)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={11}>
              <Form.Item name="purpose" label="来访事由" rules={[zodRule(f.purpose)]}>
                <Input autoComplete="off" placeholder="如:探亲访友、送货、维修" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="carPlate" label="车牌(选填)" rules={[zodRule(f.carPlate)]}>
                <Input autoComplete="off" placeholder="如 粤B12345" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="people" label="来访人数" rules={[zodRule(f.people)]}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={11} style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
              <Button type="primary" htmlType="submit" loading={signIn.isPending || busy} data-testid="visitor-signin-save">
                签到(Enter)
              </Button>
              <Typography.Text type="secondary">{settings.data?.printSlip ? '签到后打印访客单' : '本项目不打印访客单'}</Typography.Text>
            </Col>
          </Row>
        </Form>
      </div>
    </Card>
  )
})
