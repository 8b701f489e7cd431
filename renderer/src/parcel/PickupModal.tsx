import { Form, Input, Modal, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useCallback, useEffect, useRef, useState } from 'react'
import { parcelPickUpInput, type ParcelRow } from '../../../shared/parcel/schema'
import { useDeskMutation } from '../api/hooks'
import { call } from '../api/transport'
import { SignatureBox } from '../duty/SignatureBox'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { downloadPdf } from '../print/download'

const f = parcelPickUpInput.shape

/**
 * Mounted with the parcel's id as its key, so a drawn signature never carries over to the next parcel.
 *
 * 领取: the picker's name and the last 4 digits of their phone, checked by the core against the
 * addressee and the people the addressee named; a refusal lands on the field it names. The picker may
 * sign on the screen; otherwise the 邮件领取单 prints for a pen signature.
 */
export function PickupModal({ parcel, onClose }: { parcel: ParcelRow | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const name = useRef<InputRef>(null)
  const [signature, setSignature] = useState<string | undefined>()
  const onSign = useCallback((png: string | undefined) => setSignature(png), [])
  const pick = useDeskMutation('parcel.pickUp', {
    form,
    success: '已领取',
    onSuccess: (p) => {
      if (!p.hasSignature) void call('parcel.printSlip', { id: p.id }).then((r) => downloadPdf(r.fileName, r.pdfBase64))
      onClose()
    },
  })
  useEffect(() => {
    if (!parcel) return
    form.resetFields()
    const t = setTimeout(() => name.current?.focus(), 80)
    return () => clearTimeout(t)
  }, [parcel, form])
  return (
    <Modal
      open={!!parcel}
      title={parcel ? `领取邮件 ${parcel.serial}` : ''}
      okText="确认领取(Enter)"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pick.isPending}
      destroyOnHidden
      width={560}
    >
      {parcel && (
        <div onKeyDownCapture={enterSubmits(() => form.submit())} data-testid="parcel-pickup">
          <Typography.Paragraph>
            {parcel.unitLabel} · {parcel.carrier} {parcel.trackingNo} · 存放 {parcel.shelf}
            <br />
            可领取:收件人 {parcel.addressee}({parcel.addresseePhone})
            {parcel.delegates.map((d) => `;代领人 ${d.name}(${d.phone})`).join('')}
          </Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            // A refusal from the core stays on its field only until that field is typed in again.
            onValuesChange={(changed) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })))}
            onFinish={(v) => pick.mutate({ id: parcel.id, pickerName: v.pickerName, phoneTail: v.phoneTail, signature })}>
            <Form.Item name="pickerName" label="领取人姓名" rules={[zodRule(f.pickerName)]}>
              <Input ref={name} autoComplete="off" />
            </Form.Item>
            <Form.Item name="phoneTail" label="领取人手机尾号(4位)" rules={[zodRule(f.phoneTail)]}>
              <Input autoComplete="off" maxLength={4} style={{ width: 120 }} />
            </Form.Item>
          </Form>
          <SignatureBox label="领取人签名(可选;不签则打印领取单手签)" onChange={onSign} testId="parcel-signature" />
        </div>
      )}
    </Modal>
  )
}
