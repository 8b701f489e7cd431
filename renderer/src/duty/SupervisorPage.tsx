import { Alert, Button, Card, Checkbox, Col, Form, Input, List, Modal, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { ESCALATION_TARGET_LABELS, HANDLES_ESCALATIONS, QUALITY_ITEMS, QUALITY_ITEM_LABELS, SEES_OVERDUE, SPOT_CHECKS, SUPERVISES } from '../../../shared/duty/kinds'
import type { LogEntryRow, QualityRow, ReviewDay } from '../../../shared/duty/logSchema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { ComplaintQueue } from '../complaint/ComplaintQueue'
import { SEES_COMPLAINT_QUEUE } from '../../../shared/complaint/schema'
import { KeysOutCard } from '../keys/KeysOutCard'
import { DoubleUsesCard } from '../permit/DoubleUsesCard'
import { READS_AUDIT } from '../../../shared/roles'
import { go } from '../router'
import { EntriesTable } from './EntriesTable'
import { SpecialEventQueue, specialEventRole } from '../specialEvent/SpecialEventQueue'
import { useSupervisorCounts } from './SupervisorBadge'
import { coreNow } from '../api/useCoreNow'

const has = (me: SessionInfo, roles: readonly string[]) => me.staff.roles.some((r) => roles.includes(r))

/**
 * 主管工作台, the supervisor's own desk: what waits for them counted on top (escalations, days to
 * review, overdue handovers, permits waiting for their decision), then the queues themselves.
 */
export function SupervisorPage({ me }: { me: SessionInfo }) {
  const counts = useSupervisorCounts(me)
  const [tab, setTab] = useState<string>()
  const doubles = useDesk('permit.doubleUses', {}, { enabled: has(me, READS_AUDIT), refetchInterval: 60_000 })
  const tabs = [
    has(me, HANDLES_ESCALATIONS) && { key: 'esc', label: '待我处理的上报', children: <Escalations me={me} /> },
    has(me, SUPERVISES) && { key: 'review', label: '每日审阅', children: <Reviews /> },
    has(me, SPOT_CHECKS) && { key: 'quality', label: '质量检查', children: <Quality /> },
    has(me, SEES_OVERDUE) && { key: 'overdue', label: '超时未交接', children: <Overdue /> },
    { key: 'keys', label: '逾期未还的钥匙', children: <KeysOutCard overdueOnly /> },
    has(me, SEES_COMPLAINT_QUEUE) && { key: 'complaints', label: '重大/待判定投诉', children: <ComplaintQueue me={me} /> },
    specialEventRole(me) && { key: 'events', label: '待阅特殊事件', children: <SpecialEventQueue me={me} /> },
    has(me, READS_AUDIT) && { key: 'doubleUse', label: '重复放行(多终端)', children: <DoubleUsesCard /> },
  ].filter(Boolean) as Array<{ key: string; label: string; children: React.ReactNode }>
  const tiles = [
    has(me, HANDLES_ESCALATIONS) && { key: 'esc', title: '待我处理的上报', value: counts.escalations, open: () => setTab('esc') },
    has(me, SUPERVISES) && { key: 'review', title: '待审阅的日期', value: counts.daysToReview, open: () => setTab('review') },
    has(me, SEES_OVERDUE) && { key: 'overdue', title: '超时未交接', value: counts.overdue, open: () => setTab('overdue') },
    { key: 'permits', title: '待我审批的证件', value: counts.permits, open: () => go('/permits') },
    has(me, SEES_COMPLAINT_QUEUE) && { key: 'complaints', title: '重大/待判定投诉', value: counts.complaints, open: () => setTab('complaints') },
    specialEventRole(me) && { key: 'events', title: '待阅特殊事件', value: counts.specialEvents, open: () => setTab('events') },
    // Shown only when it happened (two terminals cut off from each other each took the same slip).
    !!doubles.data?.length && { key: 'doubleUse', title: '重复放行(多终端)', value: doubles.data.length, open: () => setTab('doubleUse') },
  ].filter(Boolean) as Array<{ key: string; title: string; value: number; open: () => void }>
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="supervisor-page">
      <Row gutter={12} data-testid="supervisor-counts">
        {tiles.map((t) => (
          <Col key={t.key} flex="1 1 0">
            <Card size="small" hoverable onClick={t.open} data-testid={`count-${t.key}`}>
              <Statistic title={t.title} value={t.value} valueStyle={{ color: t.value ? (t.key === 'overdue' || t.key === 'doubleUse' ? '#cf1322' : '#d46b08') : '#389e0d' }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card title="主管工作台">
        <Tabs items={tabs} activeKey={tab ?? tabs[0]?.key} onChange={setTab} />
      </Card>
    </Space>
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
      <Modal title={`审阅 ${day?.date ?? ''} 值班记录`} open={!!day} onCancel={() => setDay(null)} onOk={() => form.submit()} okText="标记已审阅" width={1100} forceRender>
        <Typography.Paragraph type="secondary">
          共 {day?.entryCount} 条记录,{day?.openCount} 项未关闭(按班次日期:夜班凌晨的记录属于上一日)。请阅读后标记已审阅。
        </Typography.Paragraph>
        {day && <DayEntries date={day.date} />}
        <Form form={form} layout="vertical" onFinish={(v) => mark.mutate({ date: day!.date, remark: v.remark || undefined })}>
          <Form.Item name="remark" label="审阅意见">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  )
}

/** Every entry of one (shift) date, as the supervisor signs it off. */
function DayEntries({ date }: { date: string }) {
  const q = useDesk('log.list', { from: date, to: date, page: 1, pageSize: 200 })
  const rows = [...(q.data?.rows ?? [])].sort((a, b) => a.at.localeCompare(b.at))
  return (
    <div style={{ maxHeight: 420, overflow: 'auto', marginBottom: 12 }} data-testid="review-entries">
      <EntriesTable rows={rows} loading={q.isLoading} canWrite={false} showShift />
      {q.data && q.data.total > rows.length && <Typography.Text type="warning">仅显示前 {rows.length} 条,共 {q.data.total} 条;全部记录请在"值班记录查询"中查看或打印。</Typography.Text>}
    </div>
  )
}

function Quality() {
  const list = useDesk('quality.list', {})
  const staff = useDesk('staff.list', {}, { retry: false })
  const roster = useDesk('roster.get', { month: dayjs(coreNow()).format('YYYY-MM') })
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
