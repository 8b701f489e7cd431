import { Col, DatePicker, Form, Input, Row } from 'antd'
import { extensionFields } from '../../../../shared/permit/schema/extension'
import { zodRule } from '../../forms/zodRule'
import { DAY_FORMAT, toDay } from './convert'
import { beforeToday, yuanRule, zodVia } from './rules'

export { extensionInitialFields as initialFields, extensionToFields as toFields } from './convert'

const S = extensionFields.shape
const n = (k: keyof typeof S) => ['fields', k]

/**
 * 装修延期申请表, under ['fields', …]. Whether the new date is after the current period, and whether the
 * renovation is live, is the core's check (it needs the renovation record).
 */
export function ExtensionFields() {
  return (
    <div data-testid="fields-extension">
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('renovationSerial')} label="装修许可证编号" rules={[zodRule(S.renovationSerial)]}>
            <Input aria-label="装修许可证编号" placeholder="ZX-2026-0001" maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('newEndDate')} label="延期至" rules={[zodVia(S.newEndDate, toDay)]} extra="应晚于现装修期限">
            <DatePicker aria-label="延期至" format={DAY_FORMAT} disabledDate={beforeToday} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('feeFen')} label="延期费用(元)" rules={[yuanRule('延期费用', S.feeFen)]} extra="审批要求交费时填写">
            <Input aria-label="延期费用(元)" inputMode="decimal" suffix="元" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('reason')} label="延期原因" rules={[zodRule(S.reason)]}>
        <Input.TextArea aria-label="延期原因" rows={3} maxLength={100} showCount />
      </Form.Item>
    </div>
  )
}
