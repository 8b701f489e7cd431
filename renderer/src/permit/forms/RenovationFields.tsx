import { Col, DatePicker, Form, Input, InputNumber, Row } from 'antd'
import { renovationFields, renovationRule, type RenovationFields as RenovationOut } from '../../../../shared/permit/schema/renovation'
import { DEFAULT_PERMIT_SETTINGS } from '../../../../shared/permit/settings'
import { isDay, periodEnd } from '../../../../shared/time/calendar'
import { zodRule } from '../../forms/zodRule'
import { DAY_FORMAT, toDay, type FormSettings } from './convert'
import { beforeToday, crossRule, yuanRule, zodVia } from './rules'

export { renovationInitialFields as initialFields, renovationToFields as toFields } from './convert'

const S = renovationFields.shape
const n = (k: keyof typeof S) => ['fields', k]

const base = (now: string): RenovationOut => ({
  contractorName: '-',
  leadName: '-',
  leadPhone: '-',
  leadIdNumber: '-',
  works: '-',
  startDate: now.slice(0, 10),
  endDate: undefined,
  depositFen: 0,
  contractorLicense: undefined,
  workerCount: undefined,
  note: undefined,
})
const day = (v: unknown) => {
  const d = toDay(v)
  return d && isDay(d) ? d : undefined
}

/** 装修申请表: the kind's inputs, under ['fields', …] inside the parent's Form. */
export function RenovationFields({ settings }: { settings?: FormSettings }) {
  const months = settings?.renovationMonths ?? DEFAULT_PERMIT_SETTINGS.renovationMonths
  const start = day(Form.useWatch(n('startDate')))
  const cross = (field: 'startDate' | 'endDate') =>
    crossRule<RenovationOut>({
      rule: renovationRule,
      base,
      field,
      settings,
      pick: (get) => {
        const startDate = day(get('startDate'))
        const endDate = day(get('endDate'))
        if (!startDate) return null
        return field === 'startDate' ? { startDate } : endDate ? { startDate, endDate } : null
      },
    })
  return (
    <div data-testid="fields-renovation">
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={n('contractorName')} label="装修单位" rules={[zodRule(S.contractorName)]}>
            <Input aria-label="装修单位" maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={n('contractorLicense')} label="装修单位资质/执照号" rules={[zodRule(S.contractorLicense)]}>
            <Input aria-label="装修单位资质/执照号" maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={7}>
          <Form.Item name={n('leadName')} label="装修负责人姓名" rules={[zodRule(S.leadName)]}>
            <Input aria-label="装修负责人姓名" maxLength={15} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name={n('leadPhone')} label="装修负责人电话" rules={[zodRule(S.leadPhone)]}>
            <Input aria-label="装修负责人电话" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={n('leadIdNumber')} label="装修负责人身份证号" rules={[zodRule(S.leadIdNumber)]}>
            <Input aria-label="装修负责人身份证号" maxLength={18} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('works')} label="装修内容" rules={[zodRule(S.works)]}>
        <Input.TextArea aria-label="装修内容" rows={3} maxLength={150} showCount placeholder="如:厨卫改造、铺地砖、吊顶、墙面涂刷" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name={n('startDate')} label="开工日期" rules={[zodVia(S.startDate, toDay), cross('startDate')]}>
            <DatePicker aria-label="开工日期" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item
            name={n('endDate')}
            label="完工日期"
            dependencies={[n('startDate')]}
            rules={[zodVia(S.endDate, toDay), cross('endDate')]}
            extra={`留空默认${months}个月${start ? `(至 ${periodEnd(start, months)})` : ''}`}
          >
            <DatePicker aria-label="完工日期" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={n('depositFen')} label="装修押金(元)" rules={[yuanRule('装修押金', S.depositFen)]}>
            <Input aria-label="装修押金(元)" inputMode="decimal" suffix="元" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={n('workerCount')} label="施工人数" rules={[zodRule(S.workerCount)]}>
            <InputNumber aria-label="施工人数" min={1} max={200} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('note')} label="备注" rules={[zodRule(S.note)]}>
        <Input aria-label="备注" maxLength={100} />
      </Form.Item>
    </div>
  )
}
