import { Button, Card, Form, Input, Select, Typography } from 'antd'
import { setupInput, TIME_ZONES } from '../../../shared/site/schema'
import { useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

const f = setupInput.shape

/** First start: the site and its first administrator. */
export function SetupPage({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm()
  const create = useDeskMutation('setup.create', { form, success: '项目已创建,请用管理员账号登录', onSuccess: onDone })
  return (
    <div className="center-page">
      <Card style={{ width: 520 }} title="首次使用 · 创建项目" data-testid="setup-card">
        <Typography.Paragraph type="secondary">填写本服务中心的基本信息,并创建第一个管理员账号。</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ timeZone: 'Asia/Shanghai' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label="项目名称" rules={[zodRule(f.name)]}>
            <Input placeholder="例如:阳光花园" />
          </Form.Item>
          <Form.Item name="office" label="管理处" rules={[zodRule(f.office)]}>
            <Input placeholder="例如:阳光花园物业服务中心" />
          </Form.Item>
          <Form.Item name="timeZone" label="时区">
            <Select options={TIME_ZONES.map((z) => ({ value: z, label: z === 'Asia/Shanghai' ? 'Asia/Shanghai(北京时间)' : z }))} />
          </Form.Item>
          <Form.Item name="adminStaffNo" label="管理员工号" rules={[zodRule(f.adminStaffNo)]}>
            <Input />
          </Form.Item>
          <Form.Item name="adminName" label="管理员姓名" rules={[zodRule(f.adminName)]}>
            <Input />
          </Form.Item>
          <Form.Item name="adminPin" label="管理员PIN(至少4位)" rules={[zodRule(f.adminPin)]}>
            <Input.Password />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={create.isPending}>
            创建项目
          </Button>
        </Form>
      </Card>
    </div>
  )
}
