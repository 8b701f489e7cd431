import { Button, Card, Form, InputNumber, Select, Space, Switch } from 'antd'
import { useEffect } from 'react'
import { repairSettingsInput } from '../../../shared/repair/settings'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const f = repairSettingsInput.shape

/** 报修设置 on 项目设置: the categories and the clocks the site commits to (new orders take them). */
export function RepairSettingsCard() {
  const [form] = Form.useForm()
  const s = useDesk('repair.settings', {})
  const save = useDeskMutation('repair.saveSettings', { form, success: '报修设置已保存' })
  const sameDay = Form.useWatch('callbackSameDay', form)
  useEffect(() => {
    if (s.data) form.setFieldsValue(s.data)
  }, [s.data, form])
  return (
    // Enter saves this card, never the page's own form around it.
    <Card size="small" title="报修设置(类别与时限)" data-testid="repair-settings" onKeyDownCapture={enterSubmits(() => form.submit())}>
      {/* A div, not a form: the card sits inside 项目设置's own form (nested forms submit the outer one). */}
      <Form form={form} component="div" layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="categories" label="报修类别" rules={[zodRule(f.categories)]} extra="输入后回车添加;登记报修时按首字选择">
          <Select mode="tags" tokenSeparators={[',', ',', '、']} open={false} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="forwardMinutes" label="转工程部时限(分钟)" rules={[zodRule(f.forwardMinutes)]}>
            <InputNumber min={1} max={60} />
          </Form.Item>
          <Form.Item name="urgentOnSiteMinutes" label="急修到场时限(分钟)" rules={[zodRule(f.urgentOnSiteMinutes)]} extra="一般15分钟,标准更严的项目5分钟">
            <InputNumber min={1} max={240} />
          </Form.Item>
          <Form.Item name="urgentDoneHours" label="急修完成时限(小时)" rules={[zodRule(f.urgentDoneHours)]}>
            <InputNumber min={1} max={72} />
          </Form.Item>
          <Form.Item name="callbackSameDay" label="完工后当天回访" valuePropName="checked">
            <Switch />
          </Form.Item>
          {/* Kept in the form when 当天 is on (the value is sent and kept for when it is turned off). */}
          <Form.Item name="callbackHours" label="回访时限(小时)" rules={[zodRule(f.callbackHours)]}>
            <InputNumber min={1} max={72} disabled={!!sameDay} />
          </Form.Item>
        </Space>
        <Button type="primary" onClick={() => form.submit()} loading={save.isPending}>
          保存报修设置
        </Button>
      </Form>
    </Card>
  )
}
