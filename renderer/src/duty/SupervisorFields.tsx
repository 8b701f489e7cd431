import { Form, Input } from 'antd'
import { supervisorOverride } from '../../../shared/duty/fields'
import { zodRule } from '../forms/zodRule'

const s = supervisorOverride.shape

/** 客服主管授权: the supervisor types their own staff number and PIN on this terminal, and why. */
export function SupervisorFields({ prefix = ['override'] }: { prefix?: string[] }) {
  return (
    <>
      <Form.Item name={[...prefix, 'supervisorStaffNo']} label="主管工号" rules={[zodRule(s.supervisorStaffNo)]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name={[...prefix, 'supervisorPin']} label="主管PIN" rules={[zodRule(s.supervisorPin)]}>
        <Input.Password autoComplete="off" />
      </Form.Item>
      <Form.Item name={[...prefix, 'reason']} label="授权原因" rules={[zodRule(s.reason)]}>
        <Input placeholder="例如:原排班人员病假,临时顶岗" />
      </Form.Item>
    </>
  )
}
