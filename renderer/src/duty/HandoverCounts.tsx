import { Input, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { CountLine, HandoverView } from '../../../shared/duty/handoverSchema'
import { countText, fenToYuanText, yuanText } from '../../../shared/validate/money'
import { useDeskMutation } from '../api/hooks'

const show = (c: CountLine, v: number | null) => (v === null ? '—' : c.unit === 'fen' ? `${fenToYuanText(v)} 元` : String(v))
const asText = (c: CountLine, v: number | null) => (v === null ? '' : c.unit === 'fen' ? fenToYuanText(v) : String(v))

/**
 * One count, typed as text and read by the shared money (or count) field: what is not an amount
 * gets a message here and is never sent, so a count already saved is never erased or rounded.
 */
function CountCell({ view, c, side }: { view: HandoverView; c: CountLine; side: 'outgoing' | 'incoming' }) {
  const saved = c[side]
  const label = `${c.name}${side === 'outgoing' ? '交班清点' : '接班清点'}`
  const [text, setText] = useState(asText(c, saved))
  const [error, setError] = useState<string | null>(null)
  const count = useDeskMutation('handover.count', { onSuccess: () => setError(null) })
  // A newer saved figure (ours or the other clerk's) replaces the text unless an error is on show
  // (adjusted while rendering, as React advises for state that follows a prop).
  const [shown, setShown] = useState(saved)
  if (shown !== saved) {
    setShown(saved)
    if (!error) setText(asText(c, saved))
  }
  const commit = () => {
    if (text.trim() === '') {
      setError(saved === null ? null : `${c.name}不能为空;原已保存 ${show(c, saved)},未改动`)
      return
    }
    const r = (c.unit === 'fen' ? yuanText(c.name) : countText(c.name)).safeParse(text)
    if (!r.success) {
      setError(`${r.error.issues[0].message}${saved === null ? '' : `;原已保存 ${show(c, saved)},未改动`}`)
      return
    }
    setError(null)
    if (r.data !== saved) count.mutate({ id: view.id, itemCode: c.code, side, count: r.data }, { onError: (e) => setError(e.message) })
  }
  return (
    <div>
      <Input
        aria-label={label}
        data-testid={`count-${c.code}-${side}`}
        inputMode="decimal"
        value={text}
        status={error ? 'error' : undefined}
        suffix={c.unit === 'fen' ? '元' : undefined}
        style={{ width: 150 }}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onPressEnter={commit}
      />
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, lineHeight: '18px', maxWidth: 200 }} data-testid={`count-${c.code}-${side}-error`} role="alert">
          {error}
        </Typography.Text>
      )}
    </div>
  )
}

/** Which columns the clerks type into now (signersOf(step): the sides whose clerks sign this step). */
export interface CountSides {
  outgoing: boolean
  incoming: boolean
}

/**
 * 清点交接物品: lines from the site settings and lines computed from the key register and the card
 * stock (来自登记记录: the expected figure is the records' at the start of the handover); both clerks enter what they counted; a difference shows in red and needs a written
 * explanation (the core escalates it to the supervisor at signing). Money is typed in 元, kept in fen.
 */
export function HandoverCounts({ view, sides }: { view: HandoverView; sides: CountSides }) {
  const explain = useDeskMutation('handover.explain')
  const editable = sides.outgoing || sides.incoming
  // Only the side being counted now takes typing: a closing has no incoming count yet, and the
  // morning's acceptance cannot change the closer's signed figures (the core refuses both too).
  const input = (c: CountLine, side: 'outgoing' | 'incoming') =>
    sides[side] ? (
      <CountCell view={view} c={c} side={side} />
    ) : (
      <span data-testid={`count-${c.code}-${side}-shown`}>{show(c, c[side])}</span>
    )
  return (
    <Table<CountLine>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={view.counts}
      data-testid="handover-counts"
      rowClassName={(c) => (c.difference ? 'row-difference' : '')}
      columns={[
        {
          title: '物品',
          width: 170,
          render: (_, c) => (
            <>
              <div>{c.name}</div>
              {c.fromRecords && (
                <Tag color="blue" style={{ marginTop: 2 }} data-testid={`from-records-${c.code}`}>
                  来自登记记录
                </Tag>
              )}
            </>
          ),
        },
        {
          title: '应有',
          width: 150,
          render: (_, c) => (
            <>
              <span data-testid={`expected-${c.code}`}>{show(c, c.expected)}</span>
              {c.carry && <Typography.Text type="secondary">(上班结转)</Typography.Text>}
              {c.detail && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {c.detail}
                </Typography.Text>
              )}
              {c.recordsNow !== null && (
                <Typography.Text type="warning" style={{ display: 'block', fontSize: 12 }} data-testid={`records-now-${c.code}`}>
                  交接开始后有借还或领用,现登记 {c.recordsNow}
                </Typography.Text>
              )}
            </>
          ),
        },
        { title: '交班清点', width: 210, render: (_, c) => input(c, 'outgoing') },
        { title: '接班清点', width: 210, render: (_, c) => input(c, 'incoming') },
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
