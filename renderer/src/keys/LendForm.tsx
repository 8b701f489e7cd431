import { Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react'
import { BORROWER_KINDS, BORROWER_KIND_LABELS, keyLendInput, type KeyRow } from '../../../shared/keys/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const f = keyLendInput.shape
const kindOptions = BORROWER_KINDS.map((k) => ({ value: k, label: BORROWER_KIND_LABELS[k] }))

export const keyState = (k: KeyRow) =>
  k.overLent ? '借出冲突' : k.available > 0 ? `在库${k.available}把${k.out ? `,借出${k.out}把` : ''}` : k.copies - k.lost <= 0 ? '已全部报失' : '已借出'

/** What the typed tag is: name, hook, state — or that it is not in the register. */
export function TagHint({ tag, keys }: { tag?: string; keys?: KeyRow[] }) {
  const t = tag?.trim().toUpperCase()
  if (!t || !keys) return null
  const k = keys.find((x) => x.tagNo === t)
  if (!k) return <Typography.Text type="warning">登记册中没有 {t} 号钥匙</Typography.Text>
  return (
    <Typography.Text type={k.available > 0 ? 'success' : 'danger'} data-testid="tag-hint">
      {k.name} · 挂钩 {k.hook ?? '—'} · {keyState(k)}
      {k.mayLeaveSite ? '' : ' · 不得带离项目'} · 默认借用{k.defaultLoanHours}小时
    </Typography.Text>
  )
}

export interface FocusHandle {
  focus(): void
}

/**
 * 借出钥匙, keyboard first: the tag field has the focus (a tag read by a scanner types like a keyboard),
 * Tab on to 借用人, Enter saves from any field; after a save the form empties and the tag field
 * takes the focus again.
 */
export const LendForm = forwardRef<FocusHandle>(function LendForm(_p, ref) {
  const [form] = Form.useForm()
  const tag = useRef<InputRef>(null)
  const keys = useDesk('key.list', {})
  const people = useDesk('keyLoan.staffOptions', {})
  const kind = Form.useWatch('borrowerKind', form) ?? 'outsider'
  const tagNo = Form.useWatch('tagNo', form)
  const lend = useDeskMutation('keyLoan.lend', {
    form,
    success: '已借出',
    onSuccess: () => {
      form.resetFields()
      setTimeout(() => tag.current?.focus(), 0)
    },
  })
  useImperativeHandle(ref, () => ({ focus: () => tag.current?.focus() }))
  // The tag field takes the focus when the page opens (after the menu click that opened it has settled).
  useEffect(() => {
    const t = setTimeout(() => tag.current?.focus(), 50)
    return () => clearTimeout(t)
  }, [])
  return (
    <Card size="small" title="借出钥匙" data-testid="lend-form">
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="lend" layout="vertical" initialValues={{ borrowerKind: 'outsider' }} onFinish={(v) => lend.mutate(v)}>
          <Form.Item name="tagNo" label="钥匙牌号" rules={[zodRule(f.tagNo)]} extra={<TagHint tag={tagNo} keys={keys.data} />}>
            <Input ref={tag} autoComplete="off" placeholder="输入或扫描钥匙牌上的号码" />
          </Form.Item>
          <Form.Item name="borrowerKind" label="借用人类型">
            <Radio.Group options={kindOptions} optionType="button" />
          </Form.Item>
          {kind === 'staff' ? (
            <Form.Item name="staffId" label="借用员工" rules={[{ required: true, message: '请选择借用的员工' }]}>
              <Select showSearch optionFilterProp="label" placeholder="输入姓名或工号" options={(people.data ?? []).map((p) => ({ value: p.id, label: `${p.name}(${p.staffNo})` }))} />
            </Form.Item>
          ) : (
            <Space wrap align="start">
              <Form.Item name="name" label="借用人姓名" rules={[{ required: true, message: '借用人姓名不能为空' }, zodRule(f.name)]}>
                <Input autoComplete="off" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="company" label="单位" rules={[{ required: true, message: '单位不能为空' }, zodRule(f.company)]}>
                <Input autoComplete="off" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="phone" label="借用人电话" rules={[{ required: true, message: '借用人电话不能为空' }, zodRule(f.phone)]}>
                <Input autoComplete="off" style={{ width: 150 }} />
              </Form.Item>
              <Form.Item name="idNumber" label="借用人身份证号" rules={[{ required: true, message: '借用人身份证号不能为空' }, zodRule(f.idNumber)]}>
                <Input autoComplete="off" style={{ width: 200 }} />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="purpose" label="借用事由" rules={[zodRule(f.purpose)]}>
            <Input autoComplete="off" placeholder="如:检修天台水箱" />
          </Form.Item>
          <Form.Item name="dueAt" label="预计归还时间" rules={[zodRule(f.dueAt)]} extra="留空按该钥匙的默认借用时长;格式 2026-12-01 17:30">
            <Input autoComplete="off" placeholder="留空按默认时长" style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={lend.isPending} data-testid="lend-save">
            借出(Enter)
          </Button>
        </Form>
      </div>
    </Card>
  )
})
