import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Result, Space, Spin, Tag, Tooltip, Typography } from 'antd'
import dayjs from 'dayjs'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { LOG_KIND_LABELS, LOG_STATUS_LABELS, type LogKind, type LogStatus } from '../../../shared/duty/kinds'
import type { HandoverView } from '../../../shared/duty/handoverSchema'
import { HANDOVER_KIND_LABELS, HANDOVER_STATUS_LABELS, handoverStartRefusal, signersOf } from '../../../shared/duty/handoverRules'
import type { DutyShiftRow } from '../../../shared/duty/logSchema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { go } from '../router'
import { EntriesTable } from './EntriesTable'
import { HandoverChecklist } from './HandoverChecklist'
import { HandoverCounts } from './HandoverCounts'
import { HandoverHistory } from './HandoverHistory'
import { HandoverIncoming } from './HandoverIncoming'
import { HandoverOverdueKeys } from './HandoverOverdueKeys'
import { HandoverPending } from './HandoverPending'
import { SignatureBox } from './SignatureBox'

const hm = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

/**
 * 交接班 on one terminal: the outgoing clerk starts it, the incoming clerk (on duty or arriving) logs
 * in here, acknowledges every item handed over, and — when the outgoing clerk holds the desk's
 * items — checks the desk and both count; both sign with their PIN. 闭店交接: the last clerk of the
 * day closes alone; the next morning's first clerk accepts it here. Every step is saved as it
 * happens, so a crash resumes here.
 */
export function HandoverPage({ me, onSwitchUser, id }: { me: SessionInfo; onSwitchUser: (s: SessionInfo) => void; id?: string }) {
  const cur = useDesk('duty.current', {}, { enabled: !id })
  const handoverId = id ?? cur.data?.handover?.id
  const view = useDesk('handover.get', { id: handoverId ?? '' }, { enabled: !!handoverId })
  const start = useDeskMutation('handover.start')
  if (!id && cur.isLoading) return <Spin />
  if (!handoverId) {
    const d = cur.data
    if (!d?.shift)
      return (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {d?.awaitingClose ? (
            <Result
              status="info"
              title={`${d.awaitingClose.outgoingName} 已闭店,待接收`}
              subTitle="今天第一位到岗的值班员接收闭店交接后开始值班"
              extra={
                <Button type="primary" onClick={() => go(`/handover/${d.awaitingClose!.id}`)} data-testid="accept-close">
                  接收闭店交接
                </Button>
              }
            />
          ) : (
            <Result status="info" title="我当前没有值班班次" subTitle="开始值班后才能交接班" />
          )}
          <HandoverHistory />
        </Space>
      )
    const onDuty = onDutyOf(d.onDuty)
    const closeRefused = handoverStartRefusal('dayClose', { id: me.staff.id, name: me.staff.name }, onDuty)
    const others = d.onDuty.filter((s) => s.id !== d.shift!.id)
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title="交接班" data-testid="handover-page">
          <Space direction="vertical">
            <Typography.Text>
              交班人:{d.shift.staffName},{d.shift.date} {d.shift.shiftName}
              {d.shift.custody ? ',保管前台物品(交接时清点物品、检查前台环境)' : ',未保管前台物品(只移交本人经手的待跟进事项)'}
            </Typography.Text>
            <Typography.Text type="secondary">
              {others.length ? `在岗同事:${others.map((s) => `${s.staffName}(${s.shiftName})`).join('、')}。` : '目前没有其他同事在岗。'}
              接班人可以是在岗同事,也可以是下一班到岗的值班员(应提前15分钟到岗)。
            </Typography.Text>
            <Space wrap>
              <Button type="primary" loading={start.isPending} onClick={() => start.mutate({ kind: 'shift' })} data-testid="start-handover">
                交班给在岗或到岗同事
              </Button>
              <Tooltip title={closeRefused?.message ?? '当天最后一位值班员闭店:清点物品、检查前台、本人签名;次日第一位值班员接收'}>
                <Button disabled={!!closeRefused} loading={start.isPending} onClick={() => start.mutate({ kind: 'dayClose' })} data-testid="start-day-close">
                  闭店交接(当天最后一位)
                </Button>
              </Tooltip>
            </Space>
            {closeRefused && <Typography.Text type="secondary" data-testid="close-refused">闭店交接:{closeRefused.message}</Typography.Text>}
          </Space>
        </Card>
        <HandoverHistory />
      </Space>
    )
  }
  if (!view.data) return view.error ? <Result status="warning" title={view.error.message} /> : <Spin />
  return <HandoverBody v={view.data} me={me} onSwitchUser={onSwitchUser} />
}

const onDutyOf = (rows: DutyShiftRow[]) => rows.map((s) => ({ id: s.id, staffId: s.staffId, staffName: s.staffName, custody: s.custody }))

function HandoverBody({ v, me, onSwitchUser }: { v: HandoverView; me: SessionInfo; onSwitchUser: (s: SessionInfo) => void }) {
  const [form] = Form.useForm()
  const qc = useQueryClient()
  const [outSig, setOutSig] = useState<string>()
  const [inSig, setInSig] = useState<string>()
  // The closer sees her closing as done: the acceptance belongs to the next morning's clerk.
  const step = v.step === 'accept' && v.outgoing.id === me.staff.id ? null : v.step
  const need = step ? signersOf(step) : { outgoing: false, incoming: false }
  const sign = useDeskMutation('handover.sign', {
    form,
    success: step === 'close' ? '已闭店,待次日第一位值班员接收' : step === 'accept' ? '已接收闭店交接,开始值班' : '交接班已签名,本班结束',
    onSuccess: (r) => {
      // Stay on the record (to print it) while the desk passes to the incoming clerk.
      go(`/handover/${r.handover.id}`)
      if (r.incomingSession && r.incomingSession.staff.id !== me.staff.id) {
        onSwitchUser(r.incomingSession)
        // What the desk shows is per person now (my shift, my handover): read it again as the incoming clerk.
        void qc.invalidateQueries()
      }
    },
  })
  const print = useDeskMutation('print.handover', { onSuccess: (r) => downloadPdf(r.fileName, r.pdfBase64) })
  const closeDay = v.kind === 'dayClose'
  // Who may change what now: the closer does the checklist and the outgoing counts alone; the
  // morning's clerk acknowledges items and counts the incoming side once identified.
  const pendingEditable = (step === 'handover' || step === 'accept') && !!v.incoming
  const checklistEditable = step === 'close' || (step === 'handover' && !!v.incoming)
  const countsEditable = step === 'close' || ((step === 'handover' || step === 'accept') && !!v.incoming)
  const byKind = Object.entries(v.summary.byKind) as Array<[LogKind, number]>
  const byState = Object.entries(v.summary.byState) as Array<[LogStatus, number]>
  const title = HANDOVER_KIND_LABELS[v.kind]
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="handover-page">
      <Card
        title={
          <Space>
            {title}
            <Tag color={v.status === 'signed' ? 'green' : v.status === 'closed' ? 'gold' : 'blue'} data-testid="handover-status">
              {HANDOVER_STATUS_LABELS[v.status]}
            </Tag>
            {v.custody ? <Tag color="gold">含前台物品保管</Tag> : <Tag>只移交待跟进事项</Tag>}
            {v.integrity && !v.integrity.ok && <Tag color="red">记录被改动:{v.integrity.reason}</Tag>}
          </Space>
        }
        extra={
          v.status !== 'draft' && (
            <Button icon={<PrinterOutlined />} loading={print.isPending} onClick={() => print.mutate({ id: v.id })} data-testid="print-handover">
              打印交接班记录表
            </Button>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label={closeDay ? '闭店人' : '交班人'}>{v.outgoing.name}</Descriptions.Item>
          <Descriptions.Item label="交班班次">
            {v.outgoingShift.date} {v.outgoingShift.shiftName}({hm(v.outgoingShift.openedAt)} 起)
          </Descriptions.Item>
          <Descriptions.Item label={closeDay ? '闭店签名' : '开始交接'}>{closeDay ? (v.closedAt ? hm(v.closedAt) : '—') : hm(v.startedAt)}</Descriptions.Item>
          <Descriptions.Item label={closeDay ? '次日接收人' : '接班人'}>
            {v.incoming ? (
              <Space>
                {v.incoming.name}
                {v.incoming.onDuty && <Tag color="green">在岗</Tag>}
                {!v.incoming.rostered && <Tag color="orange">非排班 · {v.incoming.overrideByName}授权:{v.incoming.overrideReason}</Tag>}
              </Space>
            ) : step === 'close' ? (
              '次日第一位值班员'
            ) : (
              '未登录'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="接班班次">{v.incoming ? `${v.incoming.date} ${v.incoming.shiftName}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="签名时间">{v.signedAt ? hm(v.signedAt) : '—'}</Descriptions.Item>
        </Descriptions>
        {step === 'close' && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 8 }}
            message="闭店交接:由您清点物品、检查前台环境并签名。待跟进事项由次日第一位值班员确认接收;夜间无人值班,不计超时。"
          />
        )}
        {v.step === 'accept' && !step && (
          <Alert type="success" showIcon style={{ marginTop: 8 }} data-testid="closed-waiting" message="已闭店:本班已结束,记录已锁定。次日第一位到岗的值班员在值班台接收闭店交接后开始值班;夜间无人值班,不计超时。" />
        )}
        {(step === 'handover' || step === 'accept') && !v.incoming && <HandoverIncoming view={v} staffNo={step === 'accept' ? me.staff.staffNo : undefined} />}
      </Card>
      <Card size="small" title={`一、本班记录摘要(共 ${v.summary.total} 条)`}>
        <Space wrap style={{ marginBottom: 8 }}>
          {byKind.map(([k, n]) => (
            <Tag key={k}>
              {LOG_KIND_LABELS[k]} {n}
            </Tag>
          ))}
          {byState.map(([s, n]) => (
            <Tag key={s} color={s === 'done' ? 'green' : s === 'pending' ? 'orange' : 'red'}>
              {LOG_STATUS_LABELS[s]} {n}
            </Tag>
          ))}
        </Space>
        {v.summary.entries.length ? <EntriesTable rows={v.summary.entries} canWrite={false} /> : <Empty description="本班没有记录" />}
      </Card>
      <Card size="small" title={`二、移交的待跟进事项(${v.pending.length},接班人逐项确认)`}>
        <HandoverPending view={v} editable={pendingEditable} />
      </Card>
      {v.custody ? (
        <>
          <Card size="small" title={closeDay ? '三、前台环境检查(闭店人检查)' : '三、前台环境检查'}>
            <HandoverChecklist view={v} editable={checklistEditable} />
          </Card>
          <Card size="small" title="四、清点交接物品">
            {step === 'close' && <Typography.Paragraph type="secondary">闭店时只填写交班清点;接班清点由次日接收人填写。</Typography.Paragraph>}
            {step === 'accept' && <Typography.Paragraph type="secondary">交班清点为闭店时的数字(已签字);请填写接班清点,与闭店不符须写明原因。</Typography.Paragraph>}
            <HandoverCounts view={v} sides={countsEditable ? need : { outgoing: false, incoming: false }} />
          </Card>
          <Card size="small" title={`逾期未还钥匙(${v.overdueKeys.length},${closeDay ? '次日接收人' : '接班人'}逐把确认)`}>
            <HandoverOverdueKeys view={v} editable={pendingEditable} closing={step === 'close'} />
          </Card>
        </>
      ) : (
        <Alert type="info" showIcon message="交班人未保管前台物品:本次只移交其经手的待跟进事项,物品由保管人另行交接。" />
      )}
      {step && (
        <Card size="small" title={step === 'close' ? '五、闭店签名' : step === 'accept' ? '五、接收签名' : '五、双方签名'}>
          {v.problems.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="handover-problems"
              message={`还有 ${v.problems.length} 项未完成,不能签名`}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {v.problems.map((p) => (
                    <li key={p.field}>{p.message}</li>
                  ))}
                </ul>
              }
            />
          )}
          {v.drawnSignatureRequired && (
            <Space size="large" style={{ marginBottom: 12 }}>
              {need.outgoing && <SignatureBox label={`交班人 ${v.outgoing.name} 手写签名`} onChange={setOutSig} testId="sign-outgoing" />}
              {need.incoming && <SignatureBox label={`接班人 ${v.incoming?.name ?? ''} 手写签名`} onChange={setInSig} testId="sign-incoming" />}
            </Space>
          )}
          <Form
            form={form}
            layout="inline"
            onFinish={(x) =>
              sign.mutate({
                id: v.id,
                outgoingPin: need.outgoing ? x.outgoingPin : undefined,
                incomingPin: need.incoming ? x.incomingPin : undefined,
                outgoingSignature: need.outgoing ? outSig : undefined,
                incomingSignature: need.incoming ? inSig : undefined,
              })
            }
          >
            {need.outgoing && (
              <Form.Item name="outgoingPin" label={`交班人 ${v.outgoing.name} PIN`} rules={[{ required: true, message: '交班人PIN不能为空' }]}>
                <Input.Password autoComplete="off" style={{ width: 130 }} />
              </Form.Item>
            )}
            {need.incoming && (
              <Form.Item name="incomingPin" label={`接班人 ${v.incoming?.name ?? ''} PIN`} rules={[{ required: true, message: '接班人PIN不能为空' }]}>
                <Input.Password autoComplete="off" style={{ width: 130 }} />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" disabled={need.incoming && !v.incoming} loading={sign.isPending} data-testid="sign-handover">
              {step === 'close' ? '闭店签名' : step === 'accept' ? '接收闭店,开始值班' : '双方签名,完成交接'}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {step === 'close'
              ? '签名后本班结束、记录锁定,闭店清点与检查不可修改。'
              : `签名后交接记录不可修改${v.incoming && v.incoming.id !== me.staff.id ? `;本机将切换为接班人 ${v.incoming.name} 的登录` : ''}。当前登录:${me.staff.name}`}
          </Typography.Paragraph>
        </Card>
      )}
      {v.status === 'signed' && v.seq !== null && (
        <Typography.Text type="secondary">
          交接记录第 {v.no} 号 · 校验码 {v.hash?.slice(0, 16)}
        </Typography.Text>
      )}
    </Space>
  )
}
