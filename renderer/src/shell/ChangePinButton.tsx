import { KeyOutlined } from '@ant-design/icons'
import { Button, Form, Input, Modal, Tooltip } from 'antd'
import { useState } from 'react'
import { changeOwnPinInput } from '../../../shared/staff/schema'
import { useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

/**
 * Every clerk changes their own PIN (the administrator's initial one should not stay in use). The
 * core counts a wrong 原PIN like a wrong login and ends the person's other sessions on success.
 */
export function ChangePinButton() {
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const change = useDeskMutation('auth.changePin', { form, success: 'PIN已修改,你在其他地方的登录已退出', onSuccess: () => (form.resetFields(), setOpen(false)) })
  return (
    <>
      <Tooltip title="修改我的PIN">
        <Button icon={<KeyOutlined />} aria-label="修改PIN" onClick={() => setOpen(true)} />
      </Tooltip>
      <Modal title="修改我的PIN" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="保存" confirmLoading={change.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => change.mutate({ oldPin: v.oldPin, newPin: v.newPin })}>
          <Form.Item name="oldPin" label="原PIN" rules={[zodRule(changeOwnPinInput.shape.oldPin)]}>
            <Input.Password />
          </Form.Item>
          <Form.Item name="newPin" label="新PIN" rules={[zodRule(changeOwnPinInput.shape.newPin)]}>
            <Input.Password />
          </Form.Item>
          <Form.Item
            name="again"
            label="再次输入新PIN"
            dependencies={['newPin']}
            rules={[{ validator: async (_r, v) => { if (v !== form.getFieldValue('newPin')) throw new Error('两次输入的新PIN不一致') } }]}
          >
            <Input.Password />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
