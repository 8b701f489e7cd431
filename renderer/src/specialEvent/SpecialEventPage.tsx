import { Button, Card, Col, Form, Input, Row, Space, Table, Tag } from 'antd'
import { useRef } from 'react'
import { SPECIAL_EVENT_READER_LABELS, specialEventReportInput, type SpecialEventRow } from '../../../shared/specialEvent/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { usePrintDoc } from '../homeService/printDoc'
import { useSiteTime } from '../homeService/siteTime'

const f = specialEventReportInput.shape

/** Who still has to read a report, or who read it. */
export function ReadTags({ e }: { e: SpecialEventRow }) {
  return (
    <Space size={2} wrap>
      {e.reads.map((r) => (
        <Tag key={r.role} color="green">{SPECIAL_EVENT_READER_LABELS[r.role]}已阅</Tag>
      ))}
      {e.waitingFor.map((r) => (
        <Tag key={r} color="red">待{SPECIAL_EVENT_READER_LABELS[r]}阅示</Tag>
      ))}
    </Space>
  )
}

/**
 * 特殊事件报告: what happened, where, when, who was told, what was done. Filed, it prints for the file
 * and goes at once to the 客服主管's and 主任's queue (主管工作台). Tab through; Enter in a one-line
 * field files it (the long fields are text areas, where Enter is a new line).
 */
export function SpecialEventPage() {
  const { short } = useSiteTime()
  const [form] = Form.useForm()
  const unitRef = useRef<UnitPickerHandle>(null)
  const list = useDesk('specialEvent.list', {})
  const printDoc = usePrintDoc()
  const file = useDeskMutation('specialEvent.report', {
    form,
    success: '已提交,报客服主管与主任;报告已送打印',
    onSuccess: (e) => {
      form.resetFields()
      void printDoc('specialEvent.print', { id: e.id })
    },
  })
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="special-event-page">
      <Card size="small" title="填写特殊事件报告" data-testid="special-event-form">
        <div onKeyDownCapture={enterSubmits(() => form.submit())}>
          <Form
            form={form}
            name="specialEvent"
            layout="vertical"
            onFinish={async (v) => {
              if (!v.unitId && unitRef.current?.pending()) {
                await unitRef.current.resolve()
                if (!form.getFieldValue('unitId')) return
              }
              file.mutate({ ...v, unitId: form.getFieldValue('unitId') || undefined })
            }}
          >
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="title" label="事件" rules={[zodRule(f.title)]}>
                  <Input autoFocus autoComplete="off" placeholder="如 地下车库水管爆裂" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name="place" label="地点" rules={[zodRule(f.place)]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name="unitId" label="涉及房屋(可选)">
                  <UnitPicker handle={unitRef} />
                </Form.Item>
              </Col>
              <Col span={5}>
                <Form.Item name="occurredAt" label="发生时间" rules={[zodRule(f.occurredAt)]} extra="格式 2026-12-01 08:40">
                  <Input autoComplete="off" placeholder="YYYY-MM-DD HH:mm" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="whatHappened" label="事件经过" rules={[zodRule(f.whatHappened)]}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Row gutter={12}>
              <Col span={10}>
                <Form.Item name="toldWhom" label="已通知(谁、何时)" rules={[zodRule(f.toldWhom)]}>
                  <Input autoComplete="off" placeholder="如 工程部 王工 08:45;秩序部 李队长" />
                </Form.Item>
              </Col>
              <Col span={14}>
                <Form.Item name="actions" label="处理措施" rules={[zodRule(f.actions)]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={file.isPending} data-testid="special-event-save">
              提交报告并打印
            </Button>
          </Form>
        </div>
      </Card>
      <Card size="small" title="特殊事件报告记录">
        <Table<SpecialEventRow>
          rowKey="id"
          size="small"
          data-testid="special-event-list"
          dataSource={list.data}
          loading={list.isLoading}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '没有特殊事件报告' }}
          columns={[
            { title: '编号', dataIndex: 'serial', width: 120 },
            { title: '事件', dataIndex: 'title' },
            { title: '地点', render: (_, e) => `${e.place}${e.unitLabel ? `(${e.unitLabel})` : ''}` },
            { title: '发生', render: (_, e) => short(e.occurredAt), width: 100 },
            { title: '报告人', dataIndex: 'reportedByName', width: 80 },
            { title: '阅示', render: (_, e) => <ReadTags e={e} />, width: 200 },
            { title: '', width: 70, render: (_, e) => <Button size="small" onClick={() => void printDoc('specialEvent.print', { id: e.id })}>打印</Button> },
          ]}
        />
      </Card>
    </Space>
  )
}
