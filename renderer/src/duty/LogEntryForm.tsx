import { Alert, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import type dayjs from 'dayjs'
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { ESCALATION_TARGETS, ESCALATION_TARGET_LABELS, LOG_KINDS, LOG_KIND_LABELS, LOG_STATUSES, LOG_STATUS_LABELS, type LogKind } from '../../../shared/duty/kinds'
import { logAddInput } from '../../../shared/duty/logSchema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { useClearNotTabStop } from '../forms/clearNotTabStop'
import { useCloseOnPick } from '../forms/closeOnPick'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { go } from '../router'
import { carryDraft } from './carryOver'
import { UnitPicker, type UnitPickerHandle } from './UnitPicker'

/** Kinds by number key (1 来电 … 8 其他), shown beside each kind in the list. */
const KIND_BY_KEY = Object.fromEntries(LOG_KINDS.map((k, i) => [String(i + 1), k])) as Record<string, LogKind>
const kindOptions = LOG_KINDS.map((k, i) => ({
  value: k,
  name: LOG_KIND_LABELS[k],
  label: (
    <span>
      <Typography.Text keyboard>{i + 1}</Typography.Text> <span>{LOG_KIND_LABELS[k]}</span>
    </span>
  ),
}))

/**
 * Keyboard-first entry of the duty log: Alt+N (or F2) jumps to 类型, the first field, and the
 * form comes back there after each save; Tab runs 类型 → 房屋 → 人员 → 模板 → 时间 → 内容…;
 * 类型 is chosen by its first character (来, 报, 投…) or its number key; Enter saves from any
 * field, the status buttons included. A room typed but not picked is taken when it matches one
 * unit, else the save stops with the reason at 房屋 — nothing typed is dropped.
 */
export function LogEntryForm({ disabled }: { disabled?: boolean }) {
  const [form] = Form.useForm()
  const content = useRef<InputRef>(null)
  const kind = useRef<React.ComponentRef<typeof Select>>(null)
  const unit = useRef<UnitPickerHandle>(null)
  const [kindOpen, setKindOpen] = useState(false)
  /** A number key chose the kind: antd would open the list right after; keep it closed. */
  const kindChosenByKey = useRef(false)
  const [resolving, setResolving] = useState(false)
  const templatePick = useCloseOnPick()
  const escalatePick = useCloseOnPick()
  const fields = useClearNotTabStop<HTMLDivElement>()
  const templates = useDesk('log.templates', {})
  const status = Form.useWatch('status', form)
  const kindValue = Form.useWatch('kind', form) as LogKind | undefined
  /** 报修/投诉 belong in their own register, which writes the log entry itself: hint, never refuse. */
  const registerElsewhere = kindValue === 'repair' ? { area: 'repairs', label: '报修', to: 'repair' as const } : kindValue === 'complaint' ? { area: 'complaints', label: '投诉', to: 'complaint' as const } : null
  const add = useDeskMutation('log.add', {
    form,
    success: '已记录',
    onSuccess: () => {
      form.resetFields()
      setSaved((n) => n + 1)
    },
  })
  // Back to 类型 once the emptied form has rendered (focusing earlier is lost when 类型's value changes).
  const [saved, setSaved] = useState(0)
  useEffect(() => {
    if (saved) kind.current?.focus()
  }, [saved])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.altKey && (e.key === 'n' || e.key === 'N')) || e.key === 'F2') {
        e.preventDefault()
        kind.current?.focus()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  /**
   * The room typed in 房屋 but not picked: its single match (now shown as picked), undefined when
   * nothing is pending, false when it cannot be taken (the reason is put at 房屋).
   */
  const takePendingUnit = async (focus: boolean): Promise<string | undefined | false> => {
    if (!unit.current?.pending()) return undefined
    setResolving(true)
    const r = await unit.current.resolve().finally(() => setResolving(false))
    if (r && 'problem' in r) {
      form.setFields([{ name: 'unitId', errors: [r.problem] }])
      if (focus) unit.current.focus()
      return false
    }
    return r?.unitId
  }
  const submit = async (v: Record<string, unknown>) => {
    if (add.isPending || resolving) return
    let unitId = (v.unitId as string) || undefined
    if (!unitId) {
      const r = await takePendingUnit(true)
      if (r === false) return
      unitId = r
    }
    add.mutate({
      kind: v.kind as never,
      at: v.at ? (v.at as dayjs.Dayjs).toISOString() : undefined,
      unitId,
      person: (v.person as string) || undefined,
      content: v.content as string,
      action: (v.action as string) || undefined,
      passedTo: (v.passedTo as string) || undefined,
      status: v.status as never,
      escalateTo: v.status === 'escalated' ? (v.escalateTo as never) : undefined,
    })
  }
  const kindKey = (e: ReactKeyboardEvent<HTMLElement>) => {
    const k = KIND_BY_KEY[e.key]
    if (k && !(e.target as HTMLInputElement).value && !e.ctrlKey && !e.altKey) {
      e.preventDefault()
      form.setFieldValue('kind', k)
      kindChosenByKey.current = true
      setKindOpen(false)
    }
  }
  return (
    <Card
      size="small"
      title="新增值班记录"
      extra={<Typography.Text type="secondary">Alt+N 新增 · 类型可按字或数字键选 · Enter 保存</Typography.Text>}
      data-testid="log-entry-form"
    >
      <div ref={fields} onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ kind: 'call', status: 'done' }}
          onFinish={submit}
          // Enter before 内容 is written still takes the room typed (↓ Enter racing a slow search
          // lands here): the room is not left unpicked behind the 内容 message.
          onFinishFailed={() => void takePendingUnit(false)}
          disabled={disabled}
        >
          <Row gutter={12}>
            <Col span={4}>
              <Form.Item name="kind" label="类型">
                <Select
                  ref={kind}
                  showSearch={{ filterOption: (input, o) => !!o && (o.name.includes(input.trim()) || KIND_BY_KEY[input.trim()] === o.value) }}
                  open={kindOpen}
                  onOpenChange={(o) => {
                    if (o && kindChosenByKey.current) kindChosenByKey.current = false
                    else setKindOpen(o)
                  }}
                  // Closed at once (antd closes a tick later), so a fast Tab after Enter moves on.
                  onSelect={() => setKindOpen(false)}
                  onInputKeyDown={kindKey}
                  options={kindOptions}
                  listHeight={8 * 32 + 16}
                  labelRender={(o) => LOG_KIND_LABELS[o.value as LogKind] ?? o.label}
                  data-testid="log-kind"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="unitId" label="房屋">
                <UnitPicker handle={unit} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="person" label="人员" rules={[zodRule(logAddInput.shape.person)]}>
                <Input placeholder="来电/来访人" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="模板">
                <Select
                  open={templatePick.open}
                  onOpenChange={templatePick.onOpenChange}
                  onSelect={templatePick.onSelect}
                  placeholder="选择常用模板"
                  value={null}
                  options={(templates.data ?? []).map((t, i) => ({ value: i, label: `${LOG_KIND_LABELS[t.kind]} · ${t.content}` }))}
                  onChange={(i: number) => {
                    const t = templates.data![i]
                    form.setFieldsValue({ kind: t.kind, content: t.content, action: t.action || undefined })
                    content.current?.focus()
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item name="at" label="时间(默认现在)">
                <DatePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="content" label="内容" rules={[zodRule(logAddInput.shape.content)]}>
                <Input ref={content} placeholder="发生了什么" data-testid="log-content" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="action" label="处理措施" rules={[zodRule(logAddInput.shape.action)]}>
                <Input placeholder="做了什么" data-testid="log-action" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12} align="bottom">
            <Col span={6}>
              <Form.Item name="passedTo" label="转交部门/人员" rules={[zodRule(logAddInput.shape.passedTo)]}>
                <Input placeholder="如:工程部 吴强" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="status" label="状态">
                <Radio.Group optionType="button" options={LOG_STATUSES.map((s) => ({ value: s, label: LOG_STATUS_LABELS[s] }))} />
              </Form.Item>
            </Col>
            <Col span={5}>
              {/* Always registered (hidden unless 已上报), so an Enter pressed right after choosing
                  已上报 is stopped here before 上报给 has even rendered. */}
              <Form.Item
                name="escalateTo"
                label="上报给"
                hidden={status !== 'escalated'}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: async (_r, v) => {
                      if (getFieldValue('status') === 'escalated' && !v) throw new Error('已上报的记录须选择上报对象')
                    },
                  }),
                ]}
              >
                <Select open={escalatePick.open} onOpenChange={escalatePick.onOpenChange} onSelect={escalatePick.onSelect} options={ESCALATION_TARGETS.map((t) => ({ value: t, label: ESCALATION_TARGET_LABELS[t] }))} />
              </Form.Item>
            </Col>
            <Col span={5} style={{ textAlign: 'right' }}>
              <Form.Item>
                <Space>
                  <Button onClick={() => form.resetFields()}>清空</Button>
                  <Button type="primary" htmlType="submit" loading={add.isPending || resolving} data-testid="log-save">
                    保存记录
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
          {/* Below the fields, so Tab still runs 类型 → … → 内容 → 保存 first; the hint's button comes last. */}
          {registerElsewhere && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 4 }}
              data-testid="log-kind-hint"
              message={`${registerElsewhere.label}请在「${registerElsewhere.label}」登记,会自动记入值班记录`}
              description="仍可保存为普通值班记录(如来电询问旧的报修单)。"
              action={
                <Button
                  size="small"
                  type="primary"
                  data-testid="log-kind-hint-open"
                  onClick={() => {
                    carryDraft(registerElsewhere.to, { person: form.getFieldValue('person') || undefined, content: form.getFieldValue('content') || undefined })
                    go(`/${registerElsewhere.area}`)
                  }}
                >
                  去{registerElsewhere.label}登记
                </Button>
              }
            />
          )}
        </Form>
      </div>
    </Card>
  )
}
