import { Form, Input, Modal, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useRef } from 'react'
import { keyLostInput } from '../../../shared/keys/schema'
import { useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const f = keyLostInput.shape

/** 报失: a copy lost by its borrower (from the loan) or missing from the hook (from the register). */
export function LostModal({ subject, onClose }: { subject: { tagNo: string; keyName: string; loanId?: string; borrower?: string } | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const first = useRef<InputRef>(null)
  const lost = useDeskMutation('keyLoan.reportLost', { form, success: '已报失,该钥匙不再计入在库数量', onSuccess: () => (form.resetFields(), onClose()) })
  return (
    <Modal title={`钥匙报失 · ${subject?.tagNo ?? ''}号 ${subject?.keyName ?? ''}`} open={!!subject} onCancel={onClose} onOk={() => form.submit()} okText="报失" okButtonProps={{ danger: true }} confirmLoading={lost.isPending} destroyOnHidden afterOpenChange={(open) => open && first.current?.focus()}>
      <Typography.Paragraph type="secondary">{subject?.loanId ? `${subject.borrower} 借出后丢失:该次借用随报失结束。` : '挂钩上的钥匙找不到:在库数量减一。'}报失后不能撤销,找回的钥匙请重新登记。</Typography.Paragraph>
      <div onKeyDownCapture={enterSubmits(() => form.submit())} data-testid="lost-form">
        <Form form={form} name="lost" layout="vertical" initialValues={{ reportedBy: subject?.borrower }} onFinish={(v) => subject && lost.mutate({ ...v, tagNo: subject.tagNo, loanId: subject.loanId })}>
          <Form.Item name="reportedBy" label="报告人" rules={[zodRule(f.reportedBy)]}>
            <Input ref={first} autoComplete="off" />
          </Form.Item>
          <Form.Item name="reason" label="丢失原因" rules={[zodRule(f.reason)]}>
            <Input />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  )
}
