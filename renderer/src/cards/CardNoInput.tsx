import { Input, type InputRef } from 'antd'
import type { Ref } from 'react'
import { readWedge } from '../../../shared/cards/wedge'
import { useWedgeReader } from '../forms/wedgeReader'
import { isScannerBurst, type Keystroke } from '../permit/scannerBurst'

/** A reader's burst is at least this long (the shortest card number). */
const MIN_READ = 4

/** A reader's burst ended by its Enter at `enterAt` (card numbers are shorter than the codes the verify screen reads, so the length bound is the card's own). */
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
  const wedge = useWedgeReader(MIN_READ)
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
      onKeyDown={(e) =>
        wedge(e, {
          read: (text) => {
            // Read by the reader: taken whole or refused, and Enter does not submit the form.
            e.preventDefault()
            e.stopPropagation()
            const r = readWedge(`${text}\r`)
            if ('problem' in r) {
              onChange?.('')
              onProblem(r.problem)
              return
            }
            onChange?.(r.cardNo)
            onEntry('reader')
            onProblem(null)
            onRead?.(r.cardNo)
          },
          cutOff: (text) => {
            onChange?.('')
            const r = readWedge(text)
            onProblem('problem' in r ? r.problem : '卡号读取不完整,请重新刷卡')
          },
        })
      }
    />
  )
}
