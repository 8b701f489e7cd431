import { Button, List, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef } from 'react'
import type { HandoverView } from '../../../shared/duty/handoverSchema'
import { overdueText } from '../../../shared/keys/rules'
import { useDeskMutation } from '../api/hooks'

/**
 * Keys overdue at the handover: the incoming clerk acknowledges each one (确认) before signing,
 * as with the open items. At a closing they are listed for the morning's clerk to acknowledge.
 */
export function HandoverOverdueKeys({ view, editable, closing }: { view: HandoverView; editable: boolean; closing: boolean }) {
  // After a 确认 the button gives way to a tag: the focus goes on to the next key's 确认, so a
  // clerk acknowledges several keys with Enter alone.
  const box = useRef<HTMLDivElement>(null)
  const justAcked = useRef(false)
  const ack = useDeskMutation('handover.ackKey', { onSuccess: () => (justAcked.current = true) })
  useEffect(() => {
    if (!justAcked.current) return
    justAcked.current = false
    box.current?.querySelector<HTMLButtonElement>('button[data-testid^="ack-key-"]')?.focus()
  }, [view.overdueKeys])
  const who = view.kind === 'dayClose' ? '次日接收人' : '接班人'
  return (
    <div ref={box}>
      {closing && view.overdueKeys.length > 0 && (
        <Typography.Paragraph type="secondary">以下钥匙逾期未还,由次日接收闭店交接的值班员逐把确认。</Typography.Paragraph>
      )}
      <List
        size="small"
        data-testid="handover-overdue-keys"
        dataSource={view.overdueKeys}
        locale={{ emptyText: '没有逾期未还的钥匙' }}
        renderItem={(k) => (
          <List.Item
            data-testid={`overdue-key-${k.tagNo}`}
            actions={[
              k.ack ? (
                <Tag color="green" key="a">
                  {who}已确认 {dayjs(k.ack.at).format('HH:mm')}
                </Tag>
              ) : editable ? (
                <Button
                  key="a"
                  type="primary"
                  size="small"
                  loading={ack.isPending && ack.variables?.loanId === k.loanId}
                  onClick={() => ack.mutate({ id: view.id, loanId: k.loanId })}
                  data-testid={`ack-key-${k.tagNo}`}
                  aria-label={`确认逾期钥匙 ${k.tagNo}号 ${k.keyName}`}
                >
                  确认
                </Button>
              ) : (
                <Tag key="a">{who}未确认</Tag>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="red">逾期{overdueText(k.overdueMinutes)}</Tag>
                  <span>
                    {k.tagNo}号 {k.keyName}
                  </span>
                  {k.hook && <Typography.Text type="secondary">挂钩 {k.hook}</Typography.Text>}
                  {k.closed && <Tag>已归还或报失</Tag>}
                </Space>
              }
              description={
                <span>
                  {k.borrowerName}
                  {k.company ? `(${k.company})` : ''}:{k.purpose} · 借出 {dayjs(k.lentAt).format('MM-DD HH:mm')} · 应还{' '}
                  <Typography.Text type="danger">{dayjs(k.dueAt).format('MM-DD HH:mm')}</Typography.Text>
                </span>
              }
            />
          </List.Item>
        )}
      />
    </div>
  )
}
