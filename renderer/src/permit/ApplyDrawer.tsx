import { Alert, Button, Drawer, Form, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect } from 'react'
import { PERMIT_KIND_DEFS, type PermitKind } from '../../../shared/permit/kinds'
import { useDesk, useDeskMutation } from '../api/hooks'
import { UnitPicker } from '../duty/UnitPicker'
import { go } from '../router'
import { ApplicantFields, applicantOf } from './ApplicantFields'
import { kindForm } from './forms'
import { coreNow } from '../api/useCoreNow'

/**
 * A new application: the unit, who is asking (from the registry), and the form's own fields. It is
 * submitted at once (serial taken) and goes to its first reviewer.
 */
export function ApplyDrawer({ kind, onClose, unitId: fixedUnit, renovationSerial }: { kind: PermitKind; onClose: () => void; unitId?: string; renovationSerial?: string }) {
  const [form] = Form.useForm()
  const def = PERMIT_KIND_DEFS[kind]
  const kf = kindForm(kind)!
  const site = useDesk('site.get', {})
  const unitId = Form.useWatch('unitId', form) ?? fixedUnit
  const apply = useDeskMutation('permit.apply', {
    form,
    success: `${def.formName}已提交`,
    onSuccess: (v) => {
      onClose()
      go(`/permits/${v.id}`)
    },
  })
  // The settings may arrive after the drawer opened (initialValues are read once): what they prefill
  // (装修押金, 延期费用) is filled in then, where the clerk has not typed yet.
  useEffect(() => {
    if (!site.data) return
    const init = kf.initialFields(dayjs(coreNow()), site.data.permit, { renovationSerial }) as Record<string, unknown>
    for (const [k, val] of Object.entries(init)) {
      if (val !== undefined && form.getFieldValue(['fields', k]) === undefined && !form.isFieldTouched(['fields', k])) form.setFieldValue(['fields', k], val)
    }
  }, [site.data, form, kf, renovationSerial])
  const initial = { unitId: fixedUnit, applicant: { role: def.applicants[0] }, fields: kf.initialFields(dayjs(coreNow()), site.data?.permit, { renovationSerial }) }
  return (
    <Drawer
      open
      width={920}
      title={`新办 · ${def.formName}`}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={apply.isPending} onClick={() => form.submit()} data-testid="apply-submit">
            提交审批
          </Button>
        </Space>
      }
    >
      <Alert
        style={{ marginBottom: 12 }}
        type="info"
        showIcon
        message={def.steps.length ? `审批流程:${def.steps.map((s) => s.label).join(' → ')}` : '无需审批,提交即可打印'}
        description={`有效期:${def.validityNote}`}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="apply-form"
        onFinish={(v) =>
          apply.mutate({
            kind,
            unitId: v.unitId ?? fixedUnit,
            applicant: applicantOf(v.applicant),
            ownerConsent: v.applicant.role === 'tenant' ? { ...v.ownerConsent, note: v.ownerConsent?.note || undefined, ownerResidentId: v.ownerConsent?.ownerResidentId || undefined } : undefined,
            fields: { ...(kf.toFields(v.fields) as object), ...(renovationSerial ? { renovationSerial } : {}) },
          } as never)
        }
      >
        <Typography.Title level={5}>房屋与申请人</Typography.Title>
        {!fixedUnit && (
          <Form.Item name="unitId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]} style={{ maxWidth: 320 }}>
            <UnitPicker />
          </Form.Item>
        )}
        <ApplicantFields kind={kind} unitId={unitId} form={form} />
        <Typography.Title level={5}>{def.formName}</Typography.Title>
        <kf.Fields />
      </Form>
    </Drawer>
  )
}
