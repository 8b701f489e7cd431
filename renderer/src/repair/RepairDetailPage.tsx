import { Alert, Button, Card, Col, Descriptions, Image, Row, Space, Spin, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { spanLabel } from '../../../shared/reception/clock'
import { REPAIR_CLOCK_LABELS } from '../../../shared/repair/clocks'
import { REPAIR_STATE_LABELS, REPAIR_STEP_LABELS, type RepairStep } from '../../../shared/repair/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { call } from '../api/transport'
import { downloadPdf } from '../print/download'
import { go } from '../router'
import { ClockTags } from './ClockTags'
import { EditRepair } from './EditRepair'
import { siteStamp } from './format'
import { StepForms } from './StepForms'
import { useServerNow } from './useServerNow'

function stepText(s: RepairStep): string {
  switch (s.step) {
    case 'forward':
      return `接单人 ${s.who}${s.note ? `:${s.note}` : ''}`
    case 'told':
      return `已告知业主并通知管家 ${s.who}:${s.note}`
    case 'arrive':
      return s.who ?? ''
    case 'complete':
      return `${s.who}:${s.result}${s.materials ? `;材料 ${s.materials}` : ''}${s.charges ? `;收费 ${s.charges}` : ''}`
    case 'callback':
      return s.reached ? `业主${s.satisfied ? '满意' : '不满意'}${s.note ? `:${s.note}` : ''}` : `未联系上:${s.note}${s.closes ? '(结案)' : ''}`
  }
}

/** One repair order: what was taken down, its clocks live, its steps, the next step's form, the 维修单 to print. */
export function RepairDetailPage({ id, tz }: { id: string; tz: string }) {
  const o = useDesk('repair.get', { id })
  const now = useServerNow(o.data?.now, o.dataUpdatedAt)
  const print = useDeskMutation('repair.print', { onSuccess: (p) => downloadPdf(p.fileName, p.pdfBase64) })
  const [photos, setPhotos] = useState<Record<string, string>>({})
  if (o.error) return <Alert type="error" message={o.error.message} />
  if (!o.data) return <Spin />
  const d = o.data
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="repair-detail">
      <Space>
        <Button onClick={() => go('/repairs')}>返回报修台</Button>
        <Button type="primary" onClick={() => print.mutate({ id })} loading={print.isPending} data-testid="print-order">
          打印维修单
        </Button>
        <EditRepair o={d} tz={tz} />
      </Space>
      <Row gutter={12}>
        <Col span={14}>
          <Card size="small" title={<Space>{`维修单 ${d.serial}`}{d.urgent && <Tag color="red">急修</Tag>}<Tag>{REPAIR_STATE_LABELS[d.state]}</Tag></Space>}>
            <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="房屋">{d.unitLabel}</Descriptions.Item>
              <Descriptions.Item label="类别">{d.category}</Descriptions.Item>
              <Descriptions.Item label="联系人">{d.contactName}</Descriptions.Item>
              <Descriptions.Item label="联系电话">{d.contactPhone}</Descriptions.Item>
              <Descriptions.Item label="报修时间">{siteStamp(d.receivedAt, tz)}</Descriptions.Item>
              <Descriptions.Item label="预约时间">{d.appointmentAt ? siteStamp(d.appointmentAt, tz) : '尽快'}</Descriptions.Item>
              <Descriptions.Item label="报修内容" span={2}>{d.content}</Descriptions.Item>
              <Descriptions.Item label="登记人">{d.staffName}</Descriptions.Item>
              <Descriptions.Item label="时限">
                <ClockTags clocks={d.clocks} now={now} />
              </Descriptions.Item>
            </Descriptions>
            {d.breaches.length > 0 && (
              <Alert
                style={{ marginTop: 8 }}
                type="error"
                data-testid="repair-breaches"
                message={d.breaches.map((b) => `${REPAIR_CLOCK_LABELS[b.clock]}超时${spanLabel(b.overMs)}(应于 ${siteStamp(b.dueAt, tz)},实际 ${siteStamp(b.stoppedAt, tz)})`).join(';')}
              />
            )}
            {d.photos.length > 0 && (
              <Space style={{ marginTop: 8 }} wrap>
                {d.photos.map((p) =>
                  photos[p.id] ? (
                    <Image key={p.id} src={photos[p.id]} width={96} alt={p.label} />
                  ) : (
                    <Button key={p.id} size="small" onClick={() => void call('repair.photo', { id: p.id }).then((f) => setPhotos((m) => ({ ...m, [p.id]: f.dataUrl })))}>
                      照片:{p.label}
                    </Button>
                  ),
                )}
              </Space>
            )}
          </Card>
          <Card size="small" title="处理经过" style={{ marginTop: 12 }} data-testid="repair-steps">
            <Timeline
              items={[
                { color: 'blue', children: `${siteStamp(d.receivedAt, tz)} 登记报修(${d.staffName})` },
                ...d.steps.map((s) => ({
                  color: s.step === 'callback' && s.closes ? 'green' : 'blue',
                  children: (
                    <span>
                      {siteStamp(s.at, tz)} <Typography.Text strong>{REPAIR_STEP_LABELS[s.step]}</Typography.Text> {stepText(s)}
                      <Typography.Text type="secondary"> · {s.staffName}</Typography.Text>
                    </span>
                  ),
                })),
              ]}
            />
          </Card>
        </Col>
        <Col span={10}>
          <StepForms o={d} />
        </Col>
      </Row>
    </Space>
  )
}
