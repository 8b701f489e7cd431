import { Button, Card, Col, Empty, Form, Row, Space, Table, Typography } from 'antd'
import { useRef, useState } from 'react'
import type { SessionInfo } from '../../../shared/staff/schema'
import { KEEPS_COLLECTORS, SPARE_KEY_DESK_ROLES, type SpareKeyCollector, type SpareKeyDeposit } from '../../../shared/spareKeys/schema'
import { call } from '../api/transport'
import { useDesk } from '../api/hooks'
import { UnitPicker } from '../duty/UnitPicker'
import { downloadPdf } from '../print/download'
import { CollectorForm, EndCollectorModal } from './CollectorForm'
import { DepositForm } from './DepositForm'
import { HandOverForm, type HandOverHandle } from './HandOverForm'
import { ReturnModal } from './ReturnModal'
import { SpareKeyHistory } from './SpareKeyHistory'
import { SpareKeyStateTag, UnitSpareKeys } from './UnitSpareKeys'
import { useWhen } from './when'

/**
 * 业主寄存钥匙 (a tab of 钥匙管理), unit first: the room typed in the box (the focus is there) shows the
 * unit's bags and who may collect them; beside them, the release by ID number and the deposit form.
 * With no unit chosen, every bag at the desk is listed.
 */
export function SpareKeysPanel({ me }: { me: SessionInfo }) {
  const roles = me.staff.roles
  const desk = roles.some((r) => SPARE_KEY_DESK_ROLES.includes(r))
  const keeps = roles.some((r) => KEEPS_COLLECTORS.includes(r))
  const [unitId, setUnitId] = useState<string | undefined>()
  const [picker] = Form.useForm()
  const unit = useDesk('unit.get', { id: unitId ?? '' }, { enabled: !!unitId })
  const mine = useDesk('spareKey.forUnit', { unitId: unitId ?? '' }, { enabled: !!unitId })
  const all = useDesk('spareKey.list', {}, { enabled: !unitId })
  const when = useWhen()
  const hand = useRef<HandOverHandle>(null)
  const [returning, setReturning] = useState<SpareKeyDeposit | null>(null)
  const [adding, setAdding] = useState(false)
  const [ending, setEnding] = useState<SpareKeyCollector | null>(null)
  const [history, setHistory] = useState(false)
  const choose = (id: string | undefined) => {
    setUnitId(id)
    picker.setFieldsValue({ unitId: id })
  }
  const print = (d: SpareKeyDeposit) => void call('spareKey.printReceipt', { id: d.id }).then((r) => downloadPdf(r.fileName, r.pdfBase64))
  const actions = (d: SpareKeyDeposit) =>
    desk ? (
      <Space size={4}>
        {d.state === 'held' && (
          <Button size="small" type="primary" onClick={() => hand.current?.pick(d.id)}>
            领取
          </Button>
        )}
        {d.state === 'out' && (
          <Button size="small" type="primary" onClick={() => setReturning(d)}>
            归还
          </Button>
        )}
        <Button size="small" onClick={() => print(d)}>
          回执
        </Button>
      </Space>
    ) : null
  const label = unit.data?.unit.label ?? ''
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="spare-keys">
      <Card size="small">
        <Form form={picker} layout="inline" name="spareUnit">
          <Form.Item name="unitId" label="房屋" style={{ minWidth: 360 }}>
            <UnitPicker onChange={choose} />
          </Form.Item>
          {unitId && (
            <Space>
              <Button onClick={() => setHistory(true)} data-testid="spare-history-open">
                记录(含拒绝领取)
              </Button>
              <Button type="link" onClick={() => choose(undefined)}>
                全部寄存
              </Button>
            </Space>
          )}
          {!unitId && <Typography.Text type="secondary">输入房号、业主姓名或电话,查看该房屋寄存的钥匙和授权领取人</Typography.Text>}
        </Form>
      </Card>
      {unitId ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <UnitSpareKeys
            unitId={unitId}
            depositActions={actions}
            extra={
              keeps ? (
                <Button size="small" type="primary" onClick={() => setAdding(true)} data-testid="collector-add">
                  添加授权领取人
                </Button>
              ) : (
                <Typography.Text type="secondary">由客服管理员或主管登记</Typography.Text>
              )
            }
            collectorActions={(c) =>
              keeps && c.status !== 'ended' ? (
                <Button size="small" danger onClick={() => setEnding(c)}>
                  终止
                </Button>
              ) : null
            }
          />
          {desk && (
            <Row gutter={12}>
              <Col span={12}>
                <HandOverForm ref={hand} deposits={mine.data?.deposits ?? []} key={unitId} />
              </Col>
              <Col span={12}>
                <DepositForm unitId={unitId} key={`d-${unitId}`} />
              </Col>
            </Row>
          )}
        </Space>
      ) : (
        <Card size="small" title={`服务中心寄存的业主钥匙(${all.data?.length ?? 0} 袋,在库 ${(all.data ?? []).filter((d) => d.state === 'held').reduce((s, d) => s + d.keyCount, 0)} 把)`}>
          <Table<SpareKeyDeposit>
            rowKey="id"
            size="small"
            loading={all.isLoading}
            dataSource={all.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有寄存的钥匙" /> }}
            columns={[
              { title: '房号', dataIndex: 'unitLabel' },
              { title: '业主', dataIndex: 'ownerName' },
              { title: '钥匙', render: (_, d) => `${d.description} ${d.keyCount}把` },
              { title: '封袋', dataIndex: 'bagNo' },
              { title: '回执号', dataIndex: 'receiptNo' },
              { title: '寄存时间', dataIndex: 'depositedAt', render: (v: string) => when(v) },
              { title: '状态', render: (_, d) => <SpareKeyStateTag d={d} /> },
              { title: '', render: (_, d) => <Button size="small" onClick={() => choose(d.unitId)}>查看</Button> },
            ]}
          />
        </Card>
      )}
      <ReturnModal deposit={returning} onClose={() => setReturning(null)} />
      {unitId && <CollectorForm unitId={unitId} open={adding} onClose={() => setAdding(false)} />}
      <EndCollectorModal collector={ending} onClose={() => setEnding(null)} />
      <SpareKeyHistory unitId={history ? (unitId ?? null) : null} title={label} onClose={() => setHistory(false)} />
    </Space>
  )
}
