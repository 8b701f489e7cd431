import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { call } from './transport'

/**
 * The core's clock, not the PC's: in host mode the core runs on another PC, and tests move the
 * core's clock. The offset (core now − local now) is measured once a minute (half the round trip
 * taken off) and kept here, so any screen can read "now" without a call of its own.
 */
let offset = 0

/** Now as the core's clock reads it (the last measured offset applied to the PC's clock). */
export const coreNow = (): Date => new Date(Date.now() + offset)

async function measure(): Promise<number> {
  const sent = Date.now()
  const { now } = await call('clock.current', {})
  const back = Date.now()
  offset = Date.parse(now) - (sent + back) / 2
  return offset
}

/** The core's now, re-rendered every `tickMs` and whenever the offset is measured again (kept fresh while mounted). */
export function useCoreNow(tickMs = 15_000): Date {
  useQuery({ queryKey: ['clock.current'], queryFn: measure, refetchInterval: 60_000, staleTime: 60_000 })
  const [, setTick] = useState(0)
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), tickMs)
    return () => clearInterval(t)
  }, [tickMs])
  return coreNow()
}
