import { Input, type InputRef } from 'antd'
import { useEffect, useRef, type Ref } from 'react'
import type { IdEntry } from '../../../shared/spareKeys/schema'
import { readIdBurst } from '../../../shared/spareKeys/idReader'
import { isFastBurst, isScannerBurst, lastBurst, PAUSE_MS, type Keystroke } from '../permit/scannerBurst'

/** An ID reader types 18 characters; a burst shorter than this is not taken for one. */
const MIN_READ = 10

/**
 * The ID number of the person at the desk. A USB ID-card/QR reader types the number in a burst and
 * Enter (keyboard wedge): such a burst replaces whatever was in the box and marks the number as read
 * ('reader'), and its Enter does not submit — the clerk looks, then presses Enter. A burst cut off
 * (no Enter within the pause) or with stray characters is refused: the box is cleared and says why.
 * A person typing (slow keys) edits the box as usual and Enter submits the form.
 */
export function IdNumberInput({
  value,
  onChange,
  onEntry,
  onProblem,
  id,
  ref,
  autoFocus,
}: {
  value?: string
  onChange?: (v: string) => void
  onEntry: (e: IdEntry) => void
  onProblem: (message: string | null) => void
  id?: string
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
      placeholder="刷身份证或输入18位身份证号"
      autoComplete="off"
      data-testid="spare-id-number"
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
          if (isScannerBurst(burst, at, MIN_READ)) {
            e.preventDefault()
            e.stopPropagation()
            const r = readIdBurst(`${burst.map((k) => k.key).join('')}\r`)
            if ('problem' in r) {
              onChange?.('')
              onProblem(r.problem)
              return
            }
            onChange?.(r.idNumber)
            onEntry('reader')
            onProblem(null)
          }
          return
        }
        if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return
        const start = keys.current.length && at - keys.current.at(-1)!.at >= PAUSE_MS
        keys.current = [...(start ? [] : keys.current), { key: e.key, at }].slice(-64)
        // A fast burst that stops without Enter: the reader was pulled away or set without its Enter suffix.
        timer.current = setTimeout(() => {
          const burst = lastBurst(keys.current)
          if (isFastBurst(burst, MIN_READ)) {
            keys.current = []
            onChange?.('')
            const r = readIdBurst(burst.map((k) => k.key).join(''))
            onProblem('problem' in r ? r.problem : '身份证号读取不完整,请重新读取')
          }
        }, PAUSE_MS)
      }}
    />
  )
}
