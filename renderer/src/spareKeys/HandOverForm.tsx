import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { forwardRef, useImperativeHandle, useRef, useState } from 'react'
import { spareKeyHandOverInput, type IdEntry, type SpareKeyDeposit } from '../../../shared/spareKeys/schema'
import { useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'
import { IdNumberInput } from './IdNumberInput'

const f = spareKeyHandOverInput.shape

export interface HandOverHandle {
  /** A deposit picked in the list: chosen here, the focus on the ID number. */
  pick(id: string): void
}

/**
 * 领取寄存钥匙: the person at the desk shows their ID; the clerk types it or a USB reader reads it
 * (Tab order: 寄存 → 身份证号 → 姓名 → 备注; Enter releases). Only the owner or a listed, currently valid
 * collector gets the bag; anyone else is refused with the reason at the field, and the refusal is on
 * record (the history shows it). 结束寄存 hands the keys back to the owner for good, checked the same way.
 */
export const HandOverForm = forwardRef<HandOverHandle, { deposits: SpareKeyDeposit[] }>(function HandOverForm({ deposits }, ref) {
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const idBox = useRef<InputRef>(null)
  const [entry, setEntry] = useState<IdEntry>('typed')
  const [readProblem, setProblem] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const held = deposits.filter((d) => d.state === 'held')
  const chosen = Form.useWatch('depositId', form) as string | undefined
  const deposit = deposits.find((d) => d.id === (chosen ?? held[0]?.id))
  const after = (what: string) => (d: SpareKeyDeposit) => {
    setDone(`${what}:${d.unitLabel} ${d.description} ${d.keyCount}把(封袋 ${d.bagNo})${d.outTo ? `,交 ${d.outTo}` : ''}`)
    form.resetFields()
    setEntry('typed')
  }
  const release = useDeskMutation('spareKey.release', { form, success: '已领出', onSuccess: after('已领出') })
  const close = useDeskMutation('spareKey.close', { form, success: '已结束寄存', onSuccess: after('业主已取回,寄存结束') })
  useImperativeHandle(ref, () => ({
    pick: (id) => {
      form.setFieldsValue({ depositId: id })
      setTimeout(() => idBox.current?.focus(), 0)
    },
  }))
  const submit = (kind: 'release' | 'close') => async () => {
    const v = await form.validateFields().catch(() => null)
    if (!v || !deposit) return
    setDone(null)
    const input = { depositId: deposit.id, idNumber: v.idNumber ?? '', entry, askerName: v.askerName || undefined, note: v.note || undefined }
    // A refusal is recorded by the core: the history must show it although the call is refused.
    ;(kind === 'release' ? release : close).mutate(input, { onError: () => void qc.invalidateQueries() })
  }
  if (!held.length)
    return (
      <Card size="small" title="领取寄存钥匙">
        <Typography.Text type="secondary">该房屋没有在库的寄存钥匙</Typography.Text>
        {done && <Alert type="success" showIcon message={done} style={{ marginTop: 8 }} />}
      </Card>
    )
  return (
    <Card size="small" title="领取寄存钥匙(核对身份证)" data-testid="spare-handover">
      <Form form={form} name="spareHandOver" layout="vertical" onFinish={submit('release')}>
        <Form.Item name="depositId" label="寄存钥匙" hidden={held.length < 2}>
          <Select placeholder={`${held[0].description}(${held[0].receiptNo})`} options={held.map((d) => ({ value: d.id, label: `${d.description} ${d.keyCount}把 · 封袋 ${d.bagNo} · ${d.receiptNo}` }))} />
        </Form.Item>
        {held.length < 2 && (
          <Typography.Paragraph>
            {held[0].description} {held[0].keyCount}把 · 封袋 {held[0].bagNo} · {held[0].receiptNo}
          </Typography.Paragraph>
        )}
        <Form.Item name="idNumber" label="领取人身份证号" rules={[zodRule(f.idNumber)]} validateStatus={readProblem ? 'error' : undefined} help={readProblem ?? undefined}>
          <IdNumberInput ref={idBox} autoFocus onEntry={setEntry} onProblem={setProblem} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="askerName" label="领取人姓名" rules={[zodRule(f.askerName)]} extra="核对不符时记入拒绝记录">
            <Input autoComplete="off" style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="note" label="备注" rules={[zodRule(f.note)]}>
            <Input autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Space>
          <Button type="primary" htmlType="submit" loading={release.isPending} data-testid="spare-release">
            核对并领出(Enter)
          </Button>
          <Button onClick={submit('close')} loading={close.isPending} data-testid="spare-close">
            业主取回,结束寄存
          </Button>
          {entry === 'reader' && <Typography.Text type="secondary">身份证号由读卡器读入</Typography.Text>}
        </Space>
      </Form>
      {done && <Alert type="success" showIcon message={done} style={{ marginTop: 8 }} data-testid="spare-done" />}
    </Card>
  )
})
