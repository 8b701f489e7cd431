import { SearchOutlined } from '@ant-design/icons'
import { AutoComplete, Typography } from 'antd'
import { useDeferredValue, useEffect, useRef, useState } from 'react'
import { useDesk } from '../api/hooks'
import { call } from '../api/transport'
import { useClearNotTabStop } from '../forms/clearNotTabStop'
import { go } from '../router'

/** Is the key typed into something that takes text (so '/' is a character there, not a shortcut)? */
function typingIn(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true
  return el.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'submit', 'reset'].includes((el as HTMLInputElement).type)
}

/**
 * Type-ahead anywhere in the shell: room (1502, 3-2-1502), name, pinyin initials (zw), phone tail.
 * Ctrl+K reaches it from anywhere, '/' from anywhere not typing in a field; Esc clears it, and
 * Esc again goes back to the field the shortcut was pressed in.
 */
export function SearchBox() {
  const [q, setQ] = useState('')
  const box = useRef<React.ComponentRef<typeof AutoComplete>>(null)
  const wrap = useClearNotTabStop<HTMLSpanElement>()
  /** Where the shortcut came from: Esc on an empty search goes back there (the half-typed entry). */
  const cameFrom = useRef<HTMLElement | null>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K')
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingIn(document.activeElement)
      if (!ctrlK && !slash) return
      e.preventDefault()
      const from = document.activeElement
      if (from instanceof HTMLElement && !from.closest('[data-search-box]')) cameFrom.current = from
      box.current?.focus()
    }
    // Capture: a field or dialog that handles its own keys still lets the shortcut through.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
  const dq = useDeferredValue(q.trim())
  const hits = useDesk('search.query', { q: dq, limit: 12 }, { enabled: dq.length > 0, placeholderData: (p) => p })
  /** The list answers what is in the box now (not the previous text's results kept on show while typing). */
  const fresh = !!dq && dq === q.trim() && !hits.isPlaceholderData && !hits.isFetching && hits.isFetched
  /** ↑/↓ chose a row since the last key typed: Enter takes that row (antd does it). */
  const arrowed = useRef(false)
  /** Enter pressed before the list answered: the text it was pressed on, asked at once (cleared by more typing). */
  const enterWaiting = useRef<string | null>(null)
  const open = (unitId: string) => {
    enterWaiting.current = null
    setQ('')
    go(`/units/${unitId}`)
  }
  const openFirstOf = (typed: string) => {
    enterWaiting.current = typed
    void call('search.query', { q: typed, limit: 12 })
      .then((found) => {
        if (enterWaiting.current === typed && found[0]) open(found[0].unitId)
      })
      .catch(() => undefined)
  }
  const options = (dq ? (hits.data ?? []) : []).map((h) => ({
    value: `${h.kind}:${h.id}`,
    label: (
      <div data-testid="search-hit">
        <Typography.Text strong>{h.title}</Typography.Text>
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {h.subtitle}
        </Typography.Text>
      </div>
    ),
    unitId: h.unitId,
  }))
  return (
    <span
      ref={wrap}
      data-search-box
      // Enter alone opens the first result (shown highlighted). Pressed before the list has answered
      // the text in the box, it waits for that answer rather than opening a stale row.
      onKeyDownCapture={(e) => {
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') arrowed.current = true
        if (e.key !== 'Enter' || e.nativeEvent.isComposing || !q.trim() || arrowed.current) return
        e.preventDefault()
        e.stopPropagation()
        const first = fresh ? hits.data?.[0] : undefined
        if (first) open(first.unitId)
        else if (!fresh) openFirstOf(q.trim())
      }}
    >
      <AutoComplete
        ref={box}
        data-testid="global-search"
        style={{ width: 340 }}
        placeholder="房号 / 姓名 / 拼音首字母 / 手机尾号(Ctrl+K)"
        prefix={<SearchOutlined />}
        allowClear
        value={q}
        options={options}
        defaultActiveFirstOption
        onChange={(v) => {
          arrowed.current = false
          enterWaiting.current = null
          setQ(v)
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return
          if (q) setQ('')
          else if (cameFrom.current?.isConnected) {
            cameFrom.current.focus()
            cameFrom.current = null
          }
        }}
        onSelect={(_v, o) => open((o as { unitId: string }).unitId)}
        notFoundContent={dq && hits.isFetched ? '没有找到' : null}
      />
    </span>
  )
}
