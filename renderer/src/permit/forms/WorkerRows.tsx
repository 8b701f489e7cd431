import { CameraOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Space, Typography, Upload } from 'antd'
import { useState } from 'react'
import { workerPassBatchFields, workerPassRule, workerPassWorker, type WorkerPassFields } from '../../../../shared/permit/schema/workerPass'
import { zodRule } from '../../forms/zodRule'
import { blankWorker } from './convert'
import { crossRule, listRule, type NamePrefix } from './rules'

export { initialWorkers, toWorkers, toWorker, type WorkerFormValues } from './convert'

const W = workerPassWorker.shape

/** Photos are scaled to this width (a one-inch photo printed on the pass needs no more). */
export const PHOTO_WIDTH = 300
/** ≈300 KB of JPEG as a data: URL (base64 is 4/3 of the bytes). */
export const MAX_PHOTO_CHARS = 400_000

/**
 * An image file → a JPEG data: URL at most PHOTO_WIDTH px wide and MAX_PHOTO_CHARS long (quality is
 * lowered until it fits). Browser only (canvas).
 */
export async function downscalePhoto(file: Blob): Promise<string> {
  if (!file.type.startsWith('image/')) throw new Error('照片应为图片文件(JPEG 或 PNG)')
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch {
    throw new Error('无法读取这张照片,请换一张 JPEG 或 PNG 图片')
  }
  const scale = Math.min(1, PHOTO_WIDTH / bitmap.width)
  const w = Math.max(1, Math.round(bitmap.width * scale))
  const h = Math.max(1, Math.round(bitmap.height * scale))
  const canvas = document.createElement('canvas')
  canvas.width = w
  canvas.height = h
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('无法处理照片')
  ctx.fillStyle = '#fff' // a transparent PNG gets a white background in JPEG
  ctx.fillRect(0, 0, w, h)
  ctx.drawImage(bitmap, 0, 0, w, h)
  bitmap.close()
  for (const q of [0.85, 0.7, 0.55, 0.4]) {
    const url = canvas.toDataURL('image/jpeg', q)
    if (url.length <= MAX_PHOTO_CHARS) return url
  }
  throw new Error('照片过大,请换一张')
}

/** A photo as a data: URL: pick a file (or drop it), see the thumbnail, remove it. */
export function PhotoInput({ value, onChange, id, 'aria-label': ariaLabel }: { value?: string; onChange?: (v: string | undefined) => void; id?: string; 'aria-label'?: string }) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const pick = (file: Blob) => {
    setBusy(true)
    downscalePhoto(file)
      .then((url) => onChange?.(url))
      .catch((e: Error) => void message.error(e.message))
      .finally(() => setBusy(false))
    return false // never upload: the photo travels in the form
  }
  return (
    <Space orientation="vertical" size={4} align="center">
      <Upload id={id} aria-label={ariaLabel} accept="image/jpeg,image/png,image/*" showUploadList={false} maxCount={1} beforeUpload={pick}>
        {value ? (
          <img src={value} alt={ariaLabel ?? '照片'} style={{ width: 72, height: 96, objectFit: 'cover', borderRadius: 4, cursor: 'pointer', display: 'block' }} />
        ) : (
          <Button icon={<CameraOutlined />} loading={busy} style={{ width: 72, height: 96, padding: 0 }}>
            照片
          </Button>
        )}
      </Upload>
      {value && (
        <Button size="small" type="link" danger onClick={() => onChange?.(undefined)} style={{ padding: 0, height: 'auto' }}>
          移除照片
        </Button>
      )}
    </Space>
  )
}

const photoBase: WorkerPassFields = {
  renovationSerial: 'ZX-2000-0001',
  workerName: '-',
  workerIdNumber: '-',
  workerPhone: undefined,
  trade: undefined,
  photo: undefined,
  photoCollected: false,
  validFrom: undefined,
  validUntil: undefined,
  depositFen: undefined,
  feeFen: undefined,
  receiptNo: '-',
  idCopyCollected: true,
}

/**
 * The workers of a batch of 装修人员出入证 (one pass each), as a Form.List named `name` (default
 * 'workers') in the parent's Form; `toWorkers(values.workers)` gives `workerPassBatchFields.workers`.
 * A new row copies the previous row's 财务收据号 (one receipt usually covers the batch).
 */
export function WorkerRows({ name = 'workers', max = 48 }: { name?: string; max?: number }) {
  const form = Form.useFormInstance()
  return (
    <div data-testid="fields-workerPass">
      <Form.List name={name} rules={[listRule(workerPassBatchFields.shape.workers)]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => {
              const no = i + 1
              const label = (what: string) => `第${no}人 ${what}`
              const prefix: NamePrefix = [name, f.name]
              const photoRule = crossRule<WorkerPassFields>({
                rule: workerPassRule,
                base: () => photoBase,
                field: 'photo',
                prefix,
                pick: (get) => ({ photo: (get('photo') as string | undefined) || undefined, photoCollected: get('photoCollected') === true }),
              })
              return (
                <Card
                  key={f.key}
                  size="small"
                  title={`第${no}人`}
                  data-testid={`worker-row-${i}`}
                  style={{ marginBottom: 8 }}
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除第${no}人`} disabled={fields.length <= 1} onClick={() => remove(f.name)} />
                  }
                >
                  <Row gutter={12} wrap={false}>
                    <Col flex="88px">
                      <Form.Item name={[f.name, 'photo']} dependencies={[[name, f.name, 'photoCollected']]} rules={[zodRule(W.photo), photoRule]} style={{ marginBottom: 0 }}>
                        <PhotoInput aria-label={label('照片')} />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Row gutter={12}>
                        <Col span={6}>
                          <Form.Item name={[f.name, 'workerName']} label="姓名" rules={[zodRule(W.workerName)]} style={{ marginBottom: 8 }}>
                            <Input aria-label={label('姓名')} maxLength={15} />
                          </Form.Item>
                        </Col>
                        <Col span={10}>
                          <Form.Item name={[f.name, 'workerIdNumber']} label="身份证号" rules={[zodRule(W.workerIdNumber)]} style={{ marginBottom: 8 }}>
                            <Input aria-label={label('身份证号')} maxLength={18} />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name={[f.name, 'workerPhone']} label="联系电话" rules={[zodRule(W.workerPhone)]} style={{ marginBottom: 8 }}>
                            <Input aria-label={label('联系电话')} />
                          </Form.Item>
                        </Col>
                      </Row>
                      <Row gutter={12} align="bottom">
                        <Col span={6}>
                          <Form.Item name={[f.name, 'trade']} label="工种" rules={[zodRule(W.trade)]} style={{ marginBottom: 0 }}>
                            <Input aria-label={label('工种')} maxLength={10} placeholder="如:水电工" />
                          </Form.Item>
                        </Col>
                        <Col span={8}>
                          <Form.Item name={[f.name, 'receiptNo']} label="财务收据号" rules={[zodRule(W.receiptNo)]} style={{ marginBottom: 0 }}>
                            <Input aria-label={label('财务收据号')} maxLength={30} />
                          </Form.Item>
                        </Col>
                        <Col span={10}>
                          <Form.Item name={[f.name, 'photoCollected']} valuePropName="checked" style={{ marginBottom: 0 }}>
                            <Checkbox aria-label={label('已收纸质一寸照片')}>已收纸质一寸照片</Checkbox>
                          </Form.Item>
                          <Form.Item name={[f.name, 'idCopyCollected']} valuePropName="checked" rules={[zodRule(W.idCopyCollected)]} style={{ marginBottom: 0 }}>
                            <Checkbox aria-label={label('已收取身份证复印件')}>已收取身份证复印件</Checkbox>
                          </Form.Item>
                        </Col>
                      </Row>
                    </Col>
                  </Row>
                </Card>
              )
            })}
            <Form.ErrorList errors={errors} />
            <Space>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= max}
                onClick={() => {
                  const rows = (form.getFieldValue(name) as { receiptNo?: string }[] | undefined) ?? []
                  add(blankWorker(rows[rows.length - 1]?.receiptNo))
                }}
              >
                添加人员
              </Button>
              <Typography.Text type="secondary">
                共 {fields.length} 人,一次最多 {max} 人;押金、工本费按项目设置
              </Typography.Text>
            </Space>
          </>
        )}
      </Form.List>
    </div>
  )
}
