import { Input, Radio, Table } from 'antd'
import type { ChecklistLine, HandoverView } from '../../../shared/duty/handoverSchema'
import { useDeskMutation } from '../api/hooks'

/** The desk environment against the site's standard, checked by the incoming clerk. */
export function HandoverChecklist({ view, editable }: { view: HandoverView; editable: boolean }) {
  const check = useDeskMutation('handover.check')
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
          render: (_, c) => (
            <Radio.Group
              disabled={!editable}
              value={c.ok}
              optionType="button"
              size="small"
              aria-label={c.name}
              options={[
                { value: true, label: '符合' },
                { value: false, label: '不符合' },
              ]}
              onChange={(e) => check.mutate({ id: view.id, itemCode: c.code, ok: e.target.value, note: c.note ?? undefined })}
            />
          ),
        },
        {
          title: '说明',
          render: (_, c) =>
            editable ? (
              <Input
                key={`${c.code}-${c.note}`}
                size="small"
                defaultValue={c.note ?? ''}
                placeholder={c.ok === false ? '请说明问题' : ''}
                onBlur={(e) => {
                  const t = e.target.value.trim()
                  if (c.ok !== null && t !== (c.note ?? '')) check.mutate({ id: view.id, itemCode: c.code, ok: c.ok, note: t || undefined })
                }}
              />
            ) : (
              c.note
            ),
        },
      ]}
    />
  )
}
