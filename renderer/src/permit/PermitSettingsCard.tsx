import { Button, Card, Form, Input, InputNumber, Space, Spin, Typography } from 'antd'
import { useEffect } from 'react'
import { permitSettingsSchema, type PermitSettings } from '../../../shared/permit/settings'
import { fenToYuanText, yuanText } from '../../../shared/validate/money'
import type { TIME_ZONES } from '../../../shared/site/schema'
import { useDesk, useDeskMutation } from '../api/hooks'

type TimeZone = (typeof TIME_ZONES)[number]
import { zodRule } from '../forms/zodRule'
import { yuanRule } from './forms/rules'

const S = permitSettingsSchema.shape
/** Money kept in fen, typed in 元. */
const MONEY = ['workerPassDepositFen', 'workerPassFeeFen', 'renovationDepositFen', 'extensionFeeFen'] as const
type Money = (typeof MONEY)[number]

/** Typed as text and read exactly (shared/validate/money): more than two decimals is refused at the field, never rounded. */
const toForm = (p: PermitSettings) => ({ ...p, ...Object.fromEntries(MONEY.map((k) => [k, fenToYuanText(p[k])])) })
const fromForm = (v: Record<string, unknown>) => ({ ...v, ...Object.fromEntries(MONEY.map((k) => [k, yuanText(LABELS[k]).parse(String(v[k] ?? ''))])) }) as PermitSettings

const LABELS: Record<Money, string> = {
  workerPassDepositFen: '出入证押金',
  workerPassFeeFen: '出入证工本费',
  renovationDepositFen: '装修押金',
  extensionFeeFen: '延期费用',
}

/**
 * 项目设置 › 证件与押金: what the permit forms and papers refer to — deposits and fees (元), the
 * default renovation period, the allowed working hours (施工时间, printed on the 装修许可证) and the
 * service center's phone (printed on every permit document). Saved with the site (site.update, only
 * the permit keys change).
 */
export function PermitSettingsCard() {
  const site = useDesk('site.get', {})
  const [form] = Form.useForm()
  const save = useDeskMutation('site.update', { form, success: '证件设置已保存' })
  useEffect(() => {
    if (site.data) form.setFieldsValue(toForm(site.data.permit))
  }, [site.data, form])
  if (!site.data) return <Spin />
  const s = site.data
  return (
    <Card
      size="small"
      title="证件与押金"
      data-testid="permit-settings"
      extra={
        <Button type="primary" onClick={() => form.submit()} loading={save.isPending} data-testid="permit-settings-save">
          保存证件设置
        </Button>
      }
    >
      <Form
        form={form}
        component={false}
        layout="vertical"
        onFinish={(v) => save.mutate({ name: s.name, office: s.office, timeZone: s.timeZone as TimeZone, permit: fromForm(v) })}
      >
        {/* Mounted inside the site form: Enter here saves this card, never the form around it. */}
        <div
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              e.preventDefault()
              e.stopPropagation()
              form.submit()
            }
          }}
        >
        <Space size="large" wrap align="start">
          {MONEY.map((k) => (
            <Form.Item key={k} name={k} label={`${LABELS[k]}(元)`} rules={[yuanRule(LABELS[k], S[k])]} style={{ marginBottom: 8 }}>
              <Input inputMode="decimal" suffix="元" style={{ width: 130 }} aria-label={`${LABELS[k]}(元)`} />
            </Form.Item>
          ))}
          <Form.Item name="renovationMonths" label="默认装修期限(月)" rules={[zodRule(S.renovationMonths)]} style={{ marginBottom: 8 }}>
            <InputNumber min={1} max={24} precision={0} style={{ width: 110 }} aria-label="默认装修期限(月)" />
          </Form.Item>
          <Form.Item name="hotWorkMaxHours" label="动火最长时间(小时)" rules={[zodRule(S.hotWorkMaxHours)]} style={{ marginBottom: 8 }}>
            <InputNumber min={1} max={72} precision={0} style={{ width: 110 }} aria-label="动火最长时间(小时)" />
          </Form.Item>
        </Space>
        <Space size="large" wrap align="start">
          <Form.Item
            name="workHours"
            label="施工时间"
            rules={[zodRule(S.workHours)]}
            extra="印在装修许可证上,如 08:00-12:00,14:00-18:00"
            style={{ marginBottom: 8 }}
          >
            <Input style={{ width: 280 }} aria-label="施工时间" />
          </Form.Item>
          <Form.Item name="serviceCenterPhone" label="服务中心电话" rules={[zodRule(S.serviceCenterPhone)]} extra="印在每份证件上" style={{ marginBottom: 8 }}>
            <Input style={{ width: 200 }} aria-label="服务中心电话" />
          </Form.Item>
        </Space>
        {!s.permit.serviceCenterPhone && <Typography.Text type="warning">尚未填写服务中心电话:证件上将不印电话。</Typography.Text>}
        </div>
      </Form>
    </Card>
  )
}
