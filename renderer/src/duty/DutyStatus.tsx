import { Alert, Button, Card, Form, Modal, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useDesk, useDeskMutation } from '../api/hooks'
import { DeskCallError } from '../api/transport'
import { go } from '../router'
import { SupervisorFields } from './SupervisorFields'

const hm = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

/** Who is on duty now; start duty (with a supervisor's authorisation when not rostered); go to handover. */
export function DutyStatus() {
  const cur = useDesk('duty.current', {}, { refetchInterval: 60_000 })
  const [overrideOpen, setOverrideOpen] = useState(false)
  const [form] = Form.useForm()
  const start = useDeskMutation('duty.start', {
    form,
    success: '已开始值班',
    onSuccess: () => (setOverrideOpen(false), form.resetFields()),
  })
  const begin = () =>
    start.mutate(undefined, {
      onError: (e: DeskCallError) => {
        if (e.field === 'override') setOverrideOpen(true)
      },
    })
  const d = cur.data
  if (!d) return null
  const shift = d.shift
  return (
    <Card size="small" data-testid="duty-status">
      {shift ? (
        <Space wrap>
          <Tag color="green">值班中</Tag>
          <Typography.Text strong>{shift.staffName}</Typography.Text>
          <Typography.Text>
            {shift.date} {shift.shiftName} {dayjs(shift.startsAt).format('HH:mm')}–{dayjs(shift.endsAt).format('HH:mm')}
          </Typography.Text>
          <Typography.Text type="secondary">开始于 {hm(shift.openedAt)}</Typography.Text>
          {!shift.rostered && <Tag color="orange">非排班 · {shift.overrideByName}授权</Tag>}
          {d.handover && <Tag color="blue">交接进行中{d.handover.incomingName ? ` · 接班人 ${d.handover.incomingName}` : ''}</Tag>}
          <Button type="primary" onClick={() => go('/handover')} data-testid="go-handover">
            {d.handover ? '继续交接班' : '交接班'}
          </Button>
        </Space>
      ) : (
        <Space wrap>
          <Tag>无人值班</Tag>
          <Typography.Text type="secondary">
            {d.rostered.length ? `排班:${d.rostered.map((r) => `${r.staffName}(${r.shiftName})`).join('、')}` : '当前时段没有排班'}
          </Typography.Text>
          <Button type="primary" onClick={begin} loading={start.isPending} data-testid="start-duty">
            开始值班
          </Button>
        </Space>
      )}
      {d.overdue && (
        <Alert
          style={{ marginTop: 8 }}
          type="error"
          showIcon
          message="本班已超过交接时间仍未交接:接班人逾时未到岗接班,值班人不得离岗。请联系接班人或客服主管。"
        />
      )}
      <Modal title="非排班人员开始值班 · 客服主管授权" open={overrideOpen} onCancel={() => setOverrideOpen(false)} onOk={() => form.submit()} okText="授权并开始值班" confirmLoading={start.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => start.mutate({ override: v.override })}>
          <SupervisorFields />
        </Form>
      </Modal>
    </Card>
  )
}
