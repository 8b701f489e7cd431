import { Alert, Button, Card } from 'antd'
import { useDesk } from '../api/hooks'
import { go } from '../router'
import { KeysOutTable } from './KeysOutTable'

/** The duty desk's card of keys out now (overdue first, in red); `overdueOnly` for the supervisor desk. */
export function KeysOutCard({ overdueOnly }: { overdueOnly?: boolean }) {
  const out = useDesk('keyLoan.out', {}, { refetchInterval: 60_000 })
  const rows = (out.data ?? []).filter((l) => !overdueOnly || l.overdueMinutes > 0)
  const overdue = (out.data ?? []).filter((l) => l.overdueMinutes > 0).length
  // Two terminals that lent the last copy offline (LAN sync): both loans kept, shown here to settle.
  const keys = useDesk('key.list', {})
  const overLent = (keys.data ?? []).filter((k) => k.overLent)
  return (
    <Card
      size="small"
      data-testid={overdueOnly ? 'keys-overdue-card' : 'keys-out-card'}
      title={overdueOnly ? `逾期未还的钥匙(${rows.length})` : `借出中的钥匙(${rows.length}${overdue ? `,逾期 ${overdue}` : ''})`}
      extra={<Button size="small" onClick={() => go('/keys')}>钥匙管理</Button>}
    >
      {overLent.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="keys-over-lent"
          message={`借出冲突:${overLent.map((k) => `${k.tagNo}号(${k.name})借出${k.out}把,只有${k.copies - k.lost}把`).join(';')}。请核实后收回多借的记录。`}
        />
      )}
      <KeysOutTable rows={rows} loading={out.isLoading} testId={overdueOnly ? 'keys-overdue' : 'keys-out'} />
    </Card>
  )
}
