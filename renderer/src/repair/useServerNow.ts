import { useEffect, useState } from 'react'

/**
 * The core's "now", ticking each second: the list says what its clocks were computed against
 * (`now` from the core); the desk keeps the offset to the browser's clock and adds the seconds since.
 * The clocks are then computed from the stored instants on every tick — no countdown state kept.
 */
/** `fetchedAt`: the query's dataUpdatedAt (0 before the first answer). */
export function useServerNow(serverNow: string | undefined, fetchedAt: number): Date {
  const offset = serverNow && fetchedAt ? Date.parse(serverNow) - fetchedAt : 0
  const [tick, setTick] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setTick(Date.now()), 1000)
    return () => clearInterval(t)
  }, [])
  return new Date(tick + offset)
}
