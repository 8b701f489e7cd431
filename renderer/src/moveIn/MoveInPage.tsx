import { Button, Card, Col, Form, Row, Select, Space, Table, Tag, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { MoveInRow } from '../../../shared/moveIn/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { enterSubmits } from '../forms/enterSubmits'
import { usePrintDoc } from '../homeService/printDoc'
import { useSiteTime } from '../homeService/siteTime'
import { go } from '../router'
import { ChecklistFields } from './ChecklistFields'
import { MoveInDetail } from './MoveInDetail'

export const EMPTY_CHECKLIST = { doorKeys: 0, electricityCards: 0, waterCards: 0, mailboxKeys: 0, documents: [] as string[] }

/**
 * 入住手续: start a checklist for a unit handed to its new owner (the owner from the registry), then —
 * on the checklist — issue the access cards through the card register, and have the owner sign; the
 * 入住交接单 prints at signing. Keyboard: Tab through the fields, Enter saves.
 */
export function MoveInPage({ id }: { id?: string } = {}) {
  const { short } = useSiteTime()
  const [form] = Form.useForm()
  const unitRef = useRef<UnitPickerHandle>(null)
  const unitId = Form.useWatch('unitId', form) as string | undefined
  const unit = useDesk('unit.get', { id: unitId ?? '' }, { enabled: !!unitId })
  const docs = useDesk('moveIn.documents', {})
  const list = useDesk('moveIn.list', {})
  const printDoc = usePrintDoc()
  const [openId, setOpenId] = useState<string | null>(id ?? null)
  // '#/moveIn/<id>' (the duty log's link back) opens that checklist.
  // Adjusted while rendering when the address changes (no effect, so no second render).
  const [routeId, setRouteId] = useState(id)
  if (id !== routeId) {
    setRouteId(id)
    if (id) setOpenId(id)
  }
  const owners = (unit.data?.residents ?? []).filter((r) => r.kind === 'owner')
  const start = useDeskMutation('moveIn.start', {
    form,
    success: '入住手续已开始:请发门禁卡,业主核对后签字',
    onSuccess: (m) => {
      form.resetFields()
      setOpenId(m.id)
    },
  })
  // One registered owner: taken at once (the usual case); several: the clerk picks.
  useEffect(() => {
    if (owners.length === 1 && !form.getFieldValue('ownerResidentId')) form.setFieldValue('ownerResidentId', owners[0].id)
  }, [owners, form])
  const open = list.data?.find((m) => m.id === openId)
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="move-in-page">
      {open ? (
        <MoveInDetail moveIn={open} documents={docs.data ?? []} onClose={() => {
            setOpenId(null)
            if (id) go('/moveIn')
          }} />
      ) : (
        <Card size="small" title="办理入住" data-testid="move-in-start">
          <div onKeyDownCapture={enterSubmits(() => form.submit())}>
            <Form
              form={form}
              name="moveInStart"
              layout="vertical"
              initialValues={{ ...EMPTY_CHECKLIST, doorKeys: 3, mailboxKeys: 1, electricityCards: 1, waterCards: 1 }}
              onFinish={async (v) => {
                if (!v.unitId) await unitRef.current?.resolve()
                const id = form.getFieldValue('unitId')
                if (!id) return
                start.mutate({ ...v, unitId: id, ownerResidentId: v.ownerResidentId ?? '', documents: v.documents ?? [], note: v.note || undefined })
              }}
            >
              <Row gutter={12}>
                <Col span={8}>
                  <Form.Item name="unitId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
                    <UnitPicker handle={unitRef} onChange={() => form.setFieldValue('ownerResidentId', undefined)} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="ownerResidentId" label="新业主" rules={[{ required: true, message: '请选择新业主(住户登记中的业主)' }]} extra={unitId && unit.data && !owners.length ? '该房屋尚未登记业主,请先在房屋住户中登记' : undefined}>
                    <Select placeholder={unitId ? '选择登记的业主' : '先选房屋'} options={owners.map((o) => ({ value: o.id, label: o.name }))} />
                  </Form.Item>
                </Col>
              </Row>
              <ChecklistFields documents={docs.data ?? []} />
              <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="move-in-start-save">
                开始办理(Enter)
              </Button>
            </Form>
          </div>
        </Card>
      )}
      <Card size="small" title="入住手续记录">
        <Table<MoveInRow>
          rowKey="id"
          size="small"
          data-testid="move-in-list"
          loading={list.isLoading}
          dataSource={list.data}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有入住手续' }}
          columns={[
            { title: '编号', dataIndex: 'serial', width: 120 },
            { title: '房屋', dataIndex: 'unitLabel' },
            { title: '新业主', dataIndex: 'ownerName' },
            { title: '门禁卡', render: (_, m) => m.cards.map((c) => c.cardNo).join('、') || '—' },
            { title: '办理', render: (_, m) => `${short(m.startedAt)} · ${m.staffName}`, width: 160 },
            { title: '状态', width: 150, render: (_, m) => (m.signedAt ? <Tag color="green">业主已签字 {short(m.signedAt)}</Tag> : <Tag color="orange">办理中</Tag>) },
            {
              title: '操作',
              width: 150,
              render: (_, m) => (
                <Space size={4}>
                  {!m.signedAt && <Button size="small" type="primary" onClick={() => setOpenId(m.id)}>继续办理</Button>}
                  <Button size="small" onClick={() => void printDoc('moveIn.print', { id: m.id })}>打印</Button>
                </Space>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">交付资料清单在 项目设置 › 入住与家居服务 中维护。</Typography.Text>
      </Card>
    </Space>
  )
}
