import { Button, Card, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd'
import { useRef, useState } from 'react'
import { HOME_SERVICE_STATUS_LABELS, homeServiceBookInput, homeServiceCallBackInput, type HomeServiceRow } from '../../../shared/homeService/schema'
import { fenToYuanText } from '../../../shared/validate/money'
import { useDesk, useDeskMutation } from '../api/hooks'
import { call } from '../api/transport'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { downloadPdf } from '../print/download'
import { ClockTag, useCoreNow } from './ClockTag'
import { useSiteTime } from './siteTime'

const f = homeServiceBookInput.shape

/**
 * 家居服务登记: the booking (price from the site's list told to the owner at once), the open bookings
 * with their live clocks — 2-hour call-back, then the same-day follow-up after the finish — and the
 * steps. Keyboard: Tab through the booking, Enter saves from any field.
 */
export function HomeServicePage() {
  const { short: t, day } = useSiteTime()
  const [form] = Form.useForm()
  const unitRef = useRef<UnitPickerHandle>(null)
  const prices = useDesk('homeService.prices', {})
  const list = useDesk('homeService.list', {}, { refetchInterval: 60_000 })
  const now = useCoreNow(list.data?.now)
  const code = Form.useWatch('serviceCode', form) as string | undefined
  const qty = Form.useWatch('quantity', form) as number | undefined
  const item = prices.data?.find((p) => p.code === code)
  const [step, setStep] = useState<{ kind: 'callBack' | 'done' | 'followUp' | 'cancel'; row: HomeServiceRow } | null>(null)
  const book = useDeskMutation('homeService.book', {
    form,
    success: '已登记,请在2小时内回电业主确认上门时间',
    onSuccess: () => {
      form.resetFields()
      setTimeout(() => unitRef.current?.focus(), 0)
    },
  })
  const today = day(now)
  const [period, setPeriod] = useState<{ from?: string; to?: string }>({})
  const range = { from: period.from ?? `${today.slice(0, 8)}01`, to: period.to ?? today }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="home-service-page">
      <Card size="small" title="家居服务预约" data-testid="home-service-book">
        <div onKeyDownCapture={enterSubmits(() => form.submit())}>
          <Form
            form={form}
            name="homeServiceBook"
            layout="vertical"
            initialValues={{ quantity: 1 }}
            onFinish={async (v) => {
              if (!v.unitId && (await unitRef.current?.resolve()) && !form.getFieldValue('unitId')) return
              book.mutate({ ...v, unitId: form.getFieldValue('unitId'), phone: v.phone || undefined, note: v.note || undefined })
            }}
          >
            <Row gutter={12}>
              <Col span={5}>
                <Form.Item name="unitId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
                  <UnitPicker handle={unitRef} />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Form.Item name="contact" label="联系人" rules={[zodRule(f.contact)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={4}>
                <Form.Item name="phone" label="联系电话" rules={[zodRule(f.phone)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name="serviceCode" label="服务项目" rules={[{ required: true, message: '请选择服务项目' }]} extra={prices.data && !prices.data.length ? '项目设置中尚未填写家居服务价目表' : undefined}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={(prices.data ?? []).map((p) => ({ value: p.code, label: `${p.name} ${fenToYuanText(p.priceFen)}元/${p.per}` }))}
                    // Picked: on to the quantity (the price is said beside the button as it changes).
                    onChange={() => setTimeout(() => (form.getFieldInstance('quantity') as { focus?: () => void } | undefined)?.focus?.(), 0)}
                  />
                </Form.Item>
              </Col>
              <Col span={2}>
                <Form.Item name="quantity" label={`数量${item ? `(${item.per})` : ''}`} rules={[zodRule(f.quantity)]}>
                  <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name="wantedAt" label="希望服务时间" rules={[zodRule(f.wantedAt)]}>
                  <Input autoComplete="off" placeholder="如 2026-12-02 09:00" />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12} align="bottom">
              <Col span={14}>
                <Form.Item name="note" label="需求说明" rules={[zodRule(f.note)]}>
                  <Input autoComplete="off" placeholder="清洁类型、人数、注意事项" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item>
                  <Space>
                    <Button type="primary" htmlType="submit" loading={book.isPending} data-testid="home-service-save">
                      登记预约(Enter)
                    </Button>
                    <Typography.Text strong data-testid="home-service-price">
                      {item ? `告知业主价格:${fenToYuanText(item.priceFen * (qty || 1))} 元` : ''}
                    </Typography.Text>
                  </Space>
                </Form.Item>
              </Col>
            </Row>
          </Form>
        </div>
      </Card>
      <Card
        size="small"
        title="待办家居服务"
        extra={
          <Space>
            <Input size="small" style={{ width: 110 }} value={range.from} onChange={(e) => setPeriod({ ...range, from: e.target.value })} aria-label="登记表开始日期" />
            至
            <Input size="small" style={{ width: 110 }} value={range.to} onChange={(e) => setPeriod({ ...range, to: e.target.value })} aria-label="登记表结束日期" />
            <Button size="small" data-testid="home-service-print" onClick={() => void call('homeService.print', range).then((r) => downloadPdf(r.fileName, r.pdfBase64))}>
              打印家居服务登记表
            </Button>
          </Space>
        }
      >
        <Table<HomeServiceRow>
          rowKey="id"
          size="small"
          data-testid="home-service-list"
          loading={list.isLoading}
          dataSource={list.data?.rows}
          pagination={false}
          locale={{ emptyText: '没有待办的家居服务' }}
          columns={[
            { title: '单号', dataIndex: 'serial', width: 110 },
            { title: '房屋 · 联系人', render: (_, h) => `${h.unitLabel} · ${h.contact}${h.phone ? ` ${h.phone}` : ''}` },
            { title: '服务', render: (_, h) => `${h.serviceName} ${h.quantity}${h.per} · ${fenToYuanText(h.priceFen)}元` },
            { title: '希望时间', render: (_, h) => t(h.wantedAt), width: 100 },
            { title: '状态', render: (_, h) => <Tag>{HOME_SERVICE_STATUS_LABELS[h.status]}</Tag>, width: 110 },
            {
              title: '时限',
              width: 200,
              render: (_, h) =>
                h.followUp ? (
                  <ClockTag label="当天回访" startedAt={h.doneAt!} dueAt={h.followUp.dueAt} stoppedAt={h.followedUpAt} now={now} testId={`clock-${h.serial}`} />
                ) : (
                  <ClockTag label="回电" startedAt={h.bookedAt} dueAt={h.callBack.dueAt} stoppedAt={h.calledBackAt} now={now} testId={`clock-${h.serial}`} />
                ),
            },
            { title: '确认上门', render: (_, h) => (h.confirmedAt ? `${t(h.confirmedAt)}${h.worker ? ` ${h.worker}` : ''}` : ''), width: 150 },
            {
              title: '操作',
              width: 150,
              render: (_, h) => (
                <Space size={4}>
                  {h.status === 'booked' && <Button size="small" type="primary" onClick={() => setStep({ kind: 'callBack', row: h })}>回电确认</Button>}
                  {h.status === 'confirmed' && <Button size="small" type="primary" onClick={() => setStep({ kind: 'done', row: h })}>完工</Button>}
                  {h.status === 'done' && <Button size="small" type="primary" onClick={() => setStep({ kind: 'followUp', row: h })}>回访</Button>}
                  {(h.status === 'booked' || h.status === 'confirmed') && <Button size="small" onClick={() => setStep({ kind: 'cancel', row: h })}>取消</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {step && <StepModal kind={step.kind} row={step.row} onClose={() => setStep(null)} />}
    </Space>
  )
}

const TITLES = { callBack: '回电业主,确认上门时间', done: '登记完工', followUp: '完工回访', cancel: '取消预约' } as const
const METHOD = { callBack: 'homeService.callBack', done: 'homeService.done', followUp: 'homeService.followUp', cancel: 'homeService.cancel' } as const

/** One step of a booking; Enter saves; a time left blank is now. */
function StepModal({ kind, row, onClose }: { kind: keyof typeof TITLES; row: HomeServiceRow; onClose: () => void }) {
  const { short: t, stamp } = useSiteTime()
  const [form] = Form.useForm()
  const save = useDeskMutation(METHOD[kind], { form, success: '已保存', onSuccess: onClose })
  const cb = homeServiceCallBackInput.shape
  const blank = (v: Record<string, unknown>) => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' || x === null ? undefined : x]))
  return (
    <Modal open title={`${TITLES[kind]} · ${row.serial}`} onCancel={onClose} onOk={() => form.submit()} okText="保存(Enter)" okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {row.unitLabel} {row.contact} · {row.serviceName} · 希望 {t(row.wantedAt)}
      </Typography.Paragraph>
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name={`homeService-${kind}`} layout="vertical" initialValues={kind === 'callBack' ? { confirmedAt: stamp(row.wantedAt) } : {}} onFinish={(v) => save.mutate({ id: row.id, ...blank(v) } as never)}>
          {kind === 'cancel' ? (
            <Form.Item name="reason" label="取消原因" rules={[{ required: true, message: '取消原因不能为空' }]}>
              <Input autoFocus autoComplete="off" />
            </Form.Item>
          ) : (
            <>
              {kind === 'callBack' && (
                <Form.Item name="confirmedAt" label="确认上门时间" rules={[zodRule(cb.confirmedAt)]}>
                  <Input autoFocus autoComplete="off" placeholder="YYYY-MM-DD HH:mm" />
                </Form.Item>
              )}
              {kind === 'callBack' && (
                <Form.Item name="worker" label="服务人员">
                  <Input autoComplete="off" placeholder="如 保洁班 赵姐" />
                </Form.Item>
              )}
              {kind === 'followUp' && (
                <Form.Item name="satisfied" label="业主是否满意" rules={[{ required: true, message: '请选择是否满意' }]}>
                  <Select autoFocus placeholder="满意 / 不满意" options={[{ value: true, label: '满意' }, { value: false, label: '不满意' }]} />
                </Form.Item>
              )}
              <Form.Item name="at" label={{ callBack: '回电时间', done: '完工时间', followUp: '回访时间' }[kind]} rules={[zodRule(cb.at)]} extra="留空为现在;格式 2026-12-01 10:05">
                <Input autoFocus={kind === 'done'} autoComplete="off" />
              </Form.Item>
              <Form.Item name="note" label={{ callBack: '备注', done: '完工情况', followUp: '回访意见' }[kind]}>
                <Input autoComplete="off" />
              </Form.Item>
            </>
          )}
        </Form>
      </div>
    </Modal>
  )
}
