import { Button, Checkbox, Form, Input, Space } from 'antd'
import { useState } from 'react'
import type { HandoverView } from '../../../shared/duty/handoverSchema'
import { useDeskMutation } from '../api/hooks'
import type { DeskCallError } from '../api/transport'
import { SupervisorFields } from './SupervisorFields'

/**
 * The incoming clerk identifies on this terminal (staff number + PIN). Not rostered for the next
 * shift: a supervisor authorises with their own staff number and PIN and a reason.
 */
export function HandoverIncoming({ view, staffNo }: { view: HandoverView; staffNo?: string }) {
  const [form] = Form.useForm()
  const [needsOverride, setNeedsOverride] = useState(false)
  const incoming = useDeskMutation('handover.incoming', { form, success: '接班人已登录交接' })
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ staffNo }}
      data-testid="handover-incoming"
      onFinish={(v) =>
        incoming.mutate(
          { id: view.id, staffNo: v.staffNo, pin: v.pin, override: needsOverride ? v.override : undefined },
          { onError: (e: DeskCallError) => e.field === 'override' && setNeedsOverride(true) },
        )
      }
    >
      <Space direction="vertical">
        <Space wrap>
          <Form.Item name="staffNo" label="接班人工号" rules={[{ required: true, message: '请输入接班人工号' }]}>
            <Input autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="pin" label="接班人PIN" rules={[{ required: true, message: '请输入接班人PIN' }]}>
            <Input.Password autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          <Checkbox checked={needsOverride} onChange={(e) => setNeedsOverride(e.target.checked)}>
            非排班接班(需客服主管授权)
          </Checkbox>
          <Button type="primary" htmlType="submit" loading={incoming.isPending}>
            接班人登录
          </Button>
        </Space>
        {needsOverride && (
          <Space wrap align="start">
            <SupervisorFields />
          </Space>
        )}
      </Space>
    </Form>
  )
}
