import { Button, Card, Form, Input, Popconfirm, Space, Table } from 'antd'
import { useState } from 'react'
import { cardKindForm, type CardKind } from '../../../shared/cards/schema'
import { fenToYuanText } from '../../../shared/validate/money'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

const F = cardKindForm.shape
const MONEY = [
  ['deposit', '押金'],
  ['fee', '工本费'],
  ['replaceFee', '补卡费'],
] as const

/**
 * 项目设置 › 门禁卡类: name typed, code generated (MK-01 …), money in 元 read exactly. Mounted inside the
 * site form: its own Enter saves this card only.
 */
export function CardKindsCard() {
  const kinds = useDesk('card.kinds', {})
  const [form] = Form.useForm()
  const [editing, setEditing] = useState<string | null>(null)
  const save = useDeskMutation('card.kindSave', {
    form,
    success: '卡类已保存',
    onSuccess: () => {
      form.resetFields()
      setEditing(null)
    },
  })
  const retire = useDeskMutation('card.kindRetire', { success: '卡类已停用' })
  const submit = () =>
    void form.validateFields().then((v) => {
      const p = cardKindForm.parse(v)
      save.mutate({ id: editing ?? undefined, name: p.name, depositFen: p.deposit, feeFen: p.fee, replaceFeeFen: p.replaceFee })
    })
  const yuan = (f: number) => `${fenToYuanText(f)} 元`
  return (
    <Card size="small" title="门禁卡类(门禁卡 · 电梯卡 · 功能卡)" data-testid="card-kinds">
      <Table<CardKind>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={kinds.data ?? []}
        columns={[
          { title: '编码', dataIndex: 'code', width: 80 },
          { title: '名称', dataIndex: 'name' },
          { title: '押金', dataIndex: 'depositFen', render: yuan },
          { title: '工本费', dataIndex: 'feeFen', render: yuan },
          { title: '补卡费', dataIndex: 'replaceFeeFen', render: yuan },
          {
            title: '',
            width: 130,
            render: (_: unknown, k) => (
              <Space size={4}>
                <Button
                  size="small"
                  onClick={() => {
                    setEditing(k.id)
                    form.setFieldsValue({ name: k.name, deposit: fenToYuanText(k.depositFen), fee: fenToYuanText(k.feeFen), replaceFee: fenToYuanText(k.replaceFeeFen) })
                  }}
                >
                  修改
                </Button>
                {/* Never deleted: cards issued with the kind keep it; it is no longer offered when issuing. */}
                <Popconfirm title={`停用卡类「${k.name}」?`} description="已发的卡保留原卡类,发卡时不再可选" okText="停用" cancelText="取消" onConfirm={() => retire.mutate({ id: k.id })}>
                  <Button size="small" danger data-testid={`card-kind-retire-${k.name}`}>
                    停用
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Form form={form} component={false} layout="vertical">
        <div
          style={{ marginTop: 12 }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target instanceof HTMLInputElement) {
              e.preventDefault()
              e.stopPropagation()
              submit()
            }
          }}
        >
          <Space size="middle" wrap align="start">
            <Form.Item name="name" label="卡类名称" rules={[zodRule(F.name)]} style={{ marginBottom: 8 }}>
              <Input style={{ width: 140 }} aria-label="卡类名称" placeholder="如 门禁卡" />
            </Form.Item>
            {MONEY.map(([k, label]) => (
              <Form.Item key={k} name={k} label={`${label}(元)`} rules={[zodRule(F[k])]} style={{ marginBottom: 8 }}>
                <Input inputMode="decimal" suffix="元" style={{ width: 120 }} aria-label={`${label}(元)`} />
              </Form.Item>
            ))}
            <Form.Item label=" " style={{ marginBottom: 8 }}>
              <Space>
                <Button type="primary" onClick={submit} loading={save.isPending} data-testid="card-kind-save">
                  {editing ? '保存修改' : '添加卡类'}
                </Button>
                {editing && (
                  <Button
                    onClick={() => {
                      setEditing(null)
                      form.resetFields()
                    }}
                  >
                    取消
                  </Button>
                )}
              </Space>
            </Form.Item>
          </Space>
        </div>
      </Form>
    </Card>
  )
}
