import { Button, Card, Form, Input, InputNumber, Space } from 'antd'
import { useEffect } from 'react'
import { complaintSettingsSchema } from '../../../shared/complaint/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const S = complaintSettingsSchema.shape
/** One name a line (or separated by 、 , ,): what the administrator types. */
const toList = (s: unknown) =>
  String(s ?? '')
    .split(/[\n、,,]/)
    .map((x) => x.trim())
    .filter(Boolean)

/** 项目设置 › 投诉: categories, departments, the recurring window, the slip's default deadline. Mounted inside the site form: own save. */
export function ComplaintSettingsCard() {
  const q = useDesk('complaint.settings', {})
  const [form] = Form.useForm()
  const save = useDeskMutation('complaint.saveSettings', { form, success: '投诉设置已保存' })
  useEffect(() => {
    if (q.data) form.setFieldsValue({ ...q.data, categories: q.data.categories.join('、'), departments: q.data.departments.join('、') })
  }, [q.data, form])
  const submit = () =>
    void form.validateFields().then((v) => save.mutate({ ...v, categories: toList(v.categories), departments: toList(v.departments) }))
  const listRule = (schema: typeof S.categories) => ({
    validator: async (_r: unknown, v: unknown) => {
      const r = schema.safeParse(toList(v))
      if (!r.success) throw new Error(r.error.issues[0].message)
    },
  })
  return (
    <Card size="small" title="投诉(类别 · 责任部门 · 重复投诉)" data-testid="complaint-settings">
      {/* Inside the site form: Enter in a field saves this card only (not the site form around it). */}
      <div onKeyDownCapture={enterSubmits(submit)}>
        <Form form={form} component={false} layout="vertical">
          <Form.Item name="categories" label="投诉类别(用顿号分隔)" rules={[listRule(S.categories)]}>
            <Input.TextArea autoSize />
          </Form.Item>
          <Form.Item name="departments" label="责任部门(用顿号分隔)" rules={[listRule(S.departments)]}>
            <Input.TextArea autoSize />
          </Form.Item>
          <Space wrap align="start">
            <Form.Item name="recurDays" label="重复投诉判定天数" rules={[zodRule(S.recurDays)]}>
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item name="slipHours" label="联系单默认处理时限(小时)" rules={[zodRule(S.slipHours)]}>
              <InputNumber min={1} max={720} />
            </Form.Item>
            <Form.Item label=" ">
              <Button onClick={submit} loading={save.isPending} data-testid="complaint-settings-save">保存投诉设置</Button>
            </Form.Item>
          </Space>
        </Form>
      </div>
    </Card>
  )
}
