import { useQueryClient } from '@tanstack/react-query'
import { Input, Radio, Table, Tag, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useRef, useState } from 'react'
import { handoverCheckInput, type ChecklistLine, type HandoverView } from '../../../shared/duty/handoverSchema'
import { useDeskMutation } from '../api/hooks'

/**
 * The desk environment against the site's standard, checked by the incoming clerk. 不符合 needs a
 * note (the core refuses it without one), so the choice is kept here and the note field opens in
 * place until the note is written; a note typed before the choice is sent with it.
 */
export function HandoverChecklist({ view, editable }: { view: HandoverView; editable: boolean }) {
  const qc = useQueryClient()
  // The answer is the new view: shown at once, so the saved note never flickers back to empty.
  const check = useDeskMutation('handover.check', { onSuccess: (v) => qc.setQueryData(['handover.get', { id: v.id }], v) })
  /** Choices not saved yet (不符合 waiting for its note). */
  const [choice, setChoice] = useState<Record<string, boolean>>({})
  /** Notes typed and not saved yet. */
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [error, setError] = useState<Record<string, string>>({})
  const inputs = useRef<Record<string, InputRef | null>>({})
  const okOf = (c: ChecklistLine) => (c.code in choice ? choice[c.code] : c.ok)
  const noteOf = (c: ChecklistLine) => (c.code in draft ? draft[c.code] : (c.note ?? ''))
  const drop = <T,>(m: Record<string, T>, code: string) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== code))

  const save = (c: ChecklistLine, ok: boolean | null, note: string) => {
    const t = note.trim()
    if (ok === null) return // a note typed first waits for 符合/不符合
    if (!ok && !t) {
      setError((m) => ({ ...m, [c.code]: `「${c.name}」不符合,请写明情况` }))
      setTimeout(() => inputs.current[c.code]?.focus(), 0)
      return
    }
    // The core's own field rule (length), checked here so the message stays at this note.
    const bad = handoverCheckInput.shape.note.safeParse(t)
    if (!bad.success) {
      setError((m) => ({ ...m, [c.code]: bad.error.issues[0].message }))
      return
    }
    setError((m) => drop(m, c.code))
    if (ok === c.ok && t === (c.note ?? '')) {
      setChoice((m) => drop(m, c.code))
      setDraft((m) => drop(m, c.code))
      return
    }
    check.mutate(
      { id: view.id, itemCode: c.code, ok, note: t || undefined },
      {
        onSuccess: () => {
          setChoice((m) => drop(m, c.code))
          setDraft((m) => drop(m, c.code))
        },
        onError: (e) => setError((m) => ({ ...m, [c.code]: e.message })),
      },
    )
  }

  return (
    <Table<ChecklistLine>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={view.checklist}
      data-testid="handover-checklist"
      columns={[
        { title: '检查项', dataIndex: 'name' },
        {
          title: '结果',
          width: 170,
          render: (_, c) =>
            !editable ? (
              c.ok === null ? (
                '—'
              ) : (
                <Tag color={c.ok ? 'green' : 'red'}>{c.ok ? '符合' : '不符合'}</Tag>
              )
            ) : (
              <Radio.Group
                value={okOf(c)}
                optionType="button"
                size="small"
                aria-label={c.name}
                options={[
                  { value: true, label: '符合' },
                  { value: false, label: '不符合' },
                ]}
                onChange={(e) => {
                  const ok = e.target.value as boolean
                  setChoice((m) => ({ ...m, [c.code]: ok }))
                  save(c, ok, noteOf(c))
                }}
              />
            ),
        },
        {
          title: '说明',
          width: '45%',
          render: (_, c) =>
            editable ? (
              <>
                <Input
                  ref={(r) => {
                    inputs.current[c.code] = r
                  }}
                  size="small"
                  aria-label={`${c.name}说明`}
                  data-testid={`check-note-${c.code}`}
                  value={noteOf(c)}
                  status={error[c.code] ? 'error' : undefined}
                  placeholder={okOf(c) === false ? '请写明不符合的情况(回车或离开即保存)' : '可先写说明,再选符合/不符合'}
                  onChange={(e) => setDraft((m) => ({ ...m, [c.code]: e.target.value }))}
                  onBlur={() => c.code in draft && save(c, okOf(c), noteOf(c))}
                  onPressEnter={() => save(c, okOf(c), noteOf(c))}
                />
                {error[c.code] && (
                  <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12 }} data-testid={`check-error-${c.code}`}>
                    {error[c.code]}
                  </Typography.Text>
                )}
              </>
            ) : (
              c.note
            ),
        },
      ]}
    />
  )
}
