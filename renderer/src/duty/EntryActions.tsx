import { Button, Form, Input, Modal, Select, Space, Tooltip } from 'antd'
import { useState } from 'react'
import { ESCALATION_TARGETS, ESCALATION_TARGET_LABELS, LOG_KINDS, LOG_KIND_LABELS } from '../../../shared/duty/kinds'
import type { LogEntryRow } from '../../../shared/duty/logSchema'
import { useDesk, useDeskMutation } from '../api/hooks'

type Action = 'followUp' | 'close' | 'escalate' | 'correct' | 'edit'
const TITLES: Record<Action, string> = { followUp: '追加跟进', close: '关闭事项', escalate: '上报', correct: '更正记录', edit: '修改记录' }

/**
 * What can be done to an entry: follow up and close a pending item (appended, never overwritten),
 * escalate it, 修改 it while its shift is open, or 更正 it once the shift is handed over (a new
 * linked entry; the original stays). The two words keep these two meanings on every screen.
 */
export function EntryActions({ entry, canWrite }: { entry: LogEntryRow; canWrite: boolean }) {
  const [action, setAction] = useState<Action | null>(null)
  const [form] = Form.useForm()
  const done = () => (form.resetFields(), setAction(null))
  const followUp = useDeskMutation('log.followUp', { form, success: '已追加跟进', onSuccess: done })
  const close = useDeskMutation('log.close', { form, success: '事项已关闭', onSuccess: done })
  const escalate = useDeskMutation('log.escalate', { form, success: '已上报', onSuccess: done })
  const correct = useDeskMutation('log.correct', { form, success: '已添加更正记录', onSuccess: done })
  const update = useDeskMutation('log.update', { form, success: '记录已修改', onSuccess: done })
  const me = useDesk('auth.me', {}, { staleTime: 60_000 })
  if (!canWrite) return null
  const open = entry.state !== 'done'
  // 修改 is offered where the core allows it: one's own entry, or an administrator/supervisor.
  const mayEdit = !!me.data && (entry.recordedById === me.data.staff.id || me.data.staff.roles.some((r) => r === 'admin' || r === 'supervisor'))
  const submit = (v: Record<string, string>) => {
    if (action === 'followUp') followUp.mutate({ id: entry.id, note: v.note })
    if (action === 'close') close.mutate({ id: entry.id, note: v.note })
    if (action === 'escalate') escalate.mutate({ id: entry.id, to: v.to as never, note: v.note })
    if (action === 'edit')
      update.mutate({ id: entry.id, at: entry.at, kind: v.kind as never, content: v.content, action: v.action || undefined, unitId: entry.unitId ?? undefined, person: entry.person ?? undefined, passedTo: entry.passedTo ?? undefined, status: entry.status, escalateTo: entry.escalatedTo ?? undefined })
    if (action === 'correct')
      correct.mutate({ id: entry.id, reason: v.reason, kind: v.kind as never, content: v.content, action: v.action || undefined, unitId: entry.unitId ?? undefined, person: entry.person ?? undefined, passedTo: entry.passedTo ?? undefined, status: 'done' })
  }
  return (
    <>
      <Space size={4} wrap>
        {open && (
          <Button size="small" onClick={() => setAction('followUp')}>
            跟进
          </Button>
        )}
        {/* An entry standing for a reception record closes, changes and is corrected with that record. */}
        {open && !entry.sourceKind && (
          <Button size="small" onClick={() => setAction('close')}>
            关闭
          </Button>
        )}
        {open && entry.state !== 'escalated' && (
          <Button size="small" onClick={() => setAction('escalate')}>
            上报
          </Button>
        )}
        {!entry.locked && mayEdit && !entry.sourceKind && (
          <Tooltip title="本班未交接,可直接修改">
            <Button size="small" onClick={() => (form.setFieldsValue({ kind: entry.kind, content: entry.content, action: entry.action ?? '' }), setAction('edit'))}>
              修改
            </Button>
          </Tooltip>
        )}
        {entry.locked && !entry.correctedById && !entry.sourceKind && (
          <Tooltip title="班次已交接,记录已锁定:新增一条更正记录,原记录保留">
            <Button size="small" onClick={() => (form.setFieldsValue({ kind: entry.kind, content: entry.content, action: entry.action ?? '' }), setAction('correct'))}>
              更正
            </Button>
          </Tooltip>
        )}
      </Space>
      <Modal title={action ? `${TITLES[action]} · ${entry.content.slice(0, 20)}` : ''} open={!!action} onCancel={() => setAction(null)} onOk={() => form.submit()} okText="保存" forceRender>
        <Form form={form} layout="vertical" onFinish={submit}>
          {action === 'escalate' && (
            <Form.Item name="to" label="上报给" rules={[{ required: true, message: '请选择上报对象' }]}>
              <Select options={ESCALATION_TARGETS.map((t) => ({ value: t, label: ESCALATION_TARGET_LABELS[t] }))} />
            </Form.Item>
          )}
          {action === 'correct' || action === 'edit' ? (
            <>
              {action === 'correct' && (
                <Form.Item name="reason" label="更正原因" rules={[{ required: true, message: '更正原因不能为空' }]}>
                  <Input />
                </Form.Item>
              )}
              <Form.Item name="kind" label="类型">
                <Select options={LOG_KINDS.map((k) => ({ value: k, label: LOG_KIND_LABELS[k] }))} />
              </Form.Item>
              <Form.Item name="content" label="内容" rules={[{ required: true, message: '内容不能为空' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="action" label="处理措施">
                <Input />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="note" label={action === 'close' ? '处理结果' : action === 'escalate' ? '上报说明' : '跟进内容'} rules={[{ required: true, message: '请填写内容' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  )
}
