import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Spin, Switch, Table, Typography } from 'antd'
import { useEffect } from 'react'
import { LOG_KINDS, LOG_KIND_LABELS } from '../../../shared/duty/kinds'
import { siteFields, TIME_ZONES, type CustodyItem, type SiteInfo } from '../../../shared/site/schema'
import { countText, fenToYuanText, yuanText } from '../../../shared/validate/money'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'
import { BackupCard } from './BackupCard'
import { TerminalCard } from './TerminalCard'
import { PermitSettingsCard } from '../permit/PermitSettingsCard'
import { CardKindsCard } from '../cards/CardKindsCard'
import { ComplaintSettingsCard } from '../complaint/ComplaintSettingsCard'
import { RepairSettingsCard } from '../repair/RepairSettingsCard'
import { ReceptionSettingsCard } from '../homeService/ReceptionSettingsCard'
import { VisitorParcelSettingsCard } from '../visitor/VisitorParcelSettingsCard'

/**
 * Money is stored in fen; the administrator types 元 as text, read exactly (shared/validate/money:
 * "500.505" is refused at the field, never rounded). Counts are whole numbers.
 */
type CustodyRow = Omit<CustodyItem, 'expected'> & { expected?: string | number | null }
const expectedText = (unit: CustodyItem['unit'], label: string) => (unit === 'fen' ? yuanText(label) : countText(label))
const toForm = (s: SiteInfo) => ({ ...s, custodyItems: s.custodyItems.map((c) => ({ ...c, expected: c.unit === 'fen' ? fenToYuanText(c.expected) : String(c.expected) })) })
const fromForm = (items: CustodyRow[]) => items.map((c) => ({ ...c, expected: expectedText(c.unit, '应有数').parse(String(c.expected ?? '')), carry: !!c.carry }))
/** 应有数 read by its row's 计量 (金额 in 元 to the fen, 件数 whole); the message names the item. */
const expectedRule = (row: number) => ({ getFieldValue }: { getFieldValue: (p: (string | number)[]) => unknown }) => ({
  validator: async (_r: unknown, v: unknown) => {
    const item = getFieldValue(['custodyItems', row]) as CustodyRow | undefined
    const r = expectedText(item?.unit ?? 'count', `${item?.name || '物品'}应有数`).safeParse(v === null || v === undefined ? '' : String(v))
    if (!r.success) throw new Error(r.error.issues[0].message)
  },
})
/** A new row has no code yet: send none, the core generates it. */
const keepCodes = <T extends { code?: string }>(items?: T[]) => items?.map(({ code, ...rest }) => (code ? { code, ...rest } : rest))

/** Site settings that sync between terminals: name, shifts, custody items, checklist, log templates. */
export function SitePage() {
  const site = useDesk('site.get', {})
  const [form] = Form.useForm()
  const save = useDeskMutation('site.update', { form, success: '项目设置已保存' })
  useEffect(() => {
    if (site.data) form.setFieldsValue(toForm(site.data))
  }, [site.data, form])
  if (!site.data) return <Spin />

  const list = (name: string, columns: Array<{ title: string; width?: number; render: (field: { name: number }) => React.ReactNode }>, blank: object, addLabel: string) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            columns={[
              ...columns.map((c) => ({ title: c.title, width: c.width, render: (_: unknown, f: { name: number }) => c.render(f) })),
              { title: '', width: 48, render: (_: unknown, f: { name: number }) => <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" /> },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(blank)} style={{ marginTop: 8 }}>
            {addLabel}
          </Button>
        </>
      )}
    </Form.List>
  )
  const cell = (path: (string | number)[], node: React.ReactNode, rules?: object[], dependencies?: (string | number)[][]) => (
    <Form.Item name={path} noStyle={false} style={{ margin: 0 }} rules={rules as never} dependencies={dependencies}>
      {node}
    </Form.Item>
  )
  // People type names; the code an item is stored under is kept here unseen (new items get one from the core).
  const named = (f: { name: number }, label: string, placeholder?: string) => (
    <>
      <Form.Item name={[f.name, 'code']} hidden>
        <Input />
      </Form.Item>
      {cell([f.name, 'name'], <Input aria-label={label} placeholder={placeholder} />)}
    </>
  )

  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => save.mutate({ ...v, shifts: keepCodes(v.shifts), checklist: keepCodes(v.checklist), custodyItems: keepCodes(fromForm(v.custodyItems ?? [])) })}
      data-testid="site-form"
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title="项目设置" extra={<Button type="primary" htmlType="submit" loading={save.isPending}>保存设置</Button>}>
          <Space size="large" wrap>
            <Form.Item name="name" label="项目名称" rules={[zodRule(siteFields.name)]}>
              <Input style={{ width: 240 }} />
            </Form.Item>
            <Form.Item name="office" label="管理处" rules={[zodRule(siteFields.office)]}>
              <Input style={{ width: 280 }} />
            </Form.Item>
            <Form.Item name="timeZone" label="时区">
              <Select style={{ width: 200 }} options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
            </Form.Item>
            <Form.Item name="graceMinutes" label="交接班宽限(分钟)" tooltip="班次结束超过此时间仍未交接,提示客服主管">
              <InputNumber min={0} max={720} />
            </Form.Item>
            <Form.Item name="drawnSignature" label="交接班手写签名" valuePropName="checked" tooltip="开启后,交接双方除输入PIN外还须在屏幕上手写签名,签名印在交接班记录表上">
              <Switch />
            </Form.Item>
            <Form.Item name="cardSignature" label="门禁卡签收手写签名" valuePropName="checked" tooltip="开启后,发卡、补卡时持卡人须在屏幕上手写签名,签名印在门禁卡领用签收单上(代替签名横线)">
              <Switch />
            </Form.Item>
          </Space>
        </Card>
        <Card title="班次" size="small" extra={<Typography.Text type="secondary">结束早于开始表示跨午夜(如 夜值 20:00–08:00)</Typography.Text>}>
          {list(
            'shifts',
            [
              { title: '名称', width: 160, render: (f) => named(f, '班次名称', '如 早班') },
              { title: '开始', width: 110, render: (f) => cell([f.name, 'start'], <Input placeholder="07:30" />) },
              { title: '结束', width: 110, render: (f) => cell([f.name, 'end'], <Input placeholder="15:30" />) },
            ],
            { name: '', start: '', end: '' },
            '添加班次',
          )}
        </Card>
        <Card title="交接物品(清点交接)" size="small" extra={<Typography.Text type="secondary">"随上班结转"的物品,应有数为上一班清点数</Typography.Text>}>
          {list(
            'custodyItems',
            [
              { title: '名称', width: 180, render: (f) => named(f, '物品名称', '如 对讲机') },
              { title: '计量', width: 120, render: (f) => cell([f.name, 'unit'], <Select options={[{ value: 'count', label: '件数' }, { value: 'fen', label: '金额(元)' }]} />) },
              {
                title: '应有数',
                width: 150,
                render: (f) =>
                  cell([f.name, 'expected'], <Input aria-label="应有数" inputMode="decimal" style={{ width: '100%' }} />, [expectedRule(f.name)], [['custodyItems', f.name, 'unit'], ['custodyItems', f.name, 'name']]),
              },
              { title: '随上班结转', width: 110, render: (f) => <Form.Item name={[f.name, 'carry']} valuePropName="checked" style={{ margin: 0 }}><Checkbox /></Form.Item> },
            ],
            { name: '', unit: 'count', expected: '0', carry: false },
            '添加物品',
          )}
        </Card>
        <Card title="前台环境检查项" size="small">
          {list(
            'checklist',
            [
              { title: '检查内容', render: (f) => named(f, '检查内容', '如 台面整洁,物品摆放有序') },
            ],
            { name: '' },
            '添加检查项',
          )}
        </Card>
        <Card title="值班记录模板" size="small">
          {list(
            'logTemplates',
            [
              { title: '类型', width: 130, render: (f) => cell([f.name, 'kind'], <Select options={LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }))} />) },
              { title: '内容', render: (f) => cell([f.name, 'content'], <Input />) },
              { title: '处理措施', render: (f) => cell([f.name, 'action'], <Input />) },
            ],
            { kind: 'other', content: '', action: '' },
            '添加模板',
          )}
        </Card>
        <TerminalCard />
        <PermitSettingsCard />
        <CardKindsCard />
        <ComplaintSettingsCard />
        <RepairSettingsCard />
        <ReceptionSettingsCard />
        <VisitorParcelSettingsCard />
        <BackupCard />
      </Space>
    </Form>
  )
}
