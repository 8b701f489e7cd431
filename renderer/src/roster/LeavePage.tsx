import { CheckOutlined, CloseOutlined, SendOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, DatePicker, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import dayjs from 'dayjs'
import { useState } from 'react'
import { DUTY_ROLES, LEAVE_KINDS, LEAVE_KIND_LABELS, LEAVE_STATUS_LABELS, SUPERVISES, type LeaveStatus } from '../../../shared/duty/kinds'
import { leaveDecideInput, leaveRequestInput, type LeaveRow } from '../../../shared/duty/rosterSchema'
import { monthOfDate } from '../../../shared/time/calendar'
import { localDateTime } from '../../../shared/time/zone'
import type { Role } from '../../../shared/roles'
import type { SessionInfo } from '../../../shared/staff/schema'
import { coreNow } from '../api/useCoreNow'
import { useDesk, useDeskMutation } from '../api/hooks'
import { useLastSubject } from '../forms/lastSubject'
import { zodRule } from '../forms/zodRule'
import { dateLabel, shiftTitle, siteToday } from './rosterText'

const STATUS_COLORS: Record<LeaveStatus, string> = { pending: 'gold', approved: 'green', refused: 'red', cancelled: 'default' }
const SEES_ALL: readonly Role[] = ['admin', 'supervisor', 'director']
const kindOptions = LEAVE_KINDS.map((k) => ({ value: k, label: LEAVE_KIND_LABELS[k] }))
const r = leaveRequestInput.shape

/** A DatePicker bound to a 'YYYY-MM-DD' string, so the shared zod date rule checks the form. */
const dateValue = {
  getValueProps: (v?: string) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d?: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : undefined),
}

/**
 * 请假/调休/替班/换班: everyone asks (at least one day ahead, for a day they are rostered); only the
 * 客服主管 approves and arranges who takes the shift — 任何值班人员不得擅自安排替值/换值班.
 */
export function LeavePage({ me }: { me: SessionInfo }) {
  const site = useDesk('site.get', {})
  const today = siteToday(coreNow(), site.data?.timeZone)
  const roles = me.staff.roles
  const supervises = roles.some((x) => SUPERVISES.includes(x))
  const seesAll = roles.some((x) => SEES_ALL.includes(x))
  const at = (iso: string | null) => (iso ? (site.data ? localDateTime(iso, site.data.timeZone) : dayjs(iso).format('YYYY-MM-DD HH:mm')) : '')
  const shiftName = (code: string | null) => (code ? (site.data?.shifts.find((p) => p.code === code)?.name ?? code) : '')
  const outcome = (l: LeaveRow) =>
    l.status !== 'approved'
      ? ''
      : l.kind === 'swap' && l.substituteName
        ? `与 ${l.substituteName} 换班(${l.swapDate ? dateLabel(l.swapDate) : ''} ${shiftName(l.swapShiftCode)})`
        : l.substituteName
          ? `由 ${l.substituteName} 替班`
          : '班次空出'
  const common: ColumnsType<LeaveRow> = [
    { title: '类型', dataIndex: 'kind', width: 64, render: (k: LeaveRow['kind']) => LEAVE_KIND_LABELS[k] },
    { title: '日期', dataIndex: 'date', width: 104, render: (d: string) => dateLabel(d) },
    { title: '班次', dataIndex: 'shiftName', width: 64 },
    { title: '事由', dataIndex: 'reason', ellipsis: true },
    { title: '状态', dataIndex: 'status', width: 80, render: (s: LeaveStatus) => <Tag color={STATUS_COLORS[s]}>{LEAVE_STATUS_LABELS[s]}</Tag> },
  ]
  const decision: ColumnsType<LeaveRow> = [
    {
      title: '审批',
      render: (_, l) =>
        l.decidedAt ? (
          <Typography.Text style={{ fontSize: 12 }}>
            {l.decidedByName} {at(l.decidedAt)}
            {outcome(l) && <div>{outcome(l)}</div>}
            {l.note && <div style={{ color: '#666' }}>意见:{l.note}</div>}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ]

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="leave-page">
      <Row gutter={16}>
        <Col span={8}>
          <RequestCard me={me} today={today} />
        </Col>
        <Col span={16}>
          <MyRequests columns={[...common, ...decision]} />
        </Col>
      </Row>
      {supervises && <ApprovalQueue me={me} today={today} at={at} columns={common} />}
      {seesAll && <MonthList today={today} columns={[{ title: '申请人', dataIndex: 'staffName', width: 80 }, ...common, ...decision]} />}
    </Space>
  )
}

function RequestCard({ me, today }: { me: SessionInfo; today: string }) {
  const [form] = Form.useForm()
  const date: string | undefined = Form.useWatch('date', form)
  const kind: LeaveRow['kind'] | undefined = Form.useWatch('kind', form)
  const roster = useDesk('roster.get', { month: monthOfDate(date ?? today) }, { enabled: !!date })
  const request = useDeskMutation('leave.request', { form, success: '申请已提交,等待客服主管审批', onSuccess: () => form.resetFields() })
  const mine = date && roster.data ? roster.data.slots.find((s) => s.staffId === me.staff.id && s.date === date) : undefined
  const pattern = mine && roster.data?.shifts.find((p) => p.code === mine.shiftCode)
  const hint =
    !date || !roster.data
      ? '须至少提前一天申请'
      : roster.data.status !== 'published'
        ? `${monthOfDate(date)} 排班表尚未发布`
        : mine
          ? `当天班次:${pattern ? shiftTitle(pattern) : mine.shiftName}`
          : '你在该日没有排班'
  return (
    <Card size="small" title="提交申请" data-testid="leave-request">
      <Form form={form} layout="vertical" initialValues={{ kind: 'leave' }} onFinish={(v) => request.mutate({ kind: v.kind, date: v.date, reason: v.reason })}>
        <Form.Item name="kind" label="申请类型" rules={[zodRule(r.kind)]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={kindOptions} />
        </Form.Item>
        <Form.Item name="date" label="日期" rules={[zodRule(r.date)]} extra={hint} {...dateValue}>
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" disabledDate={(d) => d.format('YYYY-MM-DD') < today} placeholder="选择要请假/调换的值班日期" />
        </Form.Item>
        <Form.Item name="reason" label="事由" rules={[zodRule(r.reason)]}>
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Alert
          type="info"
          style={{ marginBottom: 12, fontSize: 12 }}
          message={
            kind === 'cover' || kind === 'swap'
              ? `${LEAVE_KIND_LABELS[kind]}由客服主管审批时安排替班人${kind === 'swap' ? '和换班日期' : ''},申请人不能自行指定(任何值班人员不得擅自安排替值/换值班)。`
              : '替班人由客服主管审批时安排,申请人不能自行指定。'
          }
        />
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={request.isPending}>
          提交申请
        </Button>
      </Form>
    </Card>
  )
}

function MyRequests({ columns }: { columns: ColumnsType<LeaveRow> }) {
  const list = useDesk('leave.list', { mine: true })
  const cancel = useDeskMutation('leave.cancel', { success: '申请已撤回' })
  return (
    <Card size="small" title="我的申请">
      <Table<LeaveRow>
        rowKey="id"
        size="small"
        data-testid="my-leave"
        loading={list.isLoading}
        dataSource={list.data ? [...list.data].reverse() : undefined}
        pagination={{ pageSize: 8, hideOnSinglePage: true }}
        locale={{ emptyText: '还没有申请' }}
        columns={[
          ...columns,
          {
            title: '操作',
            width: 64,
            render: (_, l) =>
              l.status === 'pending' && (
                <Popconfirm title="撤回这条申请?" okText="撤回" cancelText="取消" onConfirm={() => cancel.mutate({ id: l.id })}>
                  <Button size="small">撤回</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  )
}

type Deciding = { req: LeaveRow; approve: boolean } | null

function ApprovalQueue({ me, today, at, columns }: { me: SessionInfo; today: string; at: (iso: string) => string; columns: ColumnsType<LeaveRow> }) {
  const queue = useDesk('leave.list', { status: 'pending' })
  const [deciding, setDeciding] = useState<Deciding>(null)
  return (
    <Card size="small" title={`待审批${queue.data?.length ? `(${queue.data.length})` : ''}`} data-testid="leave-queue">
      <Table<LeaveRow>
        rowKey="id"
        size="small"
        loading={queue.isLoading}
        dataSource={queue.data}
        pagination={false}
        locale={{ emptyText: '没有待审批的申请' }}
        columns={[
          { title: '申请人', dataIndex: 'staffName', width: 80 },
          ...columns,
          { title: '申请时间', dataIndex: 'requestedAt', width: 128, render: (t: string) => at(t) },
          {
            title: '操作',
            width: 150,
            render: (_, l) =>
              l.staffId === me.staff.id ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  本人申请,须另一位客服主管审批
                </Typography.Text>
              ) : (
                <Space>
                  <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setDeciding({ req: l, approve: true })}>
                    批准
                  </Button>
                  <Button size="small" danger icon={<CloseOutlined />} onClick={() => setDeciding({ req: l, approve: false })}>
                    不批准
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <DecideModal deciding={deciding} today={today} onClose={() => setDeciding(null)} />
    </Card>
  )
}

const d = leaveDecideInput.shape

function DecideModal({ deciding: current, today, onClose }: { deciding: Deciding; today: string; onClose: () => void }) {
  const [form] = Form.useForm()
  const deciding = useLastSubject(current)
  const req = deciding?.req
  const approve = deciding?.approve ?? true
  const roster = useDesk('roster.get', { month: monthOfDate(req?.date ?? today) }, { enabled: !!req })
  const substituteId: string | undefined = Form.useWatch('substituteId', form)
  const decide = useDeskMutation('leave.decide', { form, success: approve ? '已批准,排班表已更新' : '已不批准', onSuccess: () => (form.resetFields(), onClose()) })
  if (!req) return null
  const label = LEAVE_KIND_LABELS[req.kind]
  const swap = req.kind === 'swap'
  const needsSub = req.kind === 'cover' || swap
  const slots = roster.data?.slots ?? []
  const slotOf = (staffId: string, date: string) => slots.find((s) => s.staffId === staffId && s.date === date)
  const candidates = (roster.data?.staff ?? []).filter((s) => s.id !== req.staffId && s.active && s.roles.some((x) => DUTY_ROLES.includes(x as Role)))
  const swapDates = substituteId
    ? slots.filter((s) => s.staffId === substituteId && s.date > today && (s.date === req.date || !slotOf(req.staffId, s.date)))
    : []
  return (
    <Modal
      title={`${approve ? '批准' : '不批准'} · ${req.staffName} 的${label}申请`}
      open={!!current}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={approve ? '批准' : '不批准'}
      okButtonProps={{ danger: !approve }}
      confirmLoading={decide.isPending}
      destroyOnHidden
      forceRender
    >
      <Typography.Paragraph>
        {dateLabel(req.date)} {req.shiftName} · 事由:{req.reason}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => decide.mutate({ id: req.id, approve, note: v.note || undefined, ...(approve ? { substituteId: v.substituteId || undefined, swapDate: v.swapDate || undefined } : {}) })}
        data-testid="decide-form"
      >
        {approve && (
          <>
            <Form.Item
              name="substituteId"
              label={swap ? '换班对象' : needsSub ? '替班人' : '替班人(可不选)'}
              rules={needsSub ? [{ required: true, message: `${label}须由客服主管安排替班人` }, zodRule(d.substituteId)] : []}
              extra={needsSub ? undefined : '不选则批准后该班次空出,请确认当天仍有人值班'}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={roster.isLoading}
                onChange={() => form.setFieldValue('swapDate', undefined)}
                options={candidates.map((s) => {
                  const busy = slotOf(s.id, req.date)
                  return {
                    value: s.id,
                    label: `${s.name}(${s.staffNo})${busy ? ` · 当天${busy.shiftName}` : ' · 当天休息'}`,
                    disabled: !swap && !!busy,
                  }
                })}
                data-testid="substitute"
              />
            </Form.Item>
            {swap && (
              <Form.Item name="swapDate" label="换班日期(对方的班次,由申请人顶替)" rules={[{ required: true, message: '换班须选择替班人的换班日期' }]}>
                <Select
                  disabled={!substituteId}
                  placeholder={substituteId ? '选择对方的值班日期' : '先选择换班对象'}
                  options={swapDates.map((s) => ({ value: s.date, label: `${dateLabel(s.date)} ${s.shiftName}` }))}
                  notFoundContent="对方本月没有可换的班次"
                />
              </Form.Item>
            )}
          </>
        )}
        <Form.Item name="note" label={approve ? '审批意见(可空)' : '不批准原因'} rules={approve ? [zodRule(d.note)] : [{ required: true, whitespace: true, message: '请填写不批准的原因' }, zodRule(d.note)]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function MonthList({ today, columns }: { today: string; columns: ColumnsType<LeaveRow> }) {
  const [month, setMonth] = useState(monthOfDate(today))
  const list = useDesk('leave.list', { month })
  const decided = list.data?.filter((l) => l.status !== 'pending')
  return (
    <Card
      size="small"
      title={`${month} 已处理的申请`}
      extra={<DatePicker picker="month" allowClear={false} value={dayjs(month + '-01')} format="YYYY年MM月" onChange={(m) => m && setMonth(m.format('YYYY-MM'))} />}
      data-testid="leave-month"
    >
      <Table<LeaveRow> rowKey="id" size="small" loading={list.isLoading} dataSource={decided} pagination={{ pageSize: 10, hideOnSinglePage: true }} locale={{ emptyText: '本月没有已处理的申请' }} columns={columns} />
    </Card>
  )
}
