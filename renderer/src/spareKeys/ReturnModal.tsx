import { Form, Input, Modal, Typography } from 'antd'
import { spareKeyReturnInput, type SpareKeyDeposit } from '../../../shared/spareKeys/schema'
import { useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const f = spareKeyReturnInput.shape

/** 归还: the bag comes back; the clerk counts the keys (all of them) and notes a new seal if resealed. Enter saves. */
export function ReturnModal({ deposit, onClose }: { deposit: SpareKeyDeposit | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const back = useDeskMutation('spareKey.return', { form, success: '已归还,钥匙在库', onSuccess: onClose })
  return (
    <Modal
      open={!!deposit}
      title="寄存钥匙归还"
      okText="归还入库"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={back.isPending}
      destroyOnHidden
      data-testid="spare-return"
    >
      {deposit && (
        <div onKeyDownCapture={enterSubmits(() => form.submit())}>
          <Typography.Paragraph>
            {deposit.unitLabel} · {deposit.description} {deposit.keyCount}把 · 封袋 {deposit.bagNo} · 由 {deposit.outTo} 领出
          </Typography.Paragraph>
          <Form
            form={form}
            name="spareReturn"
            layout="vertical"
            preserve={false}
            initialValues={{ returnedBy: deposit.outTo ?? '', keyCount: String(deposit.keyCount) }}
            onFinish={(v) => back.mutate({ depositId: deposit.id, returnedBy: v.returnedBy ?? '', keyCount: v.keyCount, bagNo: v.bagNo || undefined, note: v.note || undefined })}
          >
            <Form.Item name="returnedBy" label="归还人" rules={[zodRule(f.returnedBy)]}>
              <Input autoFocus autoComplete="off" />
            </Form.Item>
            <Form.Item name="keyCount" label="清点数量(把)" rules={[zodRule(f.keyCount)]}>
              <Input autoComplete="off" inputMode="numeric" />
            </Form.Item>
            <Form.Item name="bagNo" label="新封袋编号" rules={[zodRule(f.bagNo)]} extra="重新封袋时填写;留空沿用原封袋">
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="note" label="备注" rules={[zodRule(f.note)]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  )
}
