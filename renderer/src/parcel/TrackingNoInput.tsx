import { Input, type InputRef } from 'antd'
import { useEffect, useRef, type Ref } from 'react'
import { isFastBurst, isScannerBurst, lastBurst, PAUSE_MS, type Keystroke } from '../permit/scannerBurst'

/** A waybill number is at least 6 characters. */
const MIN_READ = 6

/**
 * 运单号: a barcode scanner types the number in a burst and Enter. Such a burst is read alone — it
 * replaces whatever was in the box — and its Enter does not save the form: the focus moves on
 * (onRead). A burst cut off without Enter is cleared with the reason, never half-kept. A person typing
 * (slow keys) edits the box as usual, and their Enter saves (onTypedEnter).
 */
export function TrackingNoInput({
  value,
  onChange,
  onRead,
  onTypedEnter,
  onProblem,
  id,
  ref,
}: {
  value?: string
  onChange?: (v: string) => void
  onRead: (trackingNo: string) => void
  onTypedEnter: () => void
  onProblem: (message: string | null) => void
  id?: string
  ref?: Ref<InputRef>
}) {
  const keys = useRef<Keystroke[]>([])
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  return (
    <Input
      id={id}
      ref={ref}
      value={value}
      maxLength={40}
      autoComplete="off"
      placeholder="扫描面单条码,或输入运单号"
      data-scanner="1"
      onChange={(e) => {
        onChange?.(e.target.value)
        onProblem(null)
      }}
      onKeyDown={(e) => {
        const at = e.timeStamp
        if (timer.current) clearTimeout(timer.current)
        if (e.key === 'Enter') {
          if (e.nativeEvent.isComposing) return
          const burst = lastBurst(keys.current)
          keys.current = []
          e.preventDefault()
          e.stopPropagation()
          if (isScannerBurst(burst, at, MIN_READ)) {
            const text = burst.map((k) => k.key).join('').toUpperCase()
            onChange?.(text)
            onProblem(null)
            onRead(text)
          } else onTypedEnter()
          return
        }
        if (e.key.length !== 1 || e.ctrlKey || e.metaKey || e.altKey) return
        const start = keys.current.length && at - keys.current.at(-1)!.at >= PAUSE_MS
        keys.current = [...(start ? [] : keys.current), { key: e.key, at }].slice(-64)
        // A fast burst that stops without Enter: the scanner was moved away mid-read, or has no Enter suffix.
        timer.current = setTimeout(() => {
          const burst = lastBurst(keys.current)
          if (isFastBurst(burst, MIN_READ)) {
            keys.current = []
            onChange?.('')
            onProblem('运单号读取不完整(扫描枪未以回车结束),请重新扫描')
          }
        }, PAUSE_MS)
      }}
    />
  )
}
