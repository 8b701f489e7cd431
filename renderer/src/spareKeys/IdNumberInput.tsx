import { Input, type InputRef } from 'antd'
import type { Ref } from 'react'
import type { IdEntry } from '../../../shared/spareKeys/schema'
import { readIdBurst } from '../../../shared/spareKeys/idReader'
import { useWedgeReader } from '../forms/wedgeReader'

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
  const wedge = useWedgeReader(MIN_READ)
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
      onKeyDown={(e) =>
        wedge(e, {
          read: (text) => {
            e.preventDefault()
            e.stopPropagation()
            const r = readIdBurst(`${text}\r`)
            if ('problem' in r) {
              onChange?.('')
              onProblem(r.problem)
              return
            }
            onChange?.(r.idNumber)
            onEntry('reader')
            onProblem(null)
          },
          cutOff: (text) => {
            onChange?.('')
            const r = readIdBurst(text)
            onProblem('problem' in r ? r.problem : '身份证号读取不完整,请重新读取')
          },
        })
      }
    />
  )
}
