import { Alert, Button } from 'antd'
import { useDesk } from '../api/hooks'
import { go } from '../router'
import { clockNow } from './ClockTags'
import { useServerNow } from './useServerNow'

/** The duty desk's one line on repairs: how many are open and how many are late now. */
export function OpenRepairsBar() {
  const open = useDesk('repair.open', {}, { refetchInterval: 30_000 })
  const now = useServerNow(open.data?.now, open.dataUpdatedAt)
  const rows = open.data?.rows ?? []
  if (!rows.length) return null
  const late = rows.filter((r) => r.clocks.some((c) => ['late', 'breached'].includes(clockNow(c, now).state))).length
  return (
    <Alert
      data-testid="open-repairs-bar"
      type={late ? 'error' : 'info'}
      showIcon
      message={`未结报修 ${rows.length} 单${late ? `,其中超时 ${late} 单` : ''}`}
      action={<Button size="small" onClick={() => go('/repairs')}>去报修台</Button>}
    />
  )
}
