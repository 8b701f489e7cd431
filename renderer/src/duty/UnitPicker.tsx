import { AutoComplete } from 'antd'
import { useDeferredValue, useEffect, useState } from 'react'
import { useDesk } from '../api/hooks'

/** A unit chosen by the same type-ahead as the shell (room, name, pinyin initials, phone tail). */
export function UnitPicker({ value, onChange, id }: { value?: string; onChange?: (unitId: string | undefined) => void; id?: string }) {
  const [text, setText] = useState('')
  const q = useDeferredValue(text.trim())
  const hits = useDesk('search.query', { q, limit: 10 }, { enabled: q.length > 0, placeholderData: (p) => p })
  useEffect(() => {
    if (!value) setText('')
  }, [value])
  const seen = new Set<string>()
  const options = (q ? (hits.data ?? []) : [])
    .filter((h) => (seen.has(h.unitId) ? false : (seen.add(h.unitId), true)))
    .map((h) => ({ value: h.unitId, label: h.kind === 'unit' ? h.title : `${h.subtitle.split(' · ')[0]} · ${h.title}`, text: h.kind === 'unit' ? h.title : h.subtitle.split(' · ')[0] }))
  return (
    <AutoComplete
      id={id}
      value={text}
      options={options}
      placeholder="房号/姓名/拼音"
      allowClear
      onChange={(v) => {
        setText(v)
        if (!v) onChange?.(undefined)
      }}
      onSelect={(v, o) => {
        setText((o as { text: string }).text)
        onChange?.(v as string)
      }}
      style={{ width: '100%' }}
    />
  )
}
