import { Col, Form, Input, Row, Select } from 'antd'
import type { FormInstance } from 'antd'
import { APPLICANT_ROLES, APPLICANT_ROLE_LABELS, PERMIT_KIND_DEFS, type PermitKind } from '../../../shared/permit/kinds'
import { applicantSchema } from '../../../shared/permit/schema/common'
import { useDesk } from '../api/hooks'
import { zodRule } from '../forms/zodRule'
import { OwnerConsentFields } from './OwnerConsentFields'

const a = applicantSchema.shape

interface Person {
  key: string
  label: string
  role: string
  name: string
  residentId?: string
  agentId?: string
  phone?: string
  idNumber?: string
}

/**
 * Who is asking: picked from the unit's owners, family, tenants and the owners' authorised agents
 * (the registry), the lead of a running renovation of the unit, or typed. A tenant needs the owner's
 * consent recorded.
 */
export function ApplicantFields({ kind, unitId, form }: { kind: PermitKind; unitId?: string; form: FormInstance }) {
  const unit = useDesk('unit.get', { id: unitId ?? '' }, { enabled: !!unitId })
  const role = Form.useWatch(['applicant', 'role'], form)
  const allowed = PERMIT_KIND_DEFS[kind].applicants
  // The lead of a running renovation of the unit qualifies for hot work, lift use, additional works and
  // passes; picked from the renovation (not retyped) so a typo cannot make him a stranger to it.
  const leadAllowed = PERMIT_KIND_DEFS[kind].applicants.includes('lead')
  const leads = useDesk('permit.renovationLeads', { unitId: unitId ?? '' }, { enabled: !!unitId && leadAllowed, refetchOnWindowFocus: false, staleTime: 60_000 })
  const people: Person[] = [
    ...(unit.data?.residents ?? []).map((r) => ({ key: `r:${r.id}`, label: `${r.name}(${r.kind === 'owner' ? '业主' : r.kind === 'tenant' ? '租户' : '家属'})`, role: r.kind === 'owner' ? 'owner' : r.kind === 'tenant' ? 'tenant' : 'owner', residentId: r.id, name: r.name })),
    ...(unit.data?.agents ?? []).filter((g) => !g.revokedAt).map((g) => ({ key: `a:${g.id}`, label: `${g.name}(${g.ownerName}的授权代理人)`, role: 'agent', agentId: g.id, name: g.name })),
    ...(leadAllowed ? (leads.data ?? []) : []).map((l) => ({
      key: `l:${l.renovationId}`,
      label: `${l.name}(装修负责人 · ${l.serial})`,
      role: 'lead',
      name: l.name,
      // Masked numbers (a role that does not see them whole) are not put in the form: typed instead.
      phone: l.whole ? l.phone : undefined,
      idNumber: l.whole ? (l.idNumber ?? undefined) : undefined,
    })),
  ]
  const owners = (unit.data?.residents ?? []).filter((r) => r.kind === 'owner')
  return (
    <>
      <Row gutter={12}>
        <Col span={8}>
          {/* The core's refusal of who is asking names the hidden link (agentId, residentId): shown here, where the clerk picks. */}
          <Form.Item noStyle shouldUpdate>
            {() => {
              const linkErrors = [...form.getFieldError(['applicant', 'agentId']), ...form.getFieldError(['applicant', 'residentId'])]
              // A lead refused (typed with a typo, say) while the unit has a running renovation: point at him in the list.
              const leadHint = linkErrors.length && role === 'lead' && leads.data?.length ? `;可在本框选择装修负责人 ${leads.data.map((l) => l.name).join('、')}` : ''
              return (
                <Form.Item label="从住户/代理人中选择" htmlFor="applicant-picker" validateStatus={linkErrors.length ? 'error' : undefined} help={linkErrors.length ? linkErrors[0] + leadHint : undefined} data-testid="applicant-picker-item">
                  <Select
                    id="applicant-picker"
                    allowClear
                    // Typed to, by name or by what they are (业主, 装修负责人 …): the clerk's hands stay on the keys.
                    showSearch
                    optionFilterProp="label"
                  // The list as wide as its longest name (an agent's owner, a lead's renovation), not cut off.
                  popupMatchSelectWidth={false}
                    placeholder={unitId ? '选择登记的人员' : '先选房屋'}
                    disabled={!unitId}
                    options={people.map((p) => ({ value: p.key, label: p.label }))}
                    onChange={(key) => {
                      const p = people.find((x) => x.key === key)
                      if (!p) return
                      // Every applicant field is replaced, so nothing of the person picked before stays behind.
                      form.setFieldsValue({ applicant: { role: p.role, residentId: p.residentId, agentId: p.agentId, name: p.name, phone: p.phone, idNumber: p.idNumber } })
                      form.setFields([{ name: ['applicant', 'agentId'], errors: [] }, { name: ['applicant', 'residentId'], errors: [] }])
                      void form.validateFields([['applicant', 'phone'], ['applicant', 'idNumber']].filter((n) => form.getFieldValue(n) !== undefined))
                    }}
                  />
                </Form.Item>
              )
            }}
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
      {role === 'tenant' && <OwnerConsentFields form={form} owners={owners} title="租户申请须经业主同意:" />}
    </>
  )
}

/** The form's applicant as the API takes it (blank optional fields left out). */
export function applicantOf(a: { role: string; name: string; phone: string; idNumber?: string; residentId?: string; agentId?: string }) {
  return { ...a, role: a.role as never, idNumber: a.idNumber || undefined, residentId: a.residentId || undefined, agentId: a.agentId || undefined }
}
