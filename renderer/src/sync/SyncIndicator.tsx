import { useQueryClient } from '@tanstack/react-query'
import { Tag, Tooltip } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useRef } from 'react'
import { useDesk } from '../api/hooks'
import { go } from '../router'

/**
 * The header's sync state for every clerk: 已同步 / 待同步 N 条 / 离线 since when, and a clock warning.
 * Nothing on a terminal that works alone (or cannot sync at all). The administrator clicks through to
 * 终端与同步.
 */
export function SyncIndicator({ canOpen }: { canOpen: boolean }) {
  // A terminal that cannot sync (no certificate, host mode without the sync door) answers with a refusal:
  // stop asking. Any other failure (a busy moment, a lost request) only slows the asking down — the
  // screens learn of arrived records from here, so it must not stop for good.
  const status = useDesk('sync.status', {}, { refetchInterval: (q) => (q.state.error?.code === 'RULE' ? false : q.state.status === 'error' ? 10_000 : 3000), retry: false })
  // Records that arrived from another terminal: every screen reads its data again (a log entry made
  // at the back office shows on the front desk's list within seconds, without a reload).
  const qc = useQueryClient()
  const seen = useRef<number | null>(null)
  const received = status.data?.received
  useEffect(() => {
    if (received === undefined) return
    if (seen.current !== null && received > seen.current) void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'sync.status' })
    seen.current = received
  }, [received, qc])
  const s = status.data?.summary
  if (!s || s.state === 'single') return null
  const open = canOpen ? () => go('/sync') : undefined
  const tag =
    s.state === 'inSync' ? (
      <Tag color="green">已同步</Tag>
    ) : s.state === 'waiting' ? (
      <Tag color="blue">待同步 {s.waiting} 条</Tag>
    ) : (
      <Tag color="orange">离线{s.offlineSince ? ` · 自 ${dayjs(s.offlineSince).format('HH:mm')}` : ''}</Tag>
    )
  const title = s.state === 'offline' ? '其他终端连不上:本机照常工作,恢复连接后自动同步' : s.state === 'waiting' ? '正在与其他终端交换记录' : '各终端的记录一致'
  return (
    <span data-testid="sync-indicator" style={{ cursor: open ? 'pointer' : undefined, whiteSpace: 'nowrap' }} onClick={open}>
      <Tooltip title={title}>{tag}</Tooltip>
      {s.clockWarning && (
        <Tooltip title={s.clockWarning}>
          <Tag color="red" data-testid="sync-clock">
            时钟偏差
          </Tag>
        </Tooltip>
      )}
    </span>
  )
}
