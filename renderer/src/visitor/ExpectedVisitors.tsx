import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Popconfirm, Row, Space, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useRef, useState } from 'react'
import { visitorExpectInput, type ExpectedVisitorRow } from '../../../shared/visitor/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { UnitPicker, type UnitPickerHandle } from '../duty/UnitPicker'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { takeUnit } from './takeUnit'
import { coreNow } from '../api/useCoreNow'

const f = visitorExpectInput.shape

/** Expected visitors of a day; on the desk (today) each has 签到, which fills the sign-in form. */
export function ExpectedTable({ date, onSignIn, canEdit }: { date?: string; onSignIn?: (e: ExpectedVisitorRow) => void; canEdit: boolean }) {
  const list = useDesk('visitor.expected', { date })
  const cancel = useDeskMutation('visitor.cancelExpected', { success: '已取消预约' })
  return (
    <Table<ExpectedVisitorRow>
      data-testid="visitors-expected"
      rowKey="id"
      size="small"
      loading={list.isLoading}
      dataSource={list.data}
      pagination={false}
      locale={{ emptyText: '没有预约访客' }}
      columns={[
        { title: '访客', render: (_, e) => `${e.visitorName}${e.people > 1 ? `(${e.people}人)` : ''}` },
        { title: '来访房屋', render: (_, e) => `${e.unitLabel}${e.hostName ? ` · ${e.hostName}` : ''}` },
        { title: '事由', dataIndex: 'purpose', ellipsis: true },
        { title: '车牌', dataIndex: 'carPlate', width: 96 },
        { title: '来电业主', render: (_, e) => `${e.calledBy}(${e.recordedBy} 登记)` },
        {
          title: '',
          width: 150,
          render: (_, e) =>
            e.visitId ? (
              <Tag color="green">已签到</Tag>
            ) : (
              <Space>
                {onSignIn && canEdit && (
                  <Button size="small" type="primary" onClick={() => onSignIn(e)} data-testid="expected-signin">签到</Button>
                )}
                {canEdit && (
                  <Popconfirm title="取消这条预约?" okText="取消预约" cancelText="不取消" onConfirm={() => cancel.mutate({ id: e.id, reason: '业主来电取消' })}>
                    <Button size="small">取消</Button>
                  </Popconfirm>
                )}
              </Space>
            ),
        },
      ]}
    />
  )
}

/** 预约访客: an owner calls ahead (业主来电预约); the list of a chosen day. */
export function ExpectedVisitors({ canEdit }: { canEdit: boolean }) {
  const [form] = Form.useForm()
  const unit = useRef<UnitPickerHandle>(null)
  const [day, setDay] = useState<Dayjs>(dayjs(coreNow()))
  const expect = useDeskMutation('visitor.expect', { form, success: '已登记预约', onSuccess: () => form.resetFields() })
  const submit = async (v: Record<string, unknown>) => {
    const unitId = await takeUnit(form, unit, '被访房屋')
    if (!unitId) return
    expect.mutate({ ...(v as object), unitId, expectedDate: (v.expectedDate as Dayjs).format('YYYY-MM-DD') } as never)
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {canEdit && (
        <Card size="small" title="业主来电预约访客" data-testid="visitor-expect">
          <div onKeyDownCapture={enterSubmits(() => form.submit())}>
            <Form form={form} layout="vertical" initialValues={{ people: 1, expectedDate: dayjs(coreNow()) }} onFinish={(v) => void submit(v)}>
              <Row gutter={12}>
                <Col span={6}>
                  <Form.Item name="unitId" label="被访房屋">
                    <UnitPicker handle={unit} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name="calledBy" label="来电业主" rules={[zodRule(f.calledBy)]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name="visitorName" label="访客姓名" rules={[zodRule(f.visitorName)]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name="phone" label="访客电话(选填)" rules={[zodRule(f.phone)]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name="expectedDate" label="预计来访日期" rules={[{ required: true, message: '预计来访日期不能为空' }]}>
                    <DatePicker style={{ width: '100%' }} allowClear={false} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="purpose" label="来访事由" rules={[zodRule(f.purpose)]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={5}>
                  <Form.Item name="carPlate" label="车牌(选填)" rules={[zodRule(f.carPlate)]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name="people" label="人数" rules={[zodRule(f.people)]}>
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={8} style={{ display: 'flex', alignItems: 'center' }}>
                  <Button type="primary" htmlType="submit" loading={expect.isPending}>登记预约(Enter)</Button>
                </Col>
              </Row>
            </Form>
          </div>
        </Card>
      )}
      <Card size="small" title="预约访客" extra={<DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} />}>
        <ExpectedTable date={day.format('YYYY-MM-DD')} canEdit={canEdit} />
      </Card>
    </Space>
  )
}
