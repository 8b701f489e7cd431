import { Button, Form, Input, List, Modal, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { useState } from 'react'
import { LOG_KIND_LABELS } from '../../../shared/duty/kinds'
import type { HandoverView, PendingAck } from '../../../shared/duty/handoverSchema'
import { useDeskMutation } from '../api/hooks'
import { StateTag } from './EntriesTable'

/** Every open pending item, acknowledged one by one by the incoming clerk — or asked about. */
export function HandoverPending({ view, editable }: { view: HandoverView; editable: boolean }) {
  const ack = useDeskMutation('handover.ack')
  const [asking, setAsking] = useState<PendingAck | null>(null)
  const [form] = Form.useForm()
  const ask = useDeskMutation('handover.ask', { form, success: '询问已记录', onSuccess: () => (form.resetFields(), setAsking(null)) })
  return (
    <>
      <List
        data-testid="handover-pending"
        dataSource={view.pending}
        locale={{ emptyText: '没有待跟进事项' }}
        renderItem={(p) => (
          <List.Item
            actions={
              editable
                ? [
                    p.ack ? (
                      <Tag color="green" key="a">
                        已确认 {dayjs(p.ack.at).format('HH:mm')}
                      </Tag>
                    ) : (
                      <Button key="a" type="primary" size="small" onClick={() => ack.mutate({ id: view.id, entryId: p.entry.id })} data-testid="ack-pending">
                        确认接收
                      </Button>
                    ),
                    <Button key="q" size="small" onClick={() => setAsking(p)}>
                      询问
                    </Button>,
                  ]
                : [p.ack ? <Tag color="green" key="a">已确认</Tag> : <Tag key="a">未确认</Tag>]
            }
          >
            <List.Item.Meta
              title={
                <Space>
                  <StateTag e={p.entry} />
                  <span>{LOG_KIND_LABELS[p.entry.kind]}</span>
                  {p.entry.unitLabel && <span>{p.entry.unitLabel}</span>}
                  <Typography.Text type="secondary">
                    {p.entry.shiftDate} {p.entry.shiftName} · {p.entry.recordedByName}
                  </Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{p.entry.content}</div>
                  {p.questions.map((q) => (
                    <div key={q.id}>
                      <Typography.Text type="warning">问({q.askedByName}):{q.question}</Typography.Text>
                      {q.answer && <Typography.Text> 答:{q.answer}</Typography.Text>}
                    </div>
                  ))}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Modal title="询问交班人" open={!!asking} onCancel={() => setAsking(null)} onOk={() => form.submit()} okText="记录" forceRender>
        <Typography.Paragraph>{asking?.entry.content}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => ask.mutate({ id: view.id, entryId: asking!.entry.id, question: v.question, answer: v.answer || undefined })}>
          <Form.Item name="question" label="询问内容" rules={[{ required: true, message: '询问内容不能为空' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="answer" label="交班人答复">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  )
}
