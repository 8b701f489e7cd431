import { PrinterOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Result, Space, Spin, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { LOG_KIND_LABELS, LOG_STATUS_LABELS, type LogKind, type LogStatus } from '../../../shared/duty/kinds'
import type { HandoverView } from '../../../shared/duty/handoverSchema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { go } from '../router'
import { EntriesTable } from './EntriesTable'
import { HandoverChecklist } from './HandoverChecklist'
import { HandoverCounts } from './HandoverCounts'
import { HandoverHistory } from './HandoverHistory'
import { HandoverIncoming } from './HandoverIncoming'
import { HandoverPending } from './HandoverPending'
import { SignatureBox } from './SignatureBox'

const hm = (iso: string) => dayjs(iso).format('MM-DD HH:mm')

/**
 * 交接班 on one terminal: the outgoing clerk starts it, the incoming clerk logs in here, acknowledges
 * every pending item, checks the desk, both count the items in custody, and both sign with their PIN.
 * Every step is saved as it happens, so a crash resumes here.
 */
export function HandoverPage({ me, onSwitchUser, id }: { me: SessionInfo; onSwitchUser: (s: SessionInfo) => void; id?: string }) {
  const cur = useDesk('duty.current', {}, { enabled: !id })
  const handoverId = id ?? cur.data?.handover?.id
  const view = useDesk('handover.get', { id: handoverId ?? '' }, { enabled: !!handoverId })
  const start = useDeskMutation('handover.start')
  if (!id && cur.isLoading) return <Spin />
  if (!handoverId) {
    if (!cur.data?.shift)
      return (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Result status="info" title="当前没有值班班次" subTitle="开始值班后才能交接班" />
          <HandoverHistory />
        </Space>
      )
    return (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="交接班" data-testid="handover-page">
        <Space direction="vertical">
          <Typography.Text>
            交班人:{cur.data.shift.staffName},{cur.data.shift.date} {cur.data.shift.shiftName}
          </Typography.Text>
          <Typography.Text type="secondary">接班人应提前15分钟到岗。开始交接后,接班人在本机登录,逐项确认待跟进事项、检查前台环境、双方清点物品并签名。</Typography.Text>
          <Button type="primary" loading={start.isPending} onClick={() => start.mutate({})} data-testid="start-handover">
            开始交接
          </Button>
        </Space>
      </Card>
      <HandoverHistory />
      </Space>
    )
  }
  if (!view.data) return view.error ? <Result status="warning" title={view.error.message} /> : <Spin />
  return <HandoverBody v={view.data} me={me} onSwitchUser={onSwitchUser} />
}

function HandoverBody({ v, me, onSwitchUser }: { v: HandoverView; me: SessionInfo; onSwitchUser: (s: SessionInfo) => void }) {
  const [form] = Form.useForm()
  const [outSig, setOutSig] = useState<string>()
  const [inSig, setInSig] = useState<string>()
  const sign = useDeskMutation('handover.sign', {
    form,
    success: '交接班已签名,本班结束',
    onSuccess: (r) => {
      // Stay on the signed record (to print it) while the desk passes to the incoming clerk.
      go(`/handover/${r.handover.id}`)
      onSwitchUser(r.incomingSession)
    },
  })
  const print = useDeskMutation('print.handover', { onSuccess: (r) => downloadPdf(r.fileName, r.pdfBase64) })
  const draft = v.status === 'draft'
  const editable = draft && !!v.incoming
  const byKind = Object.entries(v.summary.byKind) as Array<[LogKind, number]>
  const byState = Object.entries(v.summary.byState) as Array<[LogStatus, number]>
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="handover-page">
      <Card
        title={
          <Space>
            交接班
            {draft ? <Tag color="blue">进行中</Tag> : <Tag color="green">已签名</Tag>}
            {v.integrity && !v.integrity.ok && <Tag color="red">记录被改动:{v.integrity.reason}</Tag>}
          </Space>
        }
        extra={
          !draft && (
            <Button icon={<PrinterOutlined />} loading={print.isPending} onClick={() => print.mutate({ id: v.id })} data-testid="print-handover">
              打印交接班记录表
            </Button>
          )
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="交班人">{v.outgoing.name}</Descriptions.Item>
          <Descriptions.Item label="交班班次">
            {v.outgoingShift.date} {v.outgoingShift.shiftName}({hm(v.outgoingShift.openedAt)} 起)
          </Descriptions.Item>
          <Descriptions.Item label="开始交接">{hm(v.startedAt)}</Descriptions.Item>
          <Descriptions.Item label="接班人">
            {v.incoming ? (
              <Space>
                {v.incoming.name}
                {!v.incoming.rostered && <Tag color="orange">非排班 · {v.incoming.overrideByName}授权:{v.incoming.overrideReason}</Tag>}
              </Space>
            ) : (
              '未登录'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="接班班次">{v.incoming ? `${v.incoming.date} ${v.incoming.shiftName}` : '—'}</Descriptions.Item>
          <Descriptions.Item label="签名时间">{v.signedAt ? hm(v.signedAt) : '—'}</Descriptions.Item>
        </Descriptions>
        {draft && !v.incoming && <HandoverIncoming view={v} />}
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
      <Card size="small" title={`二、待跟进事项(${v.pending.length},接班人逐项确认)`}>
        <HandoverPending view={v} editable={editable} />
      </Card>
      <Card size="small" title="三、前台环境检查">
        <HandoverChecklist view={v} editable={editable} />
      </Card>
      <Card size="small" title="四、清点交接物品">
        <HandoverCounts view={v} editable={editable} />
      </Card>
      {draft && (
        <Card size="small" title="五、双方签名">
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
              <SignatureBox label={`交班人 ${v.outgoing.name} 手写签名`} onChange={setOutSig} testId="sign-outgoing" />
              <SignatureBox label={`接班人 ${v.incoming?.name ?? ''} 手写签名`} onChange={setInSig} testId="sign-incoming" />
            </Space>
          )}
          <Form form={form} layout="inline" onFinish={(x) => sign.mutate({ id: v.id, outgoingPin: x.outgoingPin, incomingPin: x.incomingPin, outgoingSignature: outSig, incomingSignature: inSig })}>
            <Form.Item name="outgoingPin" label={`交班人 ${v.outgoing.name} PIN`} rules={[{ required: true, message: '交班人PIN不能为空' }]}>
              <Input.Password autoComplete="off" style={{ width: 130 }} />
            </Form.Item>
            <Form.Item name="incomingPin" label={`接班人 ${v.incoming?.name ?? ''} PIN`} rules={[{ required: true, message: '接班人PIN不能为空' }]}>
              <Input.Password autoComplete="off" style={{ width: 130 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={!v.incoming} loading={sign.isPending} data-testid="sign-handover">
              双方签名,完成交接
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            签名后交接记录不可修改;本机将切换为接班人 {v.incoming?.name ?? ''} 的登录。当前登录:{me.staff.name}
          </Typography.Paragraph>
        </Card>
      )}
      {!draft && v.seq !== null && (
        <Typography.Text type="secondary">
          交接记录第 {v.seq} 号 · 校验码 {v.hash?.slice(0, 16)}
        </Typography.Text>
      )}
    </Space>
  )
}
