import { Input, InputNumber, Table, Tag, Typography } from 'antd'
import type { CountLine, HandoverView } from '../../../shared/duty/handoverSchema'
import { useDeskMutation } from '../api/hooks'

const yuan = (fen: number) => (fen / 100).toFixed(2)
const show = (c: CountLine, v: number | null) => (v === null ? '—' : c.unit === 'fen' ? `${yuan(v)} 元` : String(v))

/**
 * 清点交接物品: both clerks enter what they counted; a difference shows in red and needs a written
 * explanation (the core escalates it to the supervisor at signing). Money is typed in 元, kept in fen.
 */
export function HandoverCounts({ view, editable }: { view: HandoverView; editable: boolean }) {
  const count = useDeskMutation('handover.count')
  const explain = useDeskMutation('handover.explain')
  const input = (c: CountLine, side: 'outgoing' | 'incoming') => {
    const v = c[side]
    if (!editable) return show(c, v)
    return (
      <InputNumber
        key={`${c.code}-${side}-${v}`}
        aria-label={`${c.name}${side === 'outgoing' ? '交班清点' : '接班清点'}`}
        data-testid={`count-${c.code}-${side}`}
        min={0}
        precision={c.unit === 'fen' ? 2 : 0}
        defaultValue={v === null ? undefined : c.unit === 'fen' ? v / 100 : v}
        addonAfter={c.unit === 'fen' ? '元' : undefined}
        style={{ width: 140 }}
        onBlur={(e) => {
          const raw = e.target.value.trim()
          const n = raw === '' ? null : Number(raw)
          const next = n === null || Number.isNaN(n) ? null : c.unit === 'fen' ? Math.round(n * 100) : n
          if (next !== v) count.mutate({ id: view.id, itemCode: c.code, side, count: next })
        }}
      />
    )
  }
  return (
    <Table<CountLine>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={view.counts}
      data-testid="handover-counts"
      rowClassName={(c) => (c.difference ? 'row-difference' : '')}
      columns={[
        { title: '物品', dataIndex: 'name', width: 120 },
        { title: '应有', width: 110, render: (_, c) => <>{show(c, c.expected)}{c.carry && <Typography.Text type="secondary">(上班结转)</Typography.Text>}</> },
        { title: '交班清点', width: 170, render: (_, c) => input(c, 'outgoing') },
        { title: '接班清点', width: 170, render: (_, c) => input(c, 'incoming') },
        { title: '差异', width: 80, render: (_, c) => (c.difference ? <Tag color="red">有差异</Tag> : c.outgoing !== null && c.incoming !== null ? <Tag color="green">一致</Tag> : null) },
        {
          title: '差异说明',
          render: (_, c) =>
            c.difference ? (
              editable ? (
                <Input
                  key={`${c.code}-x-${c.explanation}`}
                  data-testid={`explain-${c.code}`}
                  status={c.explanation ? undefined : 'error'}
                  placeholder="必须写明差异原因(将自动上报客服主管)"
                  defaultValue={c.explanation ?? ''}
                  onBlur={(e) => {
                    const t = e.target.value.trim()
                    if (t && t !== c.explanation) explain.mutate({ id: view.id, itemCode: c.code, explanation: t })
                  }}
                />
              ) : (
                c.explanation
              )
            ) : null,
        },
      ]}
    />
  )
}
