import { Checkbox, Col, Form, Input, InputNumber, Row } from 'antd'
import { MOVE_IN_COUNT_LABELS, MOVE_IN_COUNTS } from '../../../shared/moveIn/schema'

/** The counts and the documents: the same fields when starting and when correcting before the signature. */
export function ChecklistFields({ documents }: { documents: string[] }) {
  return (
    <>
      <Row gutter={12}>
        {MOVE_IN_COUNTS.map((k) => (
          <Col span={6} key={k}>
            <Form.Item name={k} label={MOVE_IN_COUNT_LABELS[k]} rules={[{ required: true, message: `${MOVE_IN_COUNT_LABELS[k]}数量不能为空` }]}>
              <InputNumber min={0} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item name="documents" label="交付资料">
        <Checkbox.Group options={documents.map((d) => ({ value: d, label: d }))} />
      </Form.Item>
      <Form.Item name="note" label="备注">
        <Input autoComplete="off" placeholder="如 水电表读数" />
      </Form.Item>
    </>
  )
}

