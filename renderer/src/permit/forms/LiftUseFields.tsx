import { Checkbox, Col, DatePicker, Form, Input, Radio, Row, TimePicker } from 'antd'
import { LIFT_USE_LABELS, LIFT_USES } from '../../../../shared/permit/kinds'
import { liftUseFields, liftUseRule, type LiftUseFields as LiftUseOut } from '../../../../shared/permit/schema/liftUse'
import { isDay } from '../../../../shared/time/calendar'
import { zodRule } from '../../forms/zodRule'
import { CLOCK_FORMAT, DAY_FORMAT, toClock, toDay } from './convert'
import { beforeToday, crossRule, zodVia } from './rules'

export { liftUseInitialFields as initialFields, liftUseToFields as toFields } from './convert'

const S = liftUseFields.shape
const n = (k: keyof typeof S) => ['fields', k]

const base = (): LiftUseOut => ({
  use: 'lift',
  liftName: undefined,
  goods: '-',
  date: '9999-12-31',
  timeFrom: '00:00',
  timeTo: '23:59',
  undertaking: true,
})
const clock = (v: unknown) => {
  const c = toClock(v)
  return c && /^([01]\d|2[0-3]):[0-5]\d$/.test(c) ? c : undefined
}
const toRule = crossRule<LiftUseOut>({
  rule: liftUseRule,
  base,
  field: 'timeTo',
  pick: (get) => {
    const [timeFrom, timeTo] = [clock(get('timeFrom')), clock(get('timeTo'))]
    return timeFrom && timeTo ? { timeFrom, timeTo } : null
  },
})
const dateRule = crossRule<LiftUseOut>({
  rule: liftUseRule,
  base,
  field: 'date',
  pick: (get) => {
    const date = toDay(get('date'))
    const timeTo = clock(get('timeTo'))
    return date && isDay(date) && timeTo ? { date, timeTo } : null
  },
})

/** 使用楼梯/电梯申请, under ['fields', …]. */
export function LiftUseFields() {
  return (
    <div data-testid="fields-liftUse">
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('use')} label="使用类别" rules={[zodRule(S.use)]}>
            <Radio.Group
              aria-label="使用类别"
              optionType="button"
              options={LIFT_USES.map((u) => ({ value: u, label: LIFT_USE_LABELS[u] }))}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('liftName')} label="楼梯/电梯位置" rules={[zodRule(S.liftName)]}>
            <Input aria-label="楼梯/电梯位置" maxLength={20} placeholder="如:3栋1单元 2号梯" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('date')} label="使用日期" dependencies={[n('timeTo')]} rules={[zodVia(S.date, toDay), dateRule]}>
            <DatePicker aria-label="使用日期" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('timeFrom')} label="开始时间" rules={[zodVia(S.timeFrom, toClock)]}>
            <TimePicker aria-label="开始时间" format={CLOCK_FORMAT} minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('timeTo')} label="结束时间" dependencies={[n('timeFrom')]} rules={[zodVia(S.timeTo, toClock), toRule]}>
            <TimePicker aria-label="结束时间" format={CLOCK_FORMAT} minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('goods')} label="搬运物品" rules={[zodRule(S.goods)]}>
        <Input.TextArea aria-label="搬运物品" rows={2} maxLength={60} showCount placeholder="大件物品走楼梯;红砖、砂、石等用消防梯" />
      </Form.Item>
      <Form.Item name={n('undertaking')} valuePropName="checked" rules={[zodRule(S.undertaking)]}>
        <Checkbox>申请人已签署承诺书</Checkbox>
      </Form.Item>
    </div>
  )
}
