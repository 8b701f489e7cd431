import { Input, type InputRef } from 'antd'
import type { Ref } from 'react'
import { useWedgeReader } from '../forms/wedgeReader'

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
  const wedge = useWedgeReader(MIN_READ)
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
        if (e.key === 'Enter' && e.nativeEvent.isComposing) return
        // Enter never submits here: a read moves the focus on, a person's Enter saves (onTypedEnter).
        const own = () => {
          e.preventDefault()
          e.stopPropagation()
        }
        wedge(e, {
          read: (text) => {
            own()
            const upper = text.toUpperCase()
            onChange?.(upper)
            onProblem(null)
            onRead(upper)
          },
          typedEnter: () => {
            own()
            onTypedEnter()
          },
          cutOff: () => {
            onChange?.('')
            onProblem('运单号读取不完整(扫描枪未以回车结束),请重新扫描')
          },
        })
      }}
    />
  )
}
