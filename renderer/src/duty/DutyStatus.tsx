import { Alert, Button, Card, Form, Modal, Space, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { custodyClash, doubleShifts, HANDOVER_KIND_LABELS } from '../../../shared/duty/handoverRules'
import { useDesk, useDeskMutation } from '../api/hooks'
import { DeskCallError } from '../api/transport'
import { go } from '../router'
import { SupervisorFields } from './SupervisorFields'

const hm = (iso: string) => dayjs(iso).format('MM-DD HH:mm')
const clock = (iso: string) => dayjs(iso).format('HH:mm')

/**
 * Who is on duty now (several clerks at once; the one holding the desk's items marked), my own
 * shift with start and handover, and a closing of the desk waiting for this morning's first clerk.
 */
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
  const clash = custodyClash(d.onDuty)
  const twice = doubleShifts(d.onDuty)
  return (
    <Card size="small" data-testid="duty-status">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap data-testid="on-duty">
          <Typography.Text type="secondary">在岗:</Typography.Text>
          {d.onDuty.length ? (
            d.onDuty.map((s) => (
              <Tag key={s.id} color={s.custody ? 'gold' : s.id === shift?.id ? 'green' : undefined}>
                {s.staffName} · {s.shiftName} {clock(s.startsAt)}–{clock(s.endsAt)}
                {s.custody ? ' · 保管前台物品' : ''}
                {!s.rostered ? ` · 非排班(${s.overrideByName}授权)` : ''}
              </Tag>
            ))
          ) : (
            <Tag>无人值班</Tag>
          )}
          {d.custodyDesk && (
            <Tooltip title="有多台终端时,只在物品所在的终端接管和交接前台物品(当面清点)">
              <Typography.Text type="secondary" data-testid="custody-desk">
                前台物品在 {d.custodyDesk.name}
                {d.custodyDesk.here ? '(本机)' : ''}
              </Typography.Text>
            </Tooltip>
          )}
        </Space>
        {clash && (
          <Alert
            type="error"
            showIcon
            data-testid="custody-clash"
            message={`前台物品同时由 ${clash.map((s) => s.staffName).join('、')} 保管`}
            description="两台终端断网期间各自有人开始值班,都接管了前台物品。请两人当面清点,由其中一人交班给另一人(交接班),之后只有一人保管。"
          />
        )}
        {twice.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="double-shifts"
            message={`${twice.join('、')} 有两个未交班的班次`}
            description="断网期间在两台终端各开始了一次值班,两边记录都已保留。请依次交班(每次交接一个班次,先早开始的)。"
          />
        )}
        {d.awaitingClose && !shift && (
          <Alert
            type="info"
            showIcon
            data-testid="awaiting-close"
            message={`${d.awaitingClose.outgoingName} 已于 ${hm(d.awaitingClose.closedAt)} 闭店(${d.awaitingClose.date} ${d.awaitingClose.shiftName})`}
            description="今天第一位到岗的值班员请先接收闭店交接:确认待跟进事项、清点物品,输入本人PIN签名后开始值班。"
            action={
              <Button type="primary" onClick={() => go(`/handover/${d.awaitingClose!.id}`)} data-testid="accept-close">
                接收闭店交接
              </Button>
            }
          />
        )}
        {d.handover && d.handover.outgoingName !== shift?.staffName && d.handover.kind === 'shift' && (
          <Alert
            type="warning"
            showIcon
            data-testid="handover-to-me"
            message={`${d.handover.outgoingName} 正在向您交班`}
            action={
              <Button type="primary" onClick={() => go(`/handover/${d.handover!.id}`)}>
                去接班
              </Button>
            }
          />
        )}
        {shift ? (
          <Space wrap>
            <Tag color="green">值班中</Tag>
            <Typography.Text strong>{shift.staffName}</Typography.Text>
            <Typography.Text>
              {shift.date} {shift.shiftName} {clock(shift.startsAt)}–{clock(shift.endsAt)}
            </Typography.Text>
            <Typography.Text type="secondary">开始于 {hm(shift.openedAt)}</Typography.Text>
            {shift.custody && <Tag color="gold">我保管前台物品</Tag>}
            {d.handover && (
              <Tag color="blue">
                {HANDOVER_KIND_LABELS[d.handover.kind]}进行中{d.handover.incomingName ? ` · 接班人 ${d.handover.incomingName}` : ''}
              </Tag>
            )}
            <Button type="primary" onClick={() => go('/handover')} data-testid="go-handover">
              {d.handover ? `继续${HANDOVER_KIND_LABELS[d.handover.kind]}` : '交接班 / 闭店'}
            </Button>
          </Space>
        ) : (
          !d.awaitingClose && (
            <Space wrap>
              <Typography.Text type="secondary">
                {d.rostered.length ? `排班:${d.rostered.map((r) => `${r.staffName}(${r.shiftName})`).join('、')}` : '当前时段没有排班'}
              </Typography.Text>
              <Tooltip title={d.onDuty.some((s) => s.custody) ? '前台物品由在岗同事保管;开始值班后用本人名义记录' : '第一位开始值班的人保管前台物品'}>
                <Button type="primary" onClick={begin} loading={start.isPending} data-testid="start-duty">
                  开始值班
                </Button>
              </Tooltip>
            </Space>
          )
        )}
        {d.overdue && (
          <Alert
            type="error"
            showIcon
            message="本班已超过交接时间仍未交接:接班人逾时未到岗接班,值班人不得离岗。请联系接班人或客服主管;当天最后一位值班员请闭店交接。"
          />
        )}
      </Space>
      <Modal title="非排班人员开始值班 · 客服主管授权" open={overrideOpen} onCancel={() => setOverrideOpen(false)} onOk={() => form.submit()} okText="授权并开始值班" confirmLoading={start.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => start.mutate({ override: v.override })}>
          <SupervisorFields />
        </Form>
      </Modal>
    </Card>
  )
}
