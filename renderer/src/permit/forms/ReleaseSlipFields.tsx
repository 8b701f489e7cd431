import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Col, DatePicker, Form, Input, InputNumber, Row, Typography } from 'antd'
import { MAX_RELEASE_ITEMS, releaseItem, releaseSlipFields, releaseSlipRule, type ReleaseSlipFields as ReleaseSlipOut } from '../../../../shared/permit/schema/releaseSlip'
import { isDay } from '../../../../shared/time/calendar'
import { zodRule } from '../../forms/zodRule'
import { blankReleaseItem, DAY_FORMAT, toDay } from './convert'
import { beforeToday, crossRule, listRule, zodVia } from './rules'

export { releaseSlipInitialFields as initialFields, releaseSlipToFields as toFields } from './convert'

const S = releaseSlipFields.shape
const I = releaseItem.shape
const n = (k: keyof typeof S) => ['fields', k]

const base = (now: string): ReleaseSlipOut => ({
  carrierName: '-',
  carrierIdNumber: '-',
  carrierPhone: undefined,
  vehiclePlate: undefined,
  reason: undefined,
  items: [],
  date: now.slice(0, 10),
})
const dateRule = crossRule<ReleaseSlipOut>({
  rule: releaseSlipRule,
  base,
  field: 'date',
  pick: (get) => {
    const date = toDay(get('date'))
    return date && isDay(date) ? { date } : null
  },
})

/** Column widths of the goods list: 物品名称 · 数量 · 备注 · delete. */
const COLS = [11, 4, 7, 2] as const

/** 物品放行条: the carrier, the day, and up to MAX_RELEASE_ITEMS rows of goods, under ['fields', …]. */
export function ReleaseSlipFields() {
  return (
    <div data-testid="fields-releaseSlip">
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('carrierName')} label="搬运人姓名" rules={[zodRule(S.carrierName)]}>
            <Input aria-label="搬运人姓名" maxLength={15} />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name={n('carrierIdNumber')} label="搬运人身份证号" rules={[zodRule(S.carrierIdNumber)]}>
            <Input aria-label="搬运人身份证号" maxLength={18} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name={n('carrierPhone')} label="搬运人电话" rules={[zodRule(S.carrierPhone)]}>
            <Input aria-label="搬运人电话" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('vehiclePlate')} label="车牌号" rules={[zodRule(S.vehiclePlate)]}>
            <Input aria-label="车牌号" maxLength={10} placeholder="如:粤B12345" />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name={n('reason')} label="搬出原因" rules={[zodRule(S.reason)]}>
            <Input aria-label="搬出原因" maxLength={20} placeholder="如:搬家、装修垃圾、维修" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name={n('date')} label="放行日期" rules={[zodVia(S.date, toDay), dateRule]} extra="放行当日有效,单次有效">
            <DatePicker aria-label="放行日期" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Text strong>物品清单</Typography.Text>
      <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
        最多{MAX_RELEASE_ITEMS}项,更多物品请另开一张
      </Typography.Text>
      <Row gutter={8} style={{ marginTop: 8 }}>
        <Col span={COLS[0]}>
          <Typography.Text type="secondary">物品名称</Typography.Text>
        </Col>
        <Col span={COLS[1]}>
          <Typography.Text type="secondary">数量</Typography.Text>
        </Col>
        <Col span={COLS[2]}>
          <Typography.Text type="secondary">备注</Typography.Text>
        </Col>
      </Row>
      <Form.List name={n('items')} rules={[listRule(S.items)]}>
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((f, i) => {
              const label = (what: string) => `第${i + 1}项 ${what}`
              return (
                <Row gutter={8} key={f.key} data-testid={`release-item-${i}`}>
                  <Col span={COLS[0]}>
                    <Form.Item name={[f.name, 'name']} rules={[zodRule(I.name)]} style={{ marginBottom: 8 }}>
                      <Input aria-label={label('物品名称')} maxLength={16} />
                    </Form.Item>
                  </Col>
                  <Col span={COLS[1]}>
                    <Form.Item name={[f.name, 'quantity']} rules={[zodRule(I.quantity)]} style={{ marginBottom: 8 }}>
                      <InputNumber aria-label={label('数量')} min={1} max={9999} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col span={COLS[2]}>
                    <Form.Item name={[f.name, 'note']} rules={[zodRule(I.note)]} style={{ marginBottom: 8 }}>
                      <Input aria-label={label('备注')} maxLength={10} />
                    </Form.Item>
                  </Col>
                  <Col span={COLS[3]}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除第${i + 1}项`}
                      disabled={fields.length <= 1}
                      onClick={() => remove(f.name)}
                    />
                  </Col>
                </Row>
              )
            })}
            <Form.ErrorList errors={errors} />
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= MAX_RELEASE_ITEMS}
              onClick={() => add(blankReleaseItem())}
              style={{ marginTop: 4, marginBottom: 16 }}
            >
              添加物品{fields.length >= MAX_RELEASE_ITEMS ? `(已满${MAX_RELEASE_ITEMS}项)` : ''}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  )
}
