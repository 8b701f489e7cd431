import { Col, Form, Input, Row, Select, Typography } from 'antd'
import type { FormInstance } from 'antd'
import { APPLICANT_ROLES, APPLICANT_ROLE_LABELS, CONSENT_METHODS, CONSENT_METHOD_LABELS, PERMIT_KIND_DEFS, type PermitKind } from '../../../shared/permit/kinds'
import { applicantSchema } from '../../../shared/permit/schema/common'
import { useDesk } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

const a = applicantSchema.shape

/**
 * Who is asking: picked from the unit's owners, family, tenants and the owners' authorised agents
 * (the registry), or typed for a renovation lead. A tenant needs the owner's consent recorded.
 */
export function ApplicantFields({ kind, unitId, form }: { kind: PermitKind; unitId?: string; form: FormInstance }) {
  const unit = useDesk('unit.get', { id: unitId ?? '' }, { enabled: !!unitId })
  const role = Form.useWatch(['applicant', 'role'], form)
  const allowed = PERMIT_KIND_DEFS[kind].applicants
  const people = [
    ...(unit.data?.residents ?? []).map((r) => ({ key: `r:${r.id}`, label: `${r.name}(${r.kind === 'owner' ? '业主' : r.kind === 'tenant' ? '租户' : '家属'})`, role: r.kind === 'owner' ? 'owner' : r.kind === 'tenant' ? 'tenant' : 'owner', residentId: r.id, agentId: undefined, name: r.name })),
    ...(unit.data?.agents ?? []).filter((g) => !g.revokedAt).map((g) => ({ key: `a:${g.id}`, label: `${g.name}(${g.ownerName}的授权代理人)`, role: 'agent', residentId: undefined, agentId: g.id, name: g.name })),
  ]
  const owners = (unit.data?.residents ?? []).filter((r) => r.kind === 'owner')
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item label="从住户/代理人中选择" htmlFor="applicant-picker">
            <Select
              id="applicant-picker"
              allowClear
              placeholder={unitId ? '选择登记的人员' : '先选房屋'}
              disabled={!unitId}
              options={people.map((p) => ({ value: p.key, label: p.label }))}
              onChange={(key) => {
                const p = people.find((x) => x.key === key)
                if (!p) return
                form.setFieldsValue({ applicant: { role: p.role, residentId: p.residentId, agentId: p.agentId, name: p.name, phone: undefined } })
              }}
            />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={['applicant', 'role']} label="申请人身份" rules={[zodRule(a.role)]}>
            <Select options={APPLICANT_ROLES.filter((r) => allowed.includes(r)).map((r) => ({ value: r, label: APPLICANT_ROLE_LABELS[r] }))} />
          </Form.Item>
        </Col>
        <Col span={5}>
          <Form.Item name={['applicant', 'name']} label="申请人姓名" rules={[zodRule(a.name)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={['applicant', 'phone']} label="申请人电话" rules={[zodRule(a.phone)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={['applicant', 'residentId']} hidden>
        <Input />
      </Form.Item>
      <Form.Item name={['applicant', 'agentId']} hidden>
        <Input />
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={['applicant', 'idNumber']} label="申请人身份证号" rules={[zodRule(a.idNumber)]}>
            <Input maxLength={18} />
          </Form.Item>
        </Col>
      </Row>
      {role === 'tenant' && (
        <>
          <Typography.Text type="warning">租户申请须经业主同意:</Typography.Text>
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
      )}
    </>
  )
}

/** The form's applicant as the API takes it (blank optional fields left out). */
export function applicantOf(a: { role: string; name: string; phone: string; idNumber?: string; residentId?: string; agentId?: string }) {
  return { ...a, role: a.role as never, idNumber: a.idNumber || undefined, residentId: a.residentId || undefined, agentId: a.agentId || undefined }
}
