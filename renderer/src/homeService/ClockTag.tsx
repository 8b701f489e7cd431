import { Tag } from 'antd'
import { useEffect, useState } from 'react'
import { clockAt, spanLabel } from '../../../shared/reception/clock'

/**
 * The desk's "now" from the core's clock: the list carries the core's now, the offset to this PC's
 * clock is taken once per fetch, and the countdown re-renders each second from the stored instants —
 * so a PC clock that is wrong, or in another time zone, does not move the countdown.
 */
export function useCoreNow(coreNow: string | undefined): Date {
  const [now, setNow] = useState<Date>(() => (coreNow ? new Date(coreNow) : new Date(0)))
  useEffect(() => {
    if (!coreNow) return
    const offset = Date.parse(coreNow) - Date.now()
    const tick = () => setNow(new Date(Date.now() + offset))
    const t = setInterval(tick, 1000)
    const first = setTimeout(tick, 0)
    return () => (clearInterval(t), clearTimeout(first))
  }, [coreNow])
  // Until the first tick after a fetch, the fetch's own now (never a stale or zero clock).
  return coreNow && now.getTime() < Date.parse(coreNow) ? new Date(coreNow) : now
}

/** One clock: counting down (blue, orange in the last 15 minutes), late (red, counting up), met, breached (red for ever). */
export function ClockTag({ startedAt, dueAt, stoppedAt, now, label, testId }: { startedAt: string; dueAt: string; stoppedAt: string | null; now: Date; label: string; testId?: string }) {
  const v = clockAt({ startedAt, dueAt, stoppedAt }, now)
  const text =
    v.state === 'running'
      ? `${label}剩 ${spanLabel(v.leftMs)}`
      : v.state === 'late'
        ? `${label}已超时 ${spanLabel(v.overMs)}`
        : v.state === 'met'
          ? `${label}按时`
          : `${label}超时 ${spanLabel(v.overMs)}`
  const color = v.state === 'running' ? (v.leftMs < 15 * 60_000 ? 'orange' : 'blue') : v.state === 'met' ? 'green' : 'red'
  return (
    <Tag color={color} data-testid={testId} data-state={v.state}>
      {text}
    </Tag>
  )
}
