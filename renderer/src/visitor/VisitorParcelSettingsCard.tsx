import { Button, Card, Form, InputNumber, Space, Switch, Typography } from 'antd'
import { useEffect } from 'react'
import { parcelSettingsSchema } from '../../../shared/parcel/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

/**
 * 项目设置 › 访客与邮件: whether a visitor's ID number must be taken, whether a visitor slip prints at
 * sign-in, and after how many days a waiting parcel is listed in red. Each setting is its own row
 * (desk_settings), saved with its own button; mounted inside the site form: Enter in a line saves that
 * line's setting only, never the site form around it.
 */
export function VisitorParcelSettingsCard() {
  const visitor = useDesk('visitor.settings', {})
  const parcel = useDesk('parcel.settings', {})
  const [vf] = Form.useForm()
  const [pf] = Form.useForm()
  const saveV = useDeskMutation('visitor.saveSettings', { form: vf, success: '访客设置已保存' })
  const saveP = useDeskMutation('parcel.saveSettings', { form: pf, success: '邮件设置已保存' })
  useEffect(() => void (visitor.data && vf.setFieldsValue(visitor.data)), [visitor.data, vf])
  useEffect(() => void (parcel.data && pf.setFieldsValue(parcel.data)), [parcel.data, pf])
  const saveVisitor = () => void vf.validateFields().then((v) => saveV.mutate(v))
  const saveParcel = () => void pf.validateFields().then((v) => saveP.mutate(v))
  return (
    <Card size="small" title="访客与邮件" data-testid="visitor-parcel-settings">
      <Space direction="vertical" size="small" style={{ width: '100%' }}>
        <Form form={vf} component={false}>
          <Space wrap onKeyDownCapture={enterSubmits(saveVisitor)}>
            <Form.Item name="idNumberRequired" label="访客必须登记身份证号" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Switch />
            </Form.Item>
            <Form.Item name="printSlip" label="签到时打印访客单(80mm)" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Switch />
            </Form.Item>
            <Button onClick={saveVisitor} loading={saveV.isPending}>保存访客设置</Button>
          </Space>
        </Form>
        <Form form={pf} component={false}>
          <Space wrap onKeyDownCapture={enterSubmits(saveParcel)}>
            <Form.Item name="overdueDays" label="邮件超过几天未领取标红" rules={[zodRule(parcelSettingsSchema.shape.overdueDays)]} style={{ marginBottom: 0 }}>
              <InputNumber addonAfter="天" style={{ width: 120 }} />
            </Form.Item>
            <Button onClick={saveParcel} loading={saveP.isPending} data-testid="save-parcel-settings">保存邮件设置</Button>
          </Space>
        </Form>
        <Typography.Text type="secondary">访客单的二维码可在“证件核验”扫码:仅当天有效,显示访客、房屋、是否已签离。</Typography.Text>
      </Space>
    </Card>
  )
}
