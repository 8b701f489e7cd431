import { Form, Input, Modal, Radio } from 'antd'
import type { InputRef } from 'antd'
import { useEffect, useRef } from 'react'
import { NOTICE_CHANNEL_LABELS, NOTICE_CHANNELS, parcelDelegateInput, parcelNotifyInput, type ParcelRow } from '../../../shared/parcel/schema'
import { useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'

const channelOptions = NOTICE_CHANNELS.map((c) => ({ value: c, label: NOTICE_CHANNEL_LABELS[c] }))

/** 通知领取: how (phone, SMS, WeChat) and what came of it; who and when are the core's. */
export function NotifyModal({ parcel, onClose }: { parcel: ParcelRow | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const notify = useDeskMutation('parcel.notify', { form, success: '已记录通知', onSuccess: onClose })
  useEffect(() => {
    if (parcel) form.setFieldsValue({ channel: 'phone', note: undefined })
  }, [parcel, form])
  return (
    <Modal open={!!parcel} title={parcel ? `通知 ${parcel.addressee} 领取 ${parcel.serial}` : ''} okText="记录通知" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={notify.isPending} destroyOnHidden>
      {parcel && (
        <div onKeyDownCapture={enterSubmits(() => form.submit())}>
          <Form form={form} layout="vertical" onFinish={(v) => notify.mutate({ id: parcel.id, channel: v.channel, note: v.note })}>
            <Form.Item name="channel" label="通知方式">
              <Radio.Group options={channelOptions} optionType="button" />
            </Form.Item>
            <Form.Item name="note" label="通知结果(选填)" rules={[zodRule(parcelNotifyInput.shape.note)]}>
              <Input autoComplete="off" placeholder="如:已接通,晚上来取" />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  )
}

const d = parcelDelegateInput.shape

/** 登记代领人: the addressee names someone to collect (name, phone — its tail is checked at pickup). */
export function DelegateModal({ parcel, onClose }: { parcel: ParcelRow | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const first = useRef<InputRef>(null)
  const add = useDeskMutation('parcel.addDelegate', { form, success: '已登记代领人', onSuccess: onClose })
  useEffect(() => {
    if (!parcel) return
    form.resetFields()
    const t = setTimeout(() => first.current?.focus(), 80)
    return () => clearTimeout(t)
  }, [parcel, form])
  return (
    <Modal open={!!parcel} title={parcel ? `${parcel.addressee} 指定代领人(${parcel.serial})` : ''} okText="登记" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={add.isPending} destroyOnHidden>
      {parcel && (
        <div onKeyDownCapture={enterSubmits(() => form.submit())}>
          <Form form={form} layout="vertical" onFinish={(v) => add.mutate({ id: parcel.id, ...v })}>
            <Form.Item name="name" label="代领人姓名" rules={[zodRule(d.name)]}>
              <Input ref={first} autoComplete="off" />
            </Form.Item>
            <Form.Item name="phone" label="代领人电话" rules={[zodRule(d.phone)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="namedHow" label="授权方式" rules={[zodRule(d.namedHow)]}>
              <Input autoComplete="off" placeholder="如:收件人来电指定、微信告知" />
            </Form.Item>
          </Form>
        </div>
      )}
    </Modal>
  )
}
