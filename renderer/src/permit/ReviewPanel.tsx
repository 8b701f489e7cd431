import { opinionText } from '../../../shared/permit/opinion'
import { Button, Card, Form, Input, Radio, Steps, Typography } from 'antd'
import { PERMIT_KIND_DEFS } from '../../../shared/permit/kinds'
import type { PermitView } from '../../../shared/permit/apiSchema'
import { useDeskMutation } from '../api/hooks'

/** The review steps as a timeline, and — when the waiting step is mine — the decision form. */
export function ReviewPanel({ v }: { v: PermitView }) {
  const [form] = Form.useForm()
  const review = useDeskMutation('permit.review', { form, success: '审批意见已保存', onSuccess: () => form.resetFields() })
  const steps = PERMIT_KIND_DEFS[v.record.kind].steps
  if (!steps.length) return null
  const decided = (i: number) => v.reviews.find((r) => r.step === i)
  return (
    <Card size="small" title="审批" data-testid="permit-review">
      <Steps
        size="small"
        current={v.nextStep?.index ?? steps.length}
        items={steps.map((s, i) => {
          const r = decided(i)
          return {
            title: s.label,
            status: r ? (r.decision === 'approve' ? 'finish' : 'error') : v.nextStep?.index === i ? 'process' : 'wait',
            description: r ? `${r.staffName} ${r.at} ${opinionText(r, ':')}` : undefined,
          }
        })}
      />
      {v.nextStep && v.reviewable.ok && (
        <Form form={form} layout="inline" style={{ marginTop: 12 }} initialValues={{ decision: 'approve' }} onFinish={(x) => review.mutate({ id: v.id, decision: x.decision, opinion: x.opinion || undefined })}>
          <Form.Item name="decision">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'approve', label: '同意' },
                { value: 'refuse', label: '不同意' },
              ]}
            />
          </Form.Item>
          <Form.Item name="opinion" style={{ width: 360 }}>
            <Input placeholder="审批意见(不同意须写明理由)" aria-label="审批意见" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={review.isPending} data-testid="review-submit">
            提交{v.nextStep.label}
          </Button>
        </Form>
      )}
      {v.nextStep && !v.reviewable.ok && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          等待{v.nextStep.label}。{v.reviewable.reason}
        </Typography.Paragraph>
      )}
    </Card>
  )
}
