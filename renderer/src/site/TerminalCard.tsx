import { Button, Card, Form, Input, Space, Tag, Typography } from 'antd'
import { useEffect } from 'react'
import { terminalNameInput } from '../../../shared/site/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

/** This terminal's name (审计日志 shows it instead of the id) and the site's other terminals. */
export function TerminalCard() {
  const list = useDesk('site.terminals', {})
  const [form] = Form.useForm()
  const rename = useDeskMutation('site.renameTerminal', { form, success: '终端名称已保存' })
  const current = list.data?.find((t) => t.current)
  useEffect(() => {
    if (current) form.setFieldsValue({ name: current.name })
  }, [current, form])
  return (
    <Card title="终端" size="small" data-testid="terminal-card">
      {/* Its own form: this card sits inside the settings form, whose submit must not carry it. */}
      <Form form={form} name="terminal" component={false} onFinish={(v) => rename.mutate(v)}>
        <Space align="start" wrap>
          <Form.Item name="name" label="本终端名称" rules={[zodRule(terminalNameInput.shape.name)]} style={{ margin: 0 }}>
            <Input style={{ width: 220 }} placeholder="如 一号前台" onPressEnter={(e) => (e.preventDefault(), form.submit())} />
          </Form.Item>
          <Button loading={rename.isPending} onClick={() => form.submit()} data-testid="terminal-rename">
            保存名称
          </Button>
        </Space>
      </Form>
      {list.data && list.data.length > 1 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          本项目的终端:
          {list.data.map((t) => (
            <Tag key={t.id} color={t.current ? 'blue' : undefined}>
              {t.name}
            </Tag>
          ))}
        </Typography.Paragraph>
      )}
    </Card>
  )
}
