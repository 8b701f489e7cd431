import { Button, Descriptions, Drawer, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd'
import { overdueText } from '../../../shared/keys/rules'
import { complaintStage } from '../../../shared/complaint/rules'
import {
  CALL_BACK_OUTCOME_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_DESK_ROLES,
  COMPLAINT_STEP_LABELS,
  DECIDES_VALIDITY,
  type ComplaintDetail,
  type ComplaintRow,
  type ComplaintSlipRow,
  type ComplaintStepRow,
} from '../../../shared/complaint/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { CallBackForm, CloseForm, NoteForm, SlipForm, ValidityForm } from './StepForms'
import dayjs from 'dayjs'

const t = (at: string | null) => (at ? dayjs(at).format('MM-DD HH:mm') : '')

export function StageTag({ c }: { c: ComplaintRow }) {
  const stage = complaintStage(c)
  return (
    <Space size={4}>
      {c.severity === 'major' && <Tag color="red">重大</Tag>}
      <Tag color={c.closedAt ? 'green' : 'orange'}>{stage}</Tag>
      {c.overdueMinutes > 0 && <Tag color="red">联系单逾期{overdueText(c.overdueMinutes)}</Tag>}
    </Space>
  )
}

const stepText = (s: ComplaintStepRow) =>
  s.kind === 'callBack'
    ? `${CALL_BACK_OUTCOME_LABELS[s.outcome!]}${s.note ? `:${s.note}` : ''}`
    : s.kind === 'validity'
      ? `${s.valid ? '有效投诉' : '无效投诉'}(${s.note})`
      : (s.note ?? '')

/** The tab of the step that comes next: slip → result → call-back → close. */
function nextStep(c: ComplaintDetail) {
  if (!c.resultAt) return c.slips.length ? 'result' : 'slip'
  if (!c.callBackAt || c.callBackAt < c.resultAt) return 'callBack'
  return 'close'
}

/** One complaint: what was received, its slips (printable), every step, and the forms for the next ones. */
export function ComplaintDrawer({ id, me, onClose }: { id: string | null; me: SessionInfo; onClose: () => void }) {
  const q = useDesk('complaint.get', { id: id ?? '' }, { enabled: !!id, refetchInterval: 30_000 })
  const c = q.data && q.data.id === id ? q.data : null
  const print = useDeskMutation('complaint.printSlip', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  const works = me.staff.roles.some((r) => COMPLAINT_DESK_ROLES.includes(r))
  const decides = me.staff.roles.some((r) => DECIDES_VALIDITY.includes(r))
  const tabs = c
    ? [
        ...(works && !c.closedAt
          ? [
              { key: 'slip', label: '开联系单', children: <SlipForm c={c} /> },
              { key: 'followUp', label: '跟进', children: <NoteForm c={c} kind="followUp" /> },
              { key: 'result', label: '处理结果', children: <NoteForm c={c} kind="result" /> },
              { key: 'callBack', label: '回访', children: <CallBackForm c={c} /> },
              { key: 'close', label: '办结', children: <CloseForm c={c} /> },
            ]
          : []),
        ...(decides ? [{ key: 'validity', label: '有效性判定', children: <ValidityForm c={c} /> }] : []),
      ]
    : []
  return (
    <Drawer open={!!id} width={780} title={c ? `投诉 ${c.serial}` : '投诉'} onClose={onClose} destroyOnHidden extra={c && <StageTag c={c} />}>
      {c && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="complaint-detail">
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label="投诉人">{c.complainant}{c.phone ? ` ${c.phone}` : ''}</Descriptions.Item>
            <Descriptions.Item label="房屋">{c.unitLabel ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="方式 · 时间">{COMPLAINT_CHANNEL_LABELS[c.channel]} · {dayjs(c.receivedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label="类别 · 部门">{c.category} · {c.department}</Descriptions.Item>
            <Descriptions.Item label="投诉内容" span={2}>{c.summary}</Descriptions.Item>
            <Descriptions.Item label="处理结果" span={2}>{c.result ?? <Typography.Text type="secondary">未登记</Typography.Text>}</Descriptions.Item>
            <Descriptions.Item label="回访">{c.callBackOutcome ? `${CALL_BACK_OUTCOME_LABELS[c.callBackOutcome]}${c.callBackNote ? `:${c.callBackNote}` : ''}` : '—'}</Descriptions.Item>
            <Descriptions.Item label="有效投诉">{c.valid == null ? '待主管判定' : `${c.valid ? '有效' : '无效'}(${c.validByName}:${c.validReason})`}</Descriptions.Item>
          </Descriptions>
          <Table<ComplaintSlipRow>
            size="small"
            rowKey="id"
            pagination={false}
            data-testid="complaint-slips"
            locale={{ emptyText: '尚未开具工作联系单' }}
            dataSource={c.slips}
            columns={[
              { title: '工作联系单', dataIndex: 'serial', width: 120 },
              { title: '接收部门', dataIndex: 'department', width: 90 },
              { title: '联系事项', dataIndex: 'request' },
              { title: '处理时限', render: (_, s) => t(s.deadlineAt), width: 100 },
              { title: '', width: 70, render: (_, s) => <Button size="small" onClick={() => print.mutate({ slipId: s.id })}>打印</Button> },
            ]}
          />
          <Timeline
            data-testid="complaint-steps"
            items={[
              { key: 'received', at: c.receivedAt, children: `${t(c.receivedAt)} 登记(${c.recordedByName})`, color: 'gray' },
              ...c.slips.map((s) => ({ key: s.id, at: s.issuedAt, children: `${t(s.issuedAt)} 开具工作联系单 ${s.serial} 至${s.department}(${s.issuedByName})`, color: 'blue' })),
              ...c.steps.map((s) => ({ key: s.id, at: s.at, children: `${t(s.at)} ${COMPLAINT_STEP_LABELS[s.kind]}${stepText(s) ? `:${stepText(s)}` : ''}(${s.staffName})`, color: s.kind === 'close' ? 'green' : 'blue' })),
            ]
              .sort((a, b) => a.at.localeCompare(b.at))
              .map(({ key, children, color }) => ({ key, children, color }))}
          />
          {tabs.length > 0 && <Tabs key={`${c.id}-${nextStep(c)}`} defaultActiveKey={c.closedAt ? 'validity' : nextStep(c)} items={tabs} destroyOnHidden data-testid="complaint-actions" />}
        </Space>
      )}
    </Drawer>
  )
}
