import { Button, Card, Form, Input, Typography } from 'antd'
import type { InputRef } from 'antd'
import { forwardRef, useImperativeHandle, useRef, useState } from 'react'
import { keyReturnInput } from '../../../shared/keys/schema'
import type { KeyLoanRow } from '../../../shared/keys/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { TagHint } from './LendForm'

const f = keyReturnInput.shape

export interface ReturnHandle {
  /** A loan picked in the list: its tag filled in, the focus on 归还人. */
  pick(l: KeyLoanRow): void
  focus(): void
}

/** 归还钥匙: tag (or a loan picked in the list), who brought it back, its condition; Enter saves. */
export const ReturnForm = forwardRef<ReturnHandle>(function ReturnForm(_p, ref) {
  const [form] = Form.useForm()
  const tag = useRef<InputRef>(null)
  const who = useRef<InputRef>(null)
  const [loan, setLoan] = useState<KeyLoanRow | null>(null)
  const keys = useDesk('key.list', {})
  const tagNo = Form.useWatch('tagNo', form)
  const back = useDeskMutation('keyLoan.return', {
    form,
    success: '已归还',
    onSuccess: () => {
      form.resetFields()
      setLoan(null)
      setTimeout(() => tag.current?.focus(), 0)
    },
  })
  useImperativeHandle(ref, () => ({
    pick: (l) => {
      setLoan(l)
      form.setFieldsValue({ tagNo: l.tagNo, returnedBy: l.borrowerName })
      setTimeout(() => who.current?.focus(), 0)
    },
    focus: () => tag.current?.focus(),
  }))
  return (
    <Card size="small" title="归还钥匙" data-testid="return-form">
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form
          form={form}
          name="return"
          layout="vertical"
          onFinish={(v) => back.mutate({ ...v, loanId: loan && loan.tagNo === String(v.tagNo ?? '').trim().toUpperCase() ? loan.id : undefined })}
        >
          <Form.Item name="tagNo" label="钥匙牌号" rules={[zodRule(f.tagNo.unwrap())]} extra={loan ? <Typography.Text type="secondary">归还 {loan.borrowerName} 借的这一把</Typography.Text> : <TagHint tag={tagNo} keys={keys.data} />}>
            <Input ref={tag} autoComplete="off" placeholder="输入或扫描钥匙牌上的号码" />
          </Form.Item>
          <Form.Item name="returnedBy" label="归还人" rules={[zodRule(f.returnedBy)]}>
            <Input ref={who} autoComplete="off" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="condition" label="钥匙状况/备注" rules={[zodRule(f.condition)]}>
            <Input autoComplete="off" placeholder="如:完好;钥匙环断裂" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={back.isPending} data-testid="return-save">
            归还(Enter)
          </Button>
        </Form>
      </div>
    </Card>
  )
})
