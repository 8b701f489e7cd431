import { Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Tag } from 'antd'
import {
  HOT_WORK_LEVEL_LABELS,
  HOT_WORK_LEVELS,
  HOT_WORK_METHOD_LABELS,
  HOT_WORK_METHODS,
  HOT_WORK_PRECAUTION_CODES,
  HOT_WORK_PRECAUTIONS,
  type HotWorkLevel,
  type HotWorkMethod,
  type HotWorkPrecaution,
} from '../../../../shared/permit/kinds'
import { hotWorkFields, hotWorkRule, requiredPrecautions, type HotWorkFields as HotWorkOut } from '../../../../shared/permit/schema/hotWork'
import { withPermitDefaults } from '../../../../shared/permit/settings'
import { isStamp } from '../../../../shared/time/calendar'
import { hotWorkMaxHours, hotWorkWindow } from '../../../../shared/permit/validity'
import { zodRule } from '../../forms/zodRule'
import { STAMP_FORMAT, toStamp, toText, type FormSettings } from './convert'
import { beforeToday, crossRule, zodVia } from './rules'

export { hotWorkInitialFields as initialFields, hotWorkToFields as toFields } from './convert'

const S = hotWorkFields.shape
const n = (k: keyof typeof S) => ['fields', k]

/** A record that passes every check of hotWorkRule (started now, everything ticked), to lay form values over. */
const base = (now: string): HotWorkOut => ({
  place: '-',
  level: 'second',
  method: 'other',
  content: '-',
  welderName: '动火人',
  welderIdNumber: '-',
  welderCertNo: '-',
  copiesCollected: true,
  start: now,
  end: undefined,
  fireWatcherName: '监火人',
  fireWatcherPhone: undefined,
  extinguisherCount: 1,
  precautions: [...HOT_WORK_PRECAUTION_CODES],
  gasTestResult: '-',
})

const isLevel = (v: unknown): v is HotWorkLevel => HOT_WORK_LEVELS.includes(v as HotWorkLevel)
const isMethod = (v: unknown): v is HotWorkMethod => HOT_WORK_METHODS.includes(v as HotWorkMethod)
const stamp = (v: unknown) => {
  const s = toStamp(v)
  return s && isStamp(s) ? s : undefined
}
const ticked = (v: unknown): HotWorkPrecaution[] => (Array.isArray(v) ? (v as HotWorkPrecaution[]) : [])

/** 动火申请表: the kind's inputs, under ['fields', …] inside the parent's Form. */
export function HotWorkFields({ settings }: { settings?: FormSettings }) {
  const level = Form.useWatch(n('level')) as HotWorkLevel | undefined
  const method = Form.useWatch(n('method')) as HotWorkMethod | undefined
  const start = stamp(Form.useWatch(n('start')))
  const required = new Set(isLevel(level) && isMethod(method) ? requiredPrecautions({ level, method }) : [])
  const maxHours = isLevel(level) ? hotWorkMaxHours(level, withPermitDefaults(settings)) : undefined
  const openEnd = start && maxHours ? hotWorkWindow(start, undefined, maxHours) : undefined

  const cross = (field: 'fireWatcherName' | 'precautions' | 'gasTestResult' | 'end', pick: (get: (k: string) => unknown) => Partial<HotWorkOut> | null) =>
    crossRule<HotWorkOut>({ rule: hotWorkRule, base, field, pick, settings })
  const watcherRule = cross('fireWatcherName', (get) => {
    const welderName = toText(get('welderName'))
    const fireWatcherName = toText(get('fireWatcherName'))
    return welderName && fireWatcherName ? { welderName, fireWatcherName } : null
  })
  const precautionsRule = cross('precautions', (get) => {
    const [l, m] = [get('level'), get('method')]
    return isLevel(l) && isMethod(m) ? { level: l, method: m, precautions: ticked(get('precautions')) } : null
  })
  const gasRule = cross('gasTestResult', (get) => {
    const l = get('level')
    if (!isLevel(l) || !ticked(get('precautions')).includes('gasTested')) return null
    return { level: l, gasTestResult: toText(get('gasTestResult')) }
  })
  const endRule = cross('end', (get) => {
    const [l, s, e] = [get('level'), stamp(get('start')), toStamp(get('end'))]
    if (!isLevel(l) || !s || (e && !isStamp(e))) return null
    return { level: l, start: s, end: e }
  })

  return (
    <div data-testid="fields-hotWork">
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={n('place')} label="动火地点" rules={[zodRule(S.place)]}>
            <Input aria-label="动火地点" maxLength={40} placeholder="如:3栋1单元1202 厨房" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={n('level')} label="动火等级" rules={[zodRule(S.level)]}>
            <Select aria-label="动火等级" options={HOT_WORK_LEVELS.map((l) => ({ value: l, label: HOT_WORK_LEVEL_LABELS[l] }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name={n('method')} label="动火方式" rules={[zodRule(S.method)]}>
            <Select aria-label="动火方式" options={HOT_WORK_METHODS.map((m) => ({ value: m, label: HOT_WORK_METHOD_LABELS[m] }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('content')} label="动火作业内容" rules={[zodRule(S.content)]}>
        <Input.TextArea aria-label="动火作业内容" rows={2} maxLength={100} showCount />
      </Form.Item>
      <Row gutter={12}>
        <Col span={6}>
          <Form.Item name={n('welderName')} label="动火人姓名" rules={[zodRule(S.welderName)]}>
            <Input aria-label="动火人姓名" maxLength={15} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name={n('welderIdNumber')} label="动火人身份证号" rules={[zodRule(S.welderIdNumber)]}>
            <Input aria-label="动火人身份证号" maxLength={18} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('welderCertNo')} label="焊工证号" rules={[zodRule(S.welderCertNo)]}>
            <Input aria-label="焊工证号" maxLength={20} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name={n('copiesCollected')} valuePropName="checked" rules={[zodRule(S.copiesCollected)]}>
        <Checkbox>已收取焊工证及身份证复印件</Checkbox>
      </Form.Item>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('start')} label="动火开始时间" rules={[zodVia(S.start, toStamp)]}>
            <DatePicker
              aria-label="动火开始时间"
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format={STAMP_FORMAT}
              disabledDate={beforeToday}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name={n('end')}
            label="动火结束时间"
            dependencies={[n('start'), n('level')]}
            rules={[zodVia(S.end, toStamp), endRule]}
            extra={
              maxHours
                ? `最长${maxHours}小时${openEnd?.ok ? `;留空至 ${openEnd.value.validUntil.slice(5)}` : ''}`
                : undefined
            }
          >
            <DatePicker
              aria-label="动火结束时间"
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format={STAMP_FORMAT}
              disabledDate={beforeToday}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('extinguisherCount')} label="灭火器数量" rules={[zodRule(S.extinguisherCount)]}>
            <InputNumber aria-label="灭火器数量" min={1} max={50} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name={n('fireWatcherName')} label="监火人姓名" dependencies={[n('welderName')]} rules={[zodRule(S.fireWatcherName), watcherRule]}>
            <Input aria-label="监火人姓名" maxLength={15} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name={n('fireWatcherPhone')} label="监火人电话" rules={[zodRule(S.fireWatcherPhone)]}>
            <Input aria-label="监火人电话" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name={n('precautions')}
        label="安全措施"
        tooltip="标 必选 的各项须逐项确认落实后勾选"
        dependencies={[n('level'), n('method')]}
        rules={[zodRule(S.precautions), precautionsRule]}
      >
        <Checkbox.Group aria-label="安全措施" style={{ width: '100%' }}>
          <Row gutter={[12, 4]}>
            {HOT_WORK_PRECAUTIONS.map((p) => (
              <Col span={12} key={p.code}>
                <Checkbox value={p.code} data-testid={`precaution-${p.code}`}>
                  {p.label}
                  {required.has(p.code) && (
                    <Tag color="red" bordered={false} style={{ marginInlineStart: 6 }}>
                      必选
                    </Tag>
                  )}
                </Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name={n('gasTestResult')} label="气体检测结果" dependencies={[n('precautions'), n('level')]} rules={[zodRule(S.gasTestResult), gasRule]}>
        <Input aria-label="气体检测结果" maxLength={50} placeholder="勾选“可燃气体检测合格”时填写,如:LEL 0%,合格" />
      </Form.Item>
    </div>
  )
}
