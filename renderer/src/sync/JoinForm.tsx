import { AutoComplete, Button, Form, Input, Result, Space, Spin, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { joinBeginInput, type PairingPending } from '../../../shared/sync/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'
import { FingerprintCompare } from './FingerprintCompare'

const f = joinBeginInput.shape

/**
 * 加入已有项目, on a new terminal (no site yet): the address and one-time code shown by 添加终端 on a
 * terminal of the site → both certificates' fingerprints, compared with the other screen → once both
 * administrators confirmed, the site's records arrive by sync and the login screen follows (the same
 * staff numbers and PINs as on the other terminal).
 */
export function JoinForm({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm()
  const found = useDesk('sync.discover', {}, { retry: false, staleTime: 30_000 })
  const begin = useDeskMutation('sync.join.begin', { form })
  const confirm = useDeskMutation('sync.join.confirm')
  const [pending, setPending] = useState<PairingPending | null>(null)
  // After our confirmation: the sponsor's answer, then the site's first records.
  const waiting = pending?.state === 'waitingSponsor' || pending?.state === 'done'
  const state = useDesk('sync.join.state', {}, { enabled: waiting, refetchInterval: 1000, retry: false })
  const current = waiting ? (state.data ?? pending) : pending
  const arrived = useDesk('setup.status', {}, { enabled: current?.state === 'done', refetchInterval: 1000 })
  useEffect(() => {
    if (arrived.data && !arrived.data.needsSetup) onDone()
  }, [arrived.data, onDone])

  if (current?.state === 'done')
    return (
      <Result
        icon={<Spin size="large" />}
        title={`已加入项目(经由 ${current.sponsor.name})`}
        subTitle="正在接收本项目的数据,完成后显示登录页。请用与其他终端相同的工号和PIN登录。"
        data-testid="join-done"
      />
    )
  if (current?.state === 'refused' || current?.state === 'expired')
    return (
      <Result
        status="warning"
        title={current.state === 'refused' ? '配对已取消' : '配对已超时'}
        subTitle="请在已有终端上重新「添加终端」,再用新的配对码加入。"
        extra={<Button onClick={() => (setPending(null), begin.reset(), form.resetFields(['code']))}>重新输入</Button>}
        data-testid="join-refused"
      />
    )
  if (current)
    return (
      <Space direction="vertical" style={{ width: '100%' }} data-testid="join-confirm">
        <FingerprintCompare
          otherScreen="对方"
          rows={[
            { label: `对方终端 ${current.sponsor.name}`, fingerprint: current.sponsor.shortFingerprint, testId: 'join-fp-sponsor' },
            { label: `本终端 ${current.joiner.name}`, fingerprint: current.joiner.shortFingerprint, testId: 'join-fp-joiner' },
          ]}
        />
        {current.state === 'waitingSponsor' ? (
          <Space>
            <Spin size="small" />
            <Typography.Text type="secondary">本终端已确认,等待对方终端确认……</Typography.Text>
          </Space>
        ) : (
          <Space>
            <Button type="primary" autoFocus loading={confirm.isPending} onClick={() => confirm.mutate({ accept: true }, { onSuccess: setPending })} data-testid="join-accept">
              指纹一致,确认加入
            </Button>
            <Button danger onClick={() => confirm.mutate({ accept: false }, { onSuccess: setPending })} data-testid="join-refuse">
              不一致,取消
            </Button>
          </Space>
        )}
      </Space>
    )

  return (
    <Form form={form} layout="vertical" onFinish={(v) => begin.mutate(v, { onSuccess: setPending })} data-testid="join-form">
      <Typography.Paragraph type="secondary">
        本项目已有终端在用时:在那台电脑的「终端与同步」中点「添加终端」,把它显示的地址和配对码填在这里。本机加入后与它同步全部记录。
      </Typography.Paragraph>
      <Form.Item name="name" label="本终端名称" rules={[zodRule(f.name)]}>
        <Input autoFocus placeholder="如 二号前台" maxLength={20} />
      </Form.Item>
      <Form.Item name="address" label="对方地址" rules={[zodRule(f.address)]} extra={found.data?.length ? '已在局域网中找到以下终端,可直接选择' : undefined}>
        <AutoComplete options={(found.data ?? []).map((t) => ({ value: t.address, label: `${t.name} · ${t.address}` }))} placeholder="如 192.168.1.20:47800" />
      </Form.Item>
      <Form.Item name="code" label="配对码" rules={[zodRule(f.code)]}>
        <Input placeholder="对方屏幕上的 8 位数字" inputMode="numeric" maxLength={9} autoComplete="off" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={begin.isPending} data-testid="join-begin">
        申请加入
      </Button>
    </Form>
  )
}
