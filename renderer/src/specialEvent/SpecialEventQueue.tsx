import { Button, Form, Input, List, Modal, Space, Typography } from 'antd'
import { useState } from 'react'
import type { SpecialEventReader, SpecialEventRow } from '../../../shared/specialEvent/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { usePrintDoc } from '../homeService/printDoc'
import { useSiteTime } from '../homeService/siteTime'

/** The queue the caller reads for: 客服主管 first, else 主任 (null for other roles). */
export const specialEventRole = (me: SessionInfo): SpecialEventReader | null =>
  me.staff.roles.includes('supervisor') ? 'supervisor' : me.staff.roles.includes('director') ? 'director' : null

/** 待阅特殊事件 on the 主管工作台 (count beside the escalations, refreshed every minute). */
export function useSpecialEventCount(me: SessionInfo): number {
  const role = specialEventRole(me)
  const q = useDesk('specialEvent.list', { waitingFor: role ?? 'supervisor' }, { refetchInterval: 60_000, retry: false, enabled: !!role })
  return role ? (q.data?.length ?? 0) : 0
}

/** The reports waiting for the caller's reading; 阅示 records that they read it, with an optional 批示. */
export function SpecialEventQueue({ me }: { me: SessionInfo }) {
  const role = specialEventRole(me)
  const { stamp } = useSiteTime()
  const q = useDesk('specialEvent.list', { waitingFor: role ?? 'supervisor' }, { enabled: !!role })
  const printDoc = usePrintDoc()
  const [reading, setReading] = useState<SpecialEventRow | null>(null)
  const [form] = Form.useForm()
  const read = useDeskMutation('specialEvent.read', { form, success: '已阅示', onSuccess: () => (form.resetFields(), setReading(null)) })
  return (
    <>
      <List
        data-testid="special-event-queue"
        dataSource={q.data}
        locale={{ emptyText: '没有待阅的特殊事件报告' }}
        renderItem={(e) => (
          <List.Item
            actions={[
              <Button key="p" size="small" onClick={() => void printDoc('specialEvent.print', { id: e.id })}>打印</Button>,
              <Button key="r" size="small" type="primary" onClick={() => setReading(e)}>阅示</Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  {e.serial} {e.title}
                  <Typography.Text type="secondary">
                    {stamp(e.occurredAt)} · {e.place} · {e.reportedByName}
                  </Typography.Text>
                </Space>
              }
              description={`${e.whatHappened} —— 已通知:${e.toldWhom};措施:${e.actions}`}
            />
          </List.Item>
        )}
      />
      <Modal title={`阅示 ${reading?.serial ?? ''}`} open={!!reading} onCancel={() => setReading(null)} onOk={() => form.submit()} okText="已阅" forceRender>
        <Typography.Paragraph>{reading?.whatHappened}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => read.mutate({ id: reading!.id, remark: v.remark || undefined })}>
          <Form.Item name="remark" label="批示(可选)">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
