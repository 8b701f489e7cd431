import { Alert, Button, Form, Input, Radio, Select, Space } from 'antd'
import type { InputRef } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef } from 'react'
import { closeBlockers } from '../../../shared/complaint/rules'
import {
  CALL_BACK_OUTCOMES,
  CALL_BACK_OUTCOME_LABELS,
  complaintCallBackInput,
  complaintFollowUpInput,
  complaintResultInput,
  complaintSlipInput,
  complaintValidityInput,
  type ComplaintDetail,
} from '../../../shared/complaint/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { useCloseOnPick } from '../forms/closeOnPick'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { coreNow } from '../api/useCoreNow'

/** The first field of a step form takes the focus when its tab opens: the clerk types straight away. */
function useFirstFocus() {
  const first = useRef<InputRef>(null)
  useEffect(() => {
    const t = setTimeout(() => first.current?.focus(), 80)
    return () => clearTimeout(t)
  }, [])
  return first
}

const S = complaintSlipInput.shape

/** 开工作联系单: to a department, with what to do and a deadline ahead (default: the site's hours from now); printed at once. */
export function SlipForm({ c }: { c: ComplaintDetail }) {
  const [form] = Form.useForm()
  const first = useFirstFocus()
  const settings = useDesk('complaint.settings', {})
  const pick = useCloseOnPick()
  const print = useDeskMutation('complaint.printSlip', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  const issue = useDeskMutation('complaint.issueSlip', {
    form,
    success: '工作联系单已开具',
    onSuccess: (d) => {
      form.resetFields(['request'])
      const slip = d.slips[d.slips.length - 1]
      if (slip) print.mutate({ slipId: slip.id })
    },
  })
  useEffect(() => {
    if (settings.data && !form.getFieldValue('deadline')) form.setFieldsValue({ deadline: dayjs(coreNow()).add(settings.data.slipHours, 'hour').format('YYYY-MM-DD HH:mm') })
  }, [settings.data, form])
  return (
    <div onKeyDownCapture={enterSubmits(() => form.submit())}>
      <Form form={form} name="slip" layout="vertical" initialValues={{ department: c.department }} onFinish={(v) => issue.mutate({ complaintId: c.id, ...v })}>
        <Form.Item name="request" label="联系事项" rules={[zodRule(S.request)]}>
          <Input ref={first} autoComplete="off" placeholder="请部门做什么,如:请今晚巡查并制止超时施工" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="department" label="接收部门" rules={[zodRule(S.department)]}>
            <Select showSearch open={pick.open} onOpenChange={pick.onOpenChange} onSelect={pick.onSelect} style={{ width: 160 }} options={(settings.data?.departments ?? []).map((x) => ({ value: x, label: x }))} />
          </Form.Item>
          <Form.Item name="deadline" label="处理时限" rules={[zodRule(S.deadline)]} extra="格式 2026-12-01 17:30,须晚于现在">
            <Input autoComplete="off" style={{ width: 180 }} />
          </Form.Item>
        </Space>
        <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="slip-save">
          开具并打印(Enter)
        </Button>
      </Form>
    </div>
  )
}

/** One text field and Enter: 跟进 or 处理结果. */
export function NoteForm({ c, kind }: { c: ComplaintDetail; kind: 'followUp' | 'result' }) {
  const [form] = Form.useForm()
  const first = useFirstFocus()
  const fu = useDeskMutation('complaint.followUp', { form, success: '跟进已记录', onSuccess: () => form.resetFields() })
  const rs = useDeskMutation('complaint.result', { form, success: '处理结果已登记', onSuccess: () => form.resetFields() })
  const field = kind === 'followUp' ? { name: 'note', label: '跟进情况', rule: complaintFollowUpInput.shape.note } : { name: 'result', label: '处理结果', rule: complaintResultInput.shape.result }
  const save = (v: Record<string, string>) => (kind === 'followUp' ? fu.mutate({ complaintId: c.id, note: v.note }) : rs.mutate({ complaintId: c.id, result: v.result }))
  return (
    <div onKeyDownCapture={enterSubmits(() => form.submit())}>
      <Form form={form} name={kind} layout="vertical" onFinish={save}>
        <Form.Item name={field.name} label={field.label} rules={[zodRule(field.rule)]}>
          <Input ref={first} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={fu.isPending || rs.isPending} data-testid={`${kind}-save`}>
          保存(Enter)
        </Button>
      </Form>
    </div>
  )
}

/** 回访: satisfied or not (remark), or no call-back possible — then the reason is required. */
export function CallBackForm({ c }: { c: ComplaintDetail }) {
  const [form] = Form.useForm()
  const outcome = Form.useWatch('outcome', form) ?? 'satisfied'
  const save = useDeskMutation('complaint.callBack', { form, success: '回访已记录', onSuccess: () => form.resetFields() })
  const first = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const t = setTimeout(() => first.current?.querySelector<HTMLInputElement>('input:checked')?.focus(), 80)
    return () => clearTimeout(t)
  }, [])
  if (!c.resultAt) return <Alert type="info" showIcon message="先登记处理结果,再回访投诉人" />
  return (
    <div onKeyDownCapture={enterSubmits(() => form.submit())}>
      <Form form={form} name="callBack" layout="vertical" initialValues={{ outcome: 'satisfied' }} onFinish={(v) => save.mutate({ complaintId: c.id, ...v })}>
        <div ref={first}>
          <Form.Item name="outcome" label="回访结果">
            <Radio.Group optionType="button" options={CALL_BACK_OUTCOMES.map((o) => ({ value: o, label: CALL_BACK_OUTCOME_LABELS[o] }))} />
          </Form.Item>
        </div>
        <Form.Item
          name="note"
          label={outcome === 'impossible' ? '无法回访的原因' : '回访情况'}
          rules={[zodRule(complaintCallBackInput.shape.note), ...(outcome === 'impossible' ? [{ required: true, message: '无法回访的原因不能为空' }] : [])]}
        >
          <Input autoComplete="off" placeholder={outcome === 'impossible' ? '如:匿名来信,无联系方式' : '如:王先生表示满意'} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="callBack-save">
          保存回访(Enter)
        </Button>
      </Form>
    </div>
  )
}

/** 办结: shows what is still missing (the core refuses the same); Enter or the button closes. */
export function CloseForm({ c }: { c: ComplaintDetail }) {
  const [form] = Form.useForm()
  const first = useFirstFocus()
  const close = useDeskMutation('complaint.close', { form, success: '投诉已办结' })
  const blockers = closeBlockers(c)
  return (
    <div onKeyDownCapture={enterSubmits(() => form.submit())}>
      {blockers.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={blockers.map((b) => b.message).join(';')} data-testid="close-blockers" />}
      <Form form={form} name="close" layout="vertical" onFinish={(v) => close.mutate({ complaintId: c.id, note: v.note })}>
        <Form.Item name="note" label="办结说明(可不填)">
          <Input ref={first} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={close.isPending} data-testid="close-save">
          办结(Enter)
        </Button>
      </Form>
    </div>
  )
}

/** 有效投诉 or not, with the reason: the supervisor's decision. */
export function ValidityForm({ c }: { c: ComplaintDetail }) {
  const [form] = Form.useForm()
  const save = useDeskMutation('complaint.decideValidity', { form, success: '已判定', onSuccess: () => form.resetFields(['reason']) })
  return (
    <div onKeyDownCapture={enterSubmits(() => form.submit())}>
      <Form form={form} name="validity" layout="vertical" initialValues={{ valid: c.valid ?? true }} onFinish={(v) => save.mutate({ complaintId: c.id, ...v })}>
        <Form.Item name="valid" label="判定">
          <Radio.Group optionType="button" options={[{ value: true, label: '有效投诉' }, { value: false, label: '无效投诉' }]} />
        </Form.Item>
        <Form.Item name="reason" label="判定理由" rules={[zodRule(complaintValidityInput.shape.reason)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="validity-save">
          保存判定(Enter)
        </Button>
      </Form>
    </div>
  )
}
