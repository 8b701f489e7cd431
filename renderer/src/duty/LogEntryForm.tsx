import { Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import type dayjs from 'dayjs'
import { useEffect, useRef } from 'react'
import { ESCALATION_TARGETS, ESCALATION_TARGET_LABELS, LOG_KINDS, LOG_KIND_LABELS, LOG_STATUSES, LOG_STATUS_LABELS } from '../../../shared/duty/kinds'
import { logAddInput } from '../../../shared/duty/logSchema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'
import { UnitPicker } from './UnitPicker'


/**
 * Keyboard-first entry of the duty log: Alt+N (or F2) jumps here, Enter saves, and the form is
 * ready for the next entry at once. Templates fill kind, content and action.
 */
export function LogEntryForm({ disabled }: { disabled?: boolean }) {
  const [form] = Form.useForm()
  const content = useRef<InputRef>(null)
  const templates = useDesk('log.templates', {})
  const status = Form.useWatch('status', form)
  const add = useDeskMutation('log.add', {
    form,
    success: '已记录',
    onSuccess: () => {
      form.resetFields()
      content.current?.focus()
    },
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.altKey && (e.key === 'n' || e.key === 'N')) || e.key === 'F2') {
        e.preventDefault()
        content.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  const submit = (v: Record<string, unknown>) =>
    add.mutate({
      kind: v.kind as never,
      at: v.at ? (v.at as dayjs.Dayjs).toISOString() : undefined,
      unitId: (v.unitId as string) || undefined,
      person: (v.person as string) || undefined,
      content: v.content as string,
      action: (v.action as string) || undefined,
      passedTo: (v.passedTo as string) || undefined,
      status: v.status as never,
      escalateTo: v.status === 'escalated' ? (v.escalateTo as never) : undefined,
    })
  return (
    <Card
      size="small"
      title="新增值班记录"
      extra={<Typography.Text type="secondary">Alt+N 新增 · Enter 保存</Typography.Text>}
      data-testid="log-entry-form"
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'call', status: 'done' }} onFinish={submit} disabled={disabled}>
        <Row gutter={12}>
          <Col span={4}>
            <Form.Item name="kind" label="类型">
              <Select options={LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item label="模板">
              <Select
                placeholder="选择常用模板"
                value={null}
                options={(templates.data ?? []).map((t, i) => ({ value: i, label: `${LOG_KIND_LABELS[t.kind]} · ${t.content}` }))}
                onChange={(i: number) => {
                  const t = templates.data![i]
                  form.setFieldsValue({ kind: t.kind, content: t.content, action: t.action || undefined })
                  content.current?.focus()
                }}
              />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="at" label="时间(默认现在)">
              <DatePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="unitId" label="房屋">
              <UnitPicker />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="person" label="人员" rules={[zodRule(logAddInput.shape.person)]}>
              <Input placeholder="来电/来访人" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="content" label="内容" rules={[zodRule(logAddInput.shape.content)]}>
              <Input ref={content} placeholder="发生了什么" data-testid="log-content" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="action" label="处理措施" rules={[zodRule(logAddInput.shape.action)]}>
              <Input placeholder="做了什么" data-testid="log-action" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12} align="bottom">
          <Col span={6}>
            <Form.Item name="passedTo" label="转交部门/人员" rules={[zodRule(logAddInput.shape.passedTo)]}>
              <Input placeholder="如:工程部 吴强" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label="状态">
              <Radio.Group optionType="button" options={LOG_STATUSES.map((s) => ({ value: s, label: LOG_STATUS_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            {status === 'escalated' && (
              <Form.Item name="escalateTo" label="上报给" rules={[{ required: true, message: '已上报的记录须选择上报对象' }]}>
                <Select options={ESCALATION_TARGETS.map((t) => ({ value: t, label: ESCALATION_TARGET_LABELS[t] }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={5} style={{ textAlign: 'right' }}>
            <Form.Item>
              <Space>
                <Button onClick={() => form.resetFields()}>清空</Button>
                <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="log-save">
                  保存记录
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  )
}
