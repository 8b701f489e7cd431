import { Form, Input, InputNumber, Modal, Typography } from 'antd'
import { useEffect } from 'react'
import { visitorUpdateInput, type VisitRow } from '../../../shared/visitor/schema'
import { useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const f = visitorUpdateInput.shape

/** 修改 a visitor still in: host, purpose, plate, head count (name and unit are on the slip's QR). */
export function EditVisitModal({ visit, onClose }: { visit: VisitRow | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const save = useDeskMutation('visitor.update', { form, success: '已修改', onSuccess: onClose })
  useEffect(() => {
    if (visit) form.setFieldsValue({ hostName: visit.hostName ?? undefined, purpose: visit.purpose, carPlate: visit.carPlate ?? undefined, people: visit.people })
  }, [visit, form])
  return (
    <Modal open={!!visit} title={visit ? `修改来访登记 ${visit.serial}` : ''} okText="保存(Enter)" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} destroyOnHidden>
      {visit && (
        <div onKeyDownCapture={enterSubmits(() => form.submit())} data-testid="visit-edit">
          <Typography.Paragraph type="secondary">
            {visit.visitorName} · {visit.unitLabel}:姓名和房屋印在访客单二维码中,不能在此修改;登记错了请签离后重新签到。
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate({ id: visit.id, ...v })}>
            <Form.Item name="hostName" label="被访人" rules={[zodRule(f.hostName)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="purpose" label="来访事由" rules={[zodRule(f.purpose)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="carPlate" label="车牌(选填)" rules={[zodRule(f.carPlate)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="people" label="来访人数" rules={[zodRule(f.people)]}>
              <InputNumber />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  )
}
