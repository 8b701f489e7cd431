import { UploadOutlined } from '@ant-design/icons'
import { App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Typography, Upload } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import { MAX_ATTACHMENT_BYTES } from '../../../shared/permit/apiSchema'
import { collectorAddInput, collectorEndInput, MAX_COLLECTOR_FILES, type SpareKeyCollector } from '../../../shared/spareKeys/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { coreNow } from '../api/useCoreNow'

const f = collectorAddInput.shape
const RELATIONS = ['配偶', '父亲', '母亲', '子女', '兄弟姐妹', '亲属', '朋友', '保姆/家政', '租户'].map((value) => ({ value, label: value }))

interface Picked {
  label: string
  fileName: string
  dataUrl: string
}

function toDataUrl(file: Blob): Promise<string> {
  return new Promise((res, rej) => {
    const r = new FileReader()
    r.onload = () => res(String(r.result))
    r.onerror = () => rej(new Error('读取文件失败'))
    r.readAsDataURL(file)
  })
}

/**
 * 添加授权领取人 (客服管理员 / 客服主管 only — the core refuses anyone else): the person the owner named
 * in writing, with the written authorisation scanned or photographed (PNG, JPEG or PDF, 2 MB each).
 */
export function CollectorForm({ unitId, open, onClose }: { unitId: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm()
  const [files, setFiles] = useState<Picked[]>([])
  /** The validator reads the files picked so far (its closure would see an earlier render's list). */
  const picked = useRef(0)
  const unit = useDesk('unit.get', { id: unitId })
  const owners = (unit.data?.residents ?? []).filter((r) => r.kind === 'owner')
  const add = useDeskMutation('spareKeyCollector.add', {
    form,
    success: '已登记授权领取人',
    onSuccess: () => {
      setFiles([])
      picked.current = 0
      onClose()
    },
  })
  const pick = (file: File) => {
    if (!['image/png', 'image/jpeg', 'application/pdf'].includes(file.type)) void message.error('授权书应为 PNG、JPEG 图片或 PDF 文件')
    else if (file.size > MAX_ATTACHMENT_BYTES) void message.error(`「${file.name}」超过2MB,请压缩或重新拍照`)
    else if (picked.current >= MAX_COLLECTOR_FILES) void message.error(`授权书附件不能超过${MAX_COLLECTOR_FILES}个`)
    else {
      picked.current += 1
      void toDataUrl(file).then((dataUrl) => {
        setFiles((x) => [...x, { label: x.length ? `业主授权书(${x.length + 1})` : '业主授权书', fileName: file.name, dataUrl }])
        void form.validateFields(['attachments']).catch(() => undefined)
      })
    }
    return false // never uploaded by itself: the file travels with the form
  }
  return (
    <Modal open={open} title="添加授权领取人" okText="登记" onOk={() => form.submit()} onCancel={() => {
        setFiles([])
        picked.current = 0
        onClose()
      }} confirmLoading={add.isPending} width={640} destroyOnHidden data-testid="collector-form">
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form
          form={form}
          name="spareCollector"
          layout="vertical"
          preserve={false}
          initialValues={{ ownerResidentId: owners.length === 1 ? owners[0].id : undefined, validFrom: dayjs(coreNow()) }}
          onFinish={(v: Record<string, string | Dayjs | undefined>) =>
            add.mutate({
              unitId,
              ownerResidentId: (v.ownerResidentId as string) ?? '',
              name: (v.name as string) ?? '',
              idNumber: (v.idNumber as string) ?? '',
              phone: (v.phone as string) ?? '',
              relation: (v.relation as string) ?? '',
              validFrom: v.validFrom ? (v.validFrom as Dayjs).format('YYYY-MM-DD') : '',
              validTo: v.validTo ? (v.validTo as Dayjs).format('YYYY-MM-DD') : '',
              note: (v.note as string) || undefined,
              attachments: files,
            })
          }
        >
          <Row gutter={8}>
            <Col span={8}>
              <Form.Item name="ownerResidentId" label="授权业主" rules={[{ required: true, message: '请选择出具授权书的业主' }]}>
                <Select options={owners.map((o) => ({ value: o.id, label: o.name }))} placeholder="登记的业主" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="name" label="领取人姓名" rules={[zodRule(f.name)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="relation" label="与业主关系" rules={[zodRule(f.relation)]}>
                <Select showSearch options={RELATIONS} placeholder="如:母亲" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="idNumber" label="领取人身份证号" rules={[zodRule(f.idNumber)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="phone" label="领取人电话" rules={[zodRule(f.phone)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="validFrom" label="授权生效日期" rules={[{ required: true, message: '授权生效日期不能为空' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="validTo" label="授权截止日期" rules={[{ required: true, message: '授权截止日期不能为空' }]}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="note" label="备注" rules={[zodRule(f.note)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="attachments"
            label="业主书面授权书(扫描件或照片)"
            rules={[{ validator: () => (picked.current ? Promise.resolve() : Promise.reject(new Error('请上传业主书面授权书(扫描件或照片)'))) }]}
          >
            <Space wrap>
              <Upload accept="image/png,image/jpeg,application/pdf" showUploadList={false} multiple beforeUpload={pick}>
                <Button icon={<UploadOutlined />} data-testid="collector-file">
                  选择文件
                </Button>
              </Upload>
              {files.map((x, i) => (
                <Typography.Text key={i} data-testid="collector-file-picked">
                  {x.label}:{x.fileName}
                  <Button size="small" type="link" danger onClick={() => {
                      picked.current -= 1
                      setFiles((all) => all.filter((_, k) => k !== i))
                    }}>
                    移除
                  </Button>
                </Typography.Text>
              ))}
            </Space>
          </Form.Item>
        </Form>
      </div>
    </Modal>
  )
}

/** 终止授权 (administrator or supervisor): the owner withdrew it, or it was entered wrong; the reason is kept. */
export function EndCollectorModal({ collector, onClose }: { collector: SpareKeyCollector | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const end = useDeskMutation('spareKeyCollector.end', { form, success: '授权已终止', onSuccess: onClose })
  return (
    <Modal open={!!collector} title={`终止 ${collector?.name ?? ''} 的领取授权`} okText="终止授权" okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={end.isPending} destroyOnHidden>
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="spareCollectorEnd" layout="vertical" preserve={false} onFinish={(v) => collector && end.mutate({ id: collector.id, reason: v.reason ?? '' })}>
          <Form.Item name="reason" label="终止原因" rules={[zodRule(collectorEndInput.shape.reason)]}>
            <Input autoFocus autoComplete="off" placeholder="如:业主书面撤回授权" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  )
}
