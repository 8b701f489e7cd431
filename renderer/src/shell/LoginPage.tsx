import { Button, Card, Form, Input, Typography } from 'antd'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDeskMutation } from '../api/hooks'

export function LoginPage({ siteName, onLogin }: { siteName?: string; onLogin: (s: SessionInfo) => void }) {
  const [form] = Form.useForm()
  const login = useDeskMutation('auth.login', { form, onSuccess: onLogin })
  return (
    <div className="center-page">
      <Card style={{ width: 400 }} data-testid="login-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          物业前台
        </Typography.Title>
        <Typography.Paragraph type="secondary">{siteName} · 值班员登录</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          // A refused PIN is cleared (its message stays on the field) and the cursor goes back to it.
          onFinish={(v) => login.mutate(v, { onError: (e) => (e.field === 'pin' && form.setFields([{ name: 'pin', value: '', errors: [e.message] }]), form.getFieldInstance('pin')?.focus?.()) })}
        >
          <Form.Item name="staffNo" label="工号" rules={[{ required: true, message: '请输入工号' }]}>
            <Input autoFocus autoComplete="username" />
          </Form.Item>
          <Form.Item name="pin" label="PIN" rules={[{ required: true, message: '请输入PIN' }]} extra="连续输错PIN,需等待片刻再试;连续5次将锁定5分钟">
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  )
}
