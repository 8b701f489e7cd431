import { Col, Form, Input, Row, Select, Typography } from 'antd'
import type { FormInstance } from 'antd'
import { CONSENT_METHODS, CONSENT_METHOD_LABELS } from '../../../shared/permit/kinds'

/**
 * A tenant acts only with the owner's consent (seeds: 租户须经业主同意): which owner, how they agreed,
 * and a note. One block for every form that takes it (permit applicant, access card holder), filling
 * `ownerConsent` of the shared `ownerConsentSchema`.
 */
export function OwnerConsentFields({ form, owners, title }: { form: FormInstance; owners: Array<{ id: string; name: string }>; title: string }) {
  return (
    <>
      <Typography.Text type="warning">{title}</Typography.Text>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name={['ownerConsent', 'ownerName']} label="同意业主姓名" rules={[{ required: true, message: '同意业主姓名不能为空' }]}>
            <Select
              options={owners.map((o) => ({ value: o.name, label: o.name }))}
              onChange={(name) => form.setFieldValue(['ownerConsent', 'ownerResidentId'], owners.find((o) => o.name === name)?.id)}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={['ownerConsent', 'method']} label="同意方式" rules={[{ required: true, message: '请选择同意方式' }]}>
            <Select options={CONSENT_METHODS.map((m) => ({ value: m, label: CONSENT_METHOD_LABELS[m] }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={['ownerConsent', 'note']} label="业主同意说明">
            <Input placeholder="同意书编号,或所拨电话及确认人" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['ownerConsent', 'ownerResidentId']} hidden>
        <Input />
      </Form.Item>
    </>
  )
}
