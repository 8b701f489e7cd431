import { Space, Tag } from 'antd'
import { clockAt } from '../../../shared/reception/clock'
import { clockText, type RepairClockView } from '../../../shared/repair/clocks'

/** A clock as of `now`: a running one recomputed from its due instant, a stopped one as stored. */
export function clockNow(c: RepairClockView, now: Date): RepairClockView {
  return c.stoppedAt ? c : { ...c, ...clockAt({ startedAt: c.dueAt, dueAt: c.dueAt, stoppedAt: null }, now) }
}

const COLOR = { running: 'blue', late: 'red', met: 'green', breached: 'red' } as const

/** The order's clocks, live: running ones count down, late and breached ones are red. `open` hides the ones stopped in time. */
export function ClockTags({ clocks, now, open }: { clocks: RepairClockView[]; now: Date; open?: boolean }) {
  const shown = clocks.map((c) => clockNow(c, now)).filter((c) => !open || c.state !== 'met')
  if (!shown.length) return null
  return (
    <Space size={4} wrap>
      {shown.map((c) => (
        <Tag key={c.clock} color={c.state === 'running' && c.leftMs < 60_000 ? 'orange' : COLOR[c.state]} data-testid={`clock-${c.clock}`} data-state={c.state}>
          {clockText(c)}
        </Tag>
      ))}
    </Space>
  )
}
