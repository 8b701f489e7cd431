import { Checkbox, Col, DatePicker, Form, Input, Row } from 'antd'
import { ADDITIONAL_WORK_ITEM_LABELS, ADDITIONAL_WORK_ITEMS } from '../../../../shared/permit/kinds'
import {
  additionalWorksFields,
  additionalWorksRule,
  type AdditionalWorksFields as AdditionalWorksOut,
} from '../../../../shared/permit/schema/additionalWorks'
import { isDay } from '../../../../shared/time/calendar'
import { zodRule } from '../../forms/zodRule'
import { DAY_FORMAT, toDay } from './convert'
import { beforeToday, crossRule, zodVia } from './rules'

export { additionalWorksInitialFields as initialFields, additionalWorksToFields as toFields } from './convert'

const S = additionalWorksFields.shape
const n = (k: keyof typeof S) => ['fields', k]

const base = (now: string): AdditionalWorksOut => ({
  items: ['other'],
  location: '-',
  description: '-',
  contractorName: undefined,
  startDate: now.slice(0, 10),
  endDate: now.slice(0, 10),
})
const day = (v: unknown) => {
  const d = toDay(v)
  return d && isDay(d) ? d : undefined
}
const startRule = crossRule<AdditionalWorksOut>({
  rule: additionalWorksRule,
  base,
  field: 'startDate',
  pick: (get) => {
    const startDate = day(get('startDate'))
    // the base's end is today: keep the end check out of the way
    return startDate ? { startDate, endDate: '9999-12-31' } : null
  },
})
const endRule = crossRule<AdditionalWorksOut>({
  rule: additionalWorksRule,
  base,
  field: 'endDate',
  pick: (get) => {
    const [startDate, endDate] = [day(get('startDate')), day(get('endDate'))]
    return startDate && endDate ? { startDate, endDate } : null
  },
})

/** 增加项目申请表 (打墙、打孔、安装防盗门 …), under ['fields', …]. */
export function AdditionalWorksFields() {
  return (
    <div data-testid="fields-additionalWorks">
      <Form.Item name={n('items')} label="增加项目" rules={[zodRule(S.items)]}>
        <Checkbox.Group aria-label="增加项目" options={ADDITIONAL_WORK_ITEMS.map((i) => ({ value: i, label: ADDITIONAL_WORK_ITEM_LABELS[i] }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={n('location')} label="施工部位" rules={[zodRule(S.location)]}>
            <Input aria-label="施工部位" maxLength={30} placeholder="如:客厅南墙、入户门" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={n('contractorName')} label="施工单位" rules={[zodRule(S.contractorName)]}>
            <Input aria-label="施工单位" maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('description')} label="施工内容说明" rules={[zodRule(S.description)]}>
        <Input.TextArea aria-label="施工内容说明" rows={2} maxLength={100} showCount />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('startDate')} label="施工开始日期" rules={[zodVia(S.startDate, toDay), startRule]}>
            <DatePicker aria-label="施工开始日期" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('endDate')} label="施工结束日期" dependencies={[n('startDate')]} rules={[zodVia(S.endDate, toDay), endRule]}>
            <DatePicker aria-label="施工结束日期" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
    </div>
  )
}
