import { useEffect, useRef, type KeyboardEvent } from 'react'
import { isFastBurst, isScannerBurst, lastBurst, PAUSE_MS, type Keystroke } from '../permit/scannerBurst'

export interface WedgeHandlers {
  /** Enter ended a burst at a reader's pace: the keys of that burst. */
  read: (text: string) => void
  /** A fast burst stopped without Enter (the reader pulled away, or set without its Enter suffix). */
  cutOff: (text: string) => void
  /** Enter after a person's typing. */
  typedEnter?: () => void
}

/**
 * The keyboard-wedge part shared by the fields a USB reader types into (card number, ID number,
 * waybill): it keeps the keys since the last pause and tells a reader's burst from a person's typing.
 * What a read means, and what Enter does otherwise, stays with each field. Returns the keydown handler.
 */
export function useWedgeReader(minRead: number) {
  const keys = useRef<Keystroke[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  return (e: KeyboardEvent, on: WedgeHandlers) => {
    const at = e.timeStamp
    if (timer.current) clearTimeout(timer.current)
    if (e.key === 'Enter') {
      const burst = lastBurst(keys.current)
      keys.current = []
      if (isScannerBurst(burst, at, minRead)) on.read(burst.map((k) => k.key).join(''))
      else on.typedEnter?.()
      return
    }
    if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return
    const start = keys.current.length && at - keys.current.at(-1)!.at >= PAUSE_MS
    keys.current = [...(start ? [] : keys.current), { key: e.key, at }].slice(-64)
    timer.current = setTimeout(() => {
      const burst = lastBurst(keys.current)
      if (isFastBurst(burst, minRead)) {
        keys.current = []
        on.cutOff(burst.map((k) => k.key).join(''))
      }
    }, PAUSE_MS)
  }
}
