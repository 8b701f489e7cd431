import { AutoComplete, Button, Card, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { InputRef } from 'antd'
import { KEY_OPENS_SUGGESTIONS, keyCreateInput, keyRemoveInput, type KeyRow } from '../../../shared/keys/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { useLastSubject } from '../forms/lastSubject'
import { zodRule } from '../forms/zodRule'
import { downloadPdf } from '../print/download'
import { keyState } from './LendForm'
import { LostModal } from './LostModal'

const f = keyCreateInput.shape
const opensOptions = KEY_OPENS_SUGGESTIONS.map((v) => ({ value: v }))

/** 钥匙登记册: every public key with its hook and state; the administrator adds and edits; printable for the paper fallback. */
export function KeyRegister({ canEdit, canLend }: { canEdit: boolean; canLend: boolean }) {
  const list = useDesk('key.list', {})
  const [editing, setEditing] = useState<KeyRow | 'new' | null>(null)
  const [lost, setLost] = useState<KeyRow | null>(null)
  const [removing, setRemoving] = useState<KeyRow | null>(null)
  const print = useDeskMutation('key.printRegister', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  return (
    <Card
      size="small"
      title={`钥匙登记册(${list.data?.length ?? 0})`}
      data-testid="key-register"
      extra={
        <Space>
          <Button onClick={() => print.mutate({})} loading={print.isPending} data-testid="print-register">打印钥匙登记表</Button>
          {canEdit && <Button type="primary" onClick={() => setEditing('new')} data-testid="add-key">登记钥匙</Button>}
        </Space>
      }
    >
      <Table<KeyRow>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data}
        pagination={false}
        columns={[
          { title: '牌号', dataIndex: 'tagNo', width: 70 },
          { title: '名称', dataIndex: 'name' },
          { title: '开启部位', dataIndex: 'opens' },
          { title: '区域/楼栋', dataIndex: 'area', render: (v) => v ?? '—' },
          { title: '挂钩', dataIndex: 'hook', render: (v) => v ?? '—' },
          { title: '数量', render: (_, k) => `${k.copies - k.lost}${k.lost ? `(报失${k.lost})` : ''}` },
          { title: '可带离', dataIndex: 'mayLeaveSite', render: (v: boolean) => (v ? '可' : '不可') },
          { title: '默认时长', dataIndex: 'defaultLoanHours', render: (v: number) => `${v}小时` },
          { title: '状态', render: (_, k) => <Tag color={k.overLent ? 'red' : k.available > 0 ? 'green' : 'orange'}>{keyState(k)}</Tag> },
          {
            title: '操作',
            render: (_, k) => (
              <Space>
                {canEdit && <Button size="small" onClick={() => setEditing(k)}>修改</Button>}
                {canLend && k.available > 0 && <Button size="small" danger onClick={() => setLost(k)}>报失</Button>}
                {canEdit && <Button size="small" onClick={() => setRemoving(k)}>删除</Button>}
              </Space>
            ),
          },
        ]}
      />
      <KeyModal editing={editing} onClose={() => setEditing(null)} />
      <LostModal subject={lost ? { tagNo: lost.tagNo, keyName: lost.name } : null} onClose={() => setLost(null)} />
      <RemoveModal k={removing} onClose={() => setRemoving(null)} />
    </Card>
  )
}

function KeyModal({ editing: current, onClose }: { editing: KeyRow | 'new' | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const tag = useRef<InputRef>(null)
  const editing = useLastSubject(current)
  const isNew = editing === 'new'
  const done = () => (form.resetFields(), onClose())
  const create = useDeskMutation('key.create', { form, success: '钥匙已登记', onSuccess: done })
  const update = useDeskMutation('key.update', { form, success: '已保存', onSuccess: done })
  useEffect(() => {
    if (current && current !== 'new') form.setFieldsValue({ ...current, area: current.area ?? undefined, hook: current.hook ?? undefined, note: current.note ?? undefined })
    else if (current === 'new') form.setFieldsValue({ copies: 1, mayLeaveSite: false, defaultLoanHours: 2 })
  }, [current, form])
  const submit = (v: Record<string, unknown>) => (isNew ? create.mutate(v as never) : update.mutate({ ...(v as object), id: (editing as KeyRow).id } as never))
  return (
    <Modal title={isNew ? '登记钥匙' : '修改钥匙'} open={!!current} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={create.isPending || update.isPending} destroyOnHidden forceRender afterOpenChange={(open) => open && tag.current?.focus()}>
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="key" layout="vertical" onFinish={submit}>
          <Form.Item name="tagNo" label="钥匙牌号" rules={[zodRule(f.tagNo)]} extra={isNew ? '留空则自动编号(如 001)' : undefined}>
            <Input ref={tag} autoComplete="off" />
          </Form.Item>
          <Form.Item name="name" label="钥匙名称" rules={[zodRule(f.name)]}>
            <Input autoComplete="off" placeholder="如:3栋天台门钥匙" />
          </Form.Item>
          <Form.Item name="opens" label="开启部位" rules={[zodRule(f.opens)]}>
            <AutoComplete options={opensOptions} filterOption placeholder="设备房、天台、水泵房、配电房、大门……" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="area" label="所在区域/楼栋" rules={[zodRule(f.area)]}>
              <Input autoComplete="off" />
            </Form.Item>
            <Form.Item name="hook" label="挂钩位置" rules={[zodRule(f.hook)]}>
              <Input autoComplete="off" style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="copies" label="钥匙数量" rules={[zodRule(f.copies)]}>
              <InputNumber min={1} max={99} style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="defaultLoanHours" label="默认借用时长(小时)" rules={[zodRule(f.defaultLoanHours)]}>
              <InputNumber min={1} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="mayLeaveSite" label="可带离项目" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Form.Item name="note" label="备注" rules={[zodRule(f.note)]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  )
}

function RemoveModal({ k, onClose }: { k: KeyRow | null; onClose: () => void }) {
  const [form] = Form.useForm()
  const first = useRef<InputRef>(null)
  const remove = useDeskMutation('key.remove', { form, success: '已删除', onSuccess: () => (form.resetFields(), onClose()) })
  return (
    <Modal title={`删除钥匙 · ${k?.tagNo ?? ''}号 ${k?.name ?? ''}`} open={!!k} onCancel={onClose} onOk={() => form.submit()} okText="删除" okButtonProps={{ danger: true }} confirmLoading={remove.isPending} destroyOnHidden afterOpenChange={(open) => open && first.current?.focus()}>
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form form={form} name="remove" layout="vertical" onFinish={(v) => k && remove.mutate({ id: k.id, reason: v.reason })}>
          <Form.Item name="reason" label="删除原因" rules={[zodRule(keyRemoveInput.shape.reason)]}>
            <Input ref={first} autoComplete="off" placeholder="如:换锁,旧钥匙作废" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  )
}
