import { AutoComplete } from 'antd'
import { useDeferredValue, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react'
import type { SearchHit } from '../../../shared/registry/schema'
import { useDesk } from '../api/hooks'
import { call } from '../api/transport'
import { useClearNotTabStop } from '../forms/clearNotTabStop'

interface UnitOption {
  value: string
  label: string
  text: string
}

function unitOptions(hits: SearchHit[]): UnitOption[] {
  const seen = new Set<string>()
  return hits
    .filter((h) => (seen.has(h.unitId) ? false : (seen.add(h.unitId), true)))
    .map((h) => ({ value: h.unitId, label: h.kind === 'unit' ? h.title : `${h.subtitle.split(' · ')[0]} · ${h.title}`, text: h.kind === 'unit' ? h.title : h.subtitle.split(' · ')[0] }))
}

export type UnitResolution = { unitId: string; text: string } | { problem: string }

/**
 * A room (or name) typed but not picked from the list: the one unit it matches, or why it cannot
 * be taken (none, or several to choose from). Never guesses among several.
 */
export async function resolveUnitText(typed: string): Promise<UnitResolution> {
  const q = typed.trim()
  const units = unitOptions(await call('search.query', { q, limit: 20 }))
  if (units.length === 1) return { unitId: units[0].value, text: units[0].text }
  if (!units.length) return { problem: `没有找到房屋「${q}」,请核对房号,或清空房屋` }
  return { problem: `「${q}」对应${units.length >= 20 ? '多' : ` ${units.length} `}套房屋(如 ${units.slice(0, 2).map((u) => u.text).join('、')}),请用↓键从列表中选择` }
}

/** What a form asks the picker at save time. */
export interface UnitPickerHandle {
  /** Text in the box that is not a picked unit ('' when a unit is picked or the box is empty). */
  pending(): string
  /** Takes the single match of the pending text (and shows it), or says why not. */
  resolve(): Promise<UnitResolution | null>
  focus(): void
  /** Shows a unit chosen elsewhere (e.g. taken from an expected visitor) as picked. */
  pick(unitId: string, text: string): void
}

/**
 * A unit chosen by the same type-ahead as the shell (room, name, pinyin initials, phone tail).
 * Text left unpicked is not dropped: leaving the box takes its single match; a form asks
 * `handle.resolve()` at save time and stops with the reason when there is no single match.
 */
export function UnitPicker({ value, onChange, id, handle }: { value?: string; onChange?: (unitId: string | undefined) => void; id?: string; handle?: Ref<UnitPickerHandle> }) {
  const [text, setText] = useState('')
  const box = useRef<React.ComponentRef<typeof AutoComplete>>(null)
  const wrap = useClearNotTabStop<HTMLDivElement>()
  const [open, setOpen] = useState(false)
  /** Why the typed text could not be taken; shown atop the list, which would cover the field's message. */
  const [problem, setProblem] = useState<string | null>(null)
  const q = useDeferredValue(text.trim())
  const hits = useDesk('search.query', { q, limit: 10 }, { enabled: q.length > 0, placeholderData: (p) => p })
  /** The pick is being dropped by typing over it: the text typed stays (only a reset from outside clears it). */
  const unpicking = useRef(false)
  useEffect(() => {
    if (!value && !unpicking.current) setText('')
    unpicking.current = false
  }, [value])
  const pending = () => (value ? '' : text.trim())
  const resolve = async (): Promise<UnitResolution | null> => {
    const t = pending()
    if (!t) return null
    const r = await resolveUnitText(t)
    if ('unitId' in r) {
      setText(r.text)
      onChange?.(r.unitId)
    } else setProblem(r.problem)
    return r
  }
  const pick = (unitId: string, label: string) => {
    setProblem(null)
    setText(label)
    onChange?.(unitId)
  }
  useImperativeHandle(handle, () => ({ pending, resolve, focus: () => box.current?.focus(), pick }))
  // Only results for the text in the box may be picked: while the next search runs, the previous
  // list (kept to avoid flicker) would let ↓ Enter take 1201 for a fast-typed 1202. A background
  // refetch of the same text (any save refreshes every query) keeps its list: hiding it then took
  // the highlighted option away between the clerk's ↓ and Enter.
  const fresh = !!q && q === text.trim() && !hits.isPlaceholderData && hits.data !== undefined
  const options = fresh ? unitOptions(hits.data ?? []) : []
  return (
    <div
      ref={wrap}
      onKeyDownCapture={(e) => {
        // Tab leaves the box even while the list is open (antd would hold the focus there) unless
        // an option is highlighted with the arrows, which Tab then picks.
        if (e.key === 'Tab' && open && !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option-active')) {
          e.stopPropagation()
          setOpen(false)
        }
      }}
    >
      <AutoComplete
        id={id}
        ref={box}
        value={text}
        options={options}
        open={open && options.length > 0}
        onOpenChange={setOpen}
        placeholder="房号/姓名/拼音"
        // Text that could not be taken stays red in every form (the reason shows atop the list).
        status={problem && !value ? 'error' : undefined}
        // The × is for the mouse only (useClearNotTabStop): Tab from here goes on to the next field.
        allowClear
        popupRender={(menu) => (
          <>
            {problem && (
              <div role="alert" style={{ padding: '4px 12px', color: '#cf1322', fontSize: 12 }} data-testid="unit-problem">
                {problem}
              </div>
            )}
            {menu}
          </>
        )}
        onChange={(v) => {
          setText(v)
          setProblem(null)
          // Editing the text un-picks the unit: what is shown is what will be saved. The keys typed
          // over the pick are kept (the first one would otherwise be wiped with the pick).
          if (value) {
            unpicking.current = !!v
            onChange?.(undefined)
          } else if (!v) onChange?.(undefined)
        }}
        onSelect={(v, o) => {
          // Closed at once (antd closes a tick later), so a fast Tab after Enter moves on to 人员.
          setOpen(false)
          setProblem(null)
          setText((o as UnitOption).text)
          onChange?.(v as string)
        }}
        onBlur={() => void resolve().catch(() => undefined)}
        style={{ width: '100%' }}
      />
    </div>
  )
}
