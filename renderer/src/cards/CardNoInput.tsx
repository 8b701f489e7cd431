import { Input, type InputRef } from 'antd'
import { useEffect, useRef, type Ref } from 'react'
import { readWedge } from '../../../shared/cards/wedge'
import { isFastBurst, isScannerBurst, lastBurst, PAUSE_MS, type Keystroke } from '../permit/scannerBurst'

/** A reader's burst is at least this long (the shortest card number). */
const MIN_READ = 4

/** A reader's pace: card numbers are shorter than the codes the verify screen reads, so the length bound is the card's own. */
export const isFast = (k: readonly Keystroke[]) => isFastBurst(k, MIN_READ)
/** A reader's burst ended by its Enter at `enterAt`. */
export const isCardRead = (k: readonly Keystroke[], enterAt: number) => isScannerBurst(k, enterAt, MIN_READ)

export type CardEntry = 'typed' | 'reader'

/**
 * The card number field. A USB reader types the number in a burst and Enter (keyboard wedge): such a
 * burst replaces whatever was in the box and marks the number as read ('reader'); a burst cut off (no
 * Enter within the pause) or carrying stray characters is refused — the box is cleared and says why,
 * so a half-read number is never saved. A person typing (slow keys) edits the box as usual and Enter
 * submits the form.
 */
export function CardNoInput({
  value,
  onChange,
  onEntry,
  onProblem,
  onRead,
  id,
  ref,
  autoFocus,
}: {
  value?: string
  onChange?: (v: string) => void
  onEntry: (e: CardEntry) => void
  onProblem: (message: string | null) => void
  /** A whole number read by the reader (after onChange). */
  onRead?: (cardNo: string) => void
  id?: string
  /** Given by Form.Item (React 19 passes ref as a prop): lets a refusal from the core land on this field. */
  ref?: Ref<InputRef>
  autoFocus?: boolean
}) {
  const keys = useRef<Keystroke[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])


  return (
    <Input
      id={id}
      ref={ref}
      autoFocus={autoFocus}
      value={value}
      maxLength={40}
      placeholder="刷卡或输入卡号"
      autoComplete="off"
      onChange={(e) => {
        onChange?.(e.target.value)
        onEntry('typed')
        onProblem(null)
      }}
      onKeyDown={(e) => {
        const at = e.timeStamp
        if (timer.current) clearTimeout(timer.current)
        if (e.key === 'Enter') {
          const burst = lastBurst(keys.current)
          keys.current = []
          if (isCardRead(burst, at)) {
            // Read by the reader: taken whole or refused, and Enter does not submit the form.
            e.preventDefault()
            e.stopPropagation()
            const r = readWedge(`${burst.map((k) => k.key).join('')}\r`)
            if ('problem' in r) {
              onChange?.('')
              onProblem(r.problem)
              return
            }
            onChange?.(r.cardNo)
            onEntry('reader')
            onProblem(null)
            onRead?.(r.cardNo)
          }
          return
        }
        if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return
        const start = keys.current.length && at - keys.current.at(-1)!.at >= PAUSE_MS
        keys.current = [...(start ? [] : keys.current), { key: e.key, at }].slice(-64)
        // A fast burst that stops without Enter: the reader was pulled away or set without the Enter suffix.
        timer.current = setTimeout(() => {
          const burst = lastBurst(keys.current)
          if (isFast(burst)) {
            keys.current = []
            onChange?.('')
            const r = readWedge(burst.map((k) => k.key).join(''))
            onProblem('problem' in r ? r.problem : '卡号读取不完整,请重新刷卡')
          }
        }, PAUSE_MS)
      }}
    />
  )
}
