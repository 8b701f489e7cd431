import { Alert, Button, Card, Checkbox, Form, Input, List, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { ESCALATION_TARGET_LABELS, HANDLES_ESCALATIONS, QUALITY_ITEMS, QUALITY_ITEM_LABELS, SEES_OVERDUE, SPOT_CHECKS, SUPERVISES } from '../../../shared/duty/kinds'
import type { LogEntryRow, QualityRow, ReviewDay } from '../../../shared/duty/logSchema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'

const has = (me: SessionInfo, roles: readonly string[]) => me.staff.roles.some((r) => roles.includes(r))

/** 主管工作台: escalations waiting for me, days to review, quality spot checks, overdue handovers. */
export function SupervisorPage({ me }: { me: SessionInfo }) {
  const tabs = [
    has(me, HANDLES_ESCALATIONS) && { key: 'esc', label: '待我处理的上报', children: <Escalations me={me} /> },
    has(me, SUPERVISES) && { key: 'review', label: '每日审阅', children: <Reviews /> },
    has(me, SPOT_CHECKS) && { key: 'quality', label: '质量检查', children: <Quality /> },
    has(me, SEES_OVERDUE) && { key: 'overdue', label: '超时未交接', children: <Overdue /> },
  ].filter(Boolean) as Array<{ key: string; label: string; children: React.ReactNode }>
  return (
    <Card title="主管工作台" data-testid="supervisor-page">
      <Tabs items={tabs} />
    </Card>
  )
}

function Escalations({ me }: { me: SessionInfo }) {
  const to = me.staff.roles.includes('supervisor') ? 'supervisor' : 'admin'
  const [target, setTarget] = useState<'admin' | 'supervisor'>(to)
  const q = useDesk('escalation.queue', { to: target })
  const [resolving, setResolving] = useState<LogEntryRow | null>(null)
  const [form] = Form.useForm()
  const resolve = useDeskMutation('escalation.resolve', { form, success: '已处理', onSuccess: () => (form.resetFields(), setResolving(null)) })
  return (
    <>
      <Select value={target} onChange={setTarget} style={{ width: 160, marginBottom: 8 }} options={(['supervisor', 'admin'] as const).map((t) => ({ value: t, label: `上报${ESCALATION_TARGET_LABELS[t]}` }))} />
      <List
        data-testid="escalation-queue"
        dataSource={q.data}
        locale={{ emptyText: '没有待处理的上报' }}
        renderItem={(e) => (
          <List.Item actions={[<Button key="r" type="primary" size="small" onClick={() => setResolving(e)}>处理</Button>]}>
            <List.Item.Meta
              title={
                <Space>
                  <Tag color="red">{e.escalatedTo ? ESCALATION_TARGET_LABELS[e.escalatedTo] : ''}</Tag>
                  {e.unitLabel}
                  <Typography.Text type="secondary">
                    {e.shiftDate} {e.shiftName} · {e.recordedByName} · {dayjs(e.at).format('HH:mm')}
                  </Typography.Text>
                </Space>
              }
              description={`${e.content}${e.action ? ` —— ${e.action}` : ''}`}
            />
          </List.Item>
        )}
      />
      <Modal title="处理上报事项" open={!!resolving} onCancel={() => setResolving(null)} onOk={() => form.submit()} okText="保存" forceRender>
        <Typography.Paragraph>{resolving?.content}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => resolve.mutate({ id: resolving!.id, note: v.note })}>
          <Form.Item name="note" label="处理意见" rules={[{ required: true, message: '处理意见不能为空' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}

function Reviews() {
  const q = useDesk('review.queue', {})
  const done = useDesk('review.list', {})
  const [day, setDay] = useState<ReviewDay | null>(null)
  const [form] = Form.useForm()
  const mark = useDeskMutation('review.mark', { form, success: '已审阅', onSuccess: () => (form.resetFields(), setDay(null)) })
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Table<ReviewDay>
        rowKey="date"
        size="small"
        pagination={false}
        data-testid="review-queue"
        dataSource={q.data}
        locale={{ emptyText: '没有待审阅的日期' }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '班次', dataIndex: 'shiftCount' },
          { title: '记录', dataIndex: 'entryCount' },
          { title: '未关闭', dataIndex: 'openCount', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
          { title: '', render: (_, d) => <Button size="small" type="primary" onClick={() => setDay(d)}>审阅</Button> },
        ]}
      />
      <Typography.Title level={5}>已审阅</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={done.data}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '审阅人', dataIndex: 'reviewerName' },
          { title: '时间', dataIndex: 'reviewedAt', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
          { title: '意见', dataIndex: 'remark' },
        ]}
      />
      <Modal title={`审阅 ${day?.date ?? ''} 值班记录`} open={!!day} onCancel={() => setDay(null)} onOk={() => form.submit()} okText="标记已审阅" forceRender>
        <Typography.Paragraph type="secondary">
          共 {day?.entryCount} 条记录,{day?.openCount} 项未关闭。可在"值班记录查询"中按日期查看全部记录。
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => mark.mutate({ date: day!.date, remark: v.remark || undefined })}>
          <Form.Item name="remark" label="审阅意见">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  )
}

function Quality() {
  const list = useDesk('quality.list', {})
  const staff = useDesk('staff.list', {}, { retry: false })
  const roster = useDesk('roster.get', { month: dayjs().format('YYYY-MM') })
  const people = staff.data ?? roster.data?.staff ?? []
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const add = useDeskMutation('quality.add', { form, success: '检查记录已保存', onSuccess: () => (form.resetFields(), setOpen(false)) })
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Button type="primary" onClick={() => setOpen(true)}>
          新增质量检查
        </Button>
        {list.data && <Typography.Text type="secondary">本周我已抽查 {list.data.myThisWeek} 次(客服主管每周至少3次)</Typography.Text>}
      </Space>
      <Table<QualityRow>
        rowKey="id"
        size="small"
        dataSource={list.data?.rows}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '时间', dataIndex: 'at', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
          { title: '检查人', dataIndex: 'checkedByName' },
          { title: '被检查人', dataIndex: 'clerkName' },
          { title: '不合格项', dataIndex: 'failedCount', render: (n: number, r) => (n ? <Tag color="red">{r.items.filter((i) => !i.ok).map((i) => QUALITY_ITEM_LABELS[i.item]).join('、')}</Tag> : <Tag color="green">全部合格</Tag>) },
          { title: '检查情况', dataIndex: 'findings' },
          { title: '整改要求', dataIndex: 'improvement' },
        ]}
      />
      <Modal title="质量检查记录" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="保存" width={640} forceRender>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ items: QUALITY_ITEMS.slice(0, 5).map((item) => ({ item, ok: true })) }}
          onFinish={(v) => add.mutate({ clerkId: v.clerkId, items: v.items.map((i: { item: string; ok: boolean; finding?: string }) => ({ ...i, ok: !!i.ok, finding: i.finding || undefined })), findings: v.findings || undefined, improvement: v.improvement || undefined })}
        >
          <Form.Item name="clerkId" label="被检查人" rules={[{ required: true, message: '请选择被检查人' }]}>
            <Select options={people.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
          <Form.List name="items">
            {(fields) =>
              fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'item']} style={{ width: 190, marginBottom: 6 }}>
                    <Select options={QUALITY_ITEMS.map((q) => ({ value: q, label: QUALITY_ITEM_LABELS[q] }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'ok']} valuePropName="checked" style={{ marginBottom: 6 }}>
                    <Checkbox>合格</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'finding']} style={{ width: 260, marginBottom: 6 }}>
                    <Input placeholder="不合格须写明问题" />
                  </Form.Item>
                </Space>
              ))
            }
          </Form.List>
          <Form.Item name="findings" label="检查情况">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="improvement" label="整改要求">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  )
}

function Overdue() {
  const q = useDesk('shift.overdue', {}, { refetchInterval: 60_000 })
  if (!q.data?.length) return <Alert type="success" showIcon message="没有超时未交接的班次" />
  return (
    <List
      dataSource={q.data}
      renderItem={(o) => (
        <List.Item>
          <Alert
            style={{ width: '100%' }}
            type="error"
            showIcon
            message={`${o.staffName} 的 ${o.date} ${o.shiftName} 已超过结束时间 ${o.overdueMinutes} 分钟仍未交接`}
            description={o.handoverId ? '交接已开始但未签名' : '尚未开始交接:接班人逾时未到岗,值班人不得离岗'}
          />
        </List.Item>
      )}
    />
  )
}
