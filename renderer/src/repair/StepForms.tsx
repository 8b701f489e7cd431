import { Button, Card, Checkbox, Form, Input, Radio, Space } from 'antd'
import type { ReactNode } from 'react'
import type { In, MethodName } from '../../../shared/api'
import { repairArriveInput, repairCallbackInput, repairCompleteInput, repairForwardInput, repairToldInput, type RepairDetail } from '../../../shared/repair/schema'
import { useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

type StepMethod = 'repair.forward' | 'repair.told' | 'repair.arrive' | 'repair.complete' | 'repair.callback'

/** One step's small form: Enter saves from any field; the core's refusal lands on the field it names. */
function StepForm<M extends StepMethod & MethodName>({ id, method, title, ok, children, testId, initial }: { id: string; method: M; title: string; ok: string; children: ReactNode; testId: string; initial?: object }) {
  const [form] = Form.useForm()
  const save = useDeskMutation(method, { form, success: `${title}已登记`, onSuccess: () => form.resetFields() })
  return (
    <Card size="small" title={title} data-testid={testId}>
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate({ id, ...v } as In<M>)} requiredMark={false}>
          {children}
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {ok}
          </Button>
        </Form>
      </div>
    </Card>
  )
}

const at = (label: string) => (
  <Form.Item name="at" label={label} extra="留空为现在;工程部稍后报来的时间按 2026-12-01 10:40 填写">
    <Input autoComplete="off" style={{ width: 200 }} />
  </Form.Item>
)

/** The next steps an order can take, as forms; nothing once it is closed. */
export function StepForms({ o }: { o: RepairDetail }) {
  const fwd = repairForwardInput.shape
  const told = repairToldInput.shape
  const arr = repairArriveInput.shape
  const done = repairCompleteInput.shape
  const back = repairCallbackInput.shape
  if (o.state === 'closed') return null
  const forms: ReactNode[] = []
  if (o.state === 'toForward') {
    forms.push(
      <StepForm key="f" id={o.id} method="repair.forward" title="转工程部" ok="已转工程部(Enter)" testId="step-forward">
        <Form.Item name="receiver" label="工程部接单人" rules={[zodRule(fwd.receiver)]}>
          <Input autoComplete="off" autoFocus style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[zodRule(fwd.note)]}>
          <Input autoComplete="off" />
        </Form.Item>
      </StepForm>,
    )
  }
  if (o.state === 'forwarded') {
    forms.push(
      <StepForm key="a" id={o.id} method="repair.arrive" title="到场" ok="登记到场(Enter)" testId="step-arrive" initial={{ who: o.forwardedTo ?? undefined }}>
        <Form.Item name="who" label="到场人员" rules={[zodRule(arr.who)]}>
          <Input autoComplete="off" style={{ width: 200 }} />
        </Form.Item>
        {at('到场时间')}
      </StepForm>,
    )
  }
  if (o.state === 'forwarded' || o.state === 'onSite') {
    forms.push(
      <StepForm key="c" id={o.id} method="repair.complete" title="完工(工程部交回维修单)" ok="登记完工(Enter)" testId="step-complete" initial={{ who: o.forwardedTo ?? undefined }}>
        <Space wrap align="start">
          <Form.Item name="who" label="维修人员" rules={[zodRule(done.who)]}>
            <Input autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          {at('完工时间')}
        </Space>
        <Form.Item name="result" label="维修结果" rules={[zodRule(done.result)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="materials" label="材料" rules={[zodRule(done.materials)]}>
            <Input autoComplete="off" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="charges" label="收费" rules={[zodRule(done.charges)]}>
            <Input autoComplete="off" style={{ width: 160 }} placeholder="如:材料费25元" />
          </Form.Item>
        </Space>
      </StepForm>,
      <StepForm key="t" id={o.id} method="repair.told" title="工程部无法及时到场:告知业主及管家" ok="已告知(Enter)" testId="step-told">
        <Space wrap align="start">
          <Form.Item name="housekeeper" label="已通知管家" rules={[zodRule(told.housekeeper)]}>
            <Input autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="note" label="告知业主内容" rules={[zodRule(told.note)]}>
            <Input autoComplete="off" style={{ width: 320 }} placeholder="如:师傅在处理另一急修,约20分钟到" />
          </Form.Item>
        </Space>
      </StepForm>,
    )
  }
  if (o.state === 'completed') {
    forms.push(
      <StepForm key="b" id={o.id} method="repair.callback" title="回访" ok="登记回访(Enter)" testId="step-callback" initial={{ reached: true, satisfied: true }}>
        <Space wrap align="start">
          <Form.Item name="reached" label="联系上业主" rules={[zodRule(back.reached)]}>
            <Radio.Group optionType="button" options={[{ value: true, label: '已联系上' }, { value: false, label: '未联系上' }]} />
          </Form.Item>
          <Form.Item name="satisfied" label="业主评价">
            <Radio.Group optionType="button" options={[{ value: true, label: '满意' }, { value: false, label: '不满意' }]} />
          </Form.Item>
          <Form.Item name="closeUnreached" label="无法再回访" valuePropName="checked">
            <Checkbox>未联系上也结案</Checkbox>
          </Form.Item>
        </Space>
        <Form.Item name="remark" label="回访备注" rules={[zodRule(back.remark)]}>
          <Input autoComplete="off" />
        </Form.Item>
      </StepForm>,
    )
  }
  return <Space direction="vertical" style={{ width: '100%' }}>{forms}</Space>
}
