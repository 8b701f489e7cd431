import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { Button, Card, Descriptions, Form, Image, Input, Modal, Result, Space, Spin, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { PERMIT_DESK_ROLES } from '../../../shared/permit/apiSchema'
import { APPLICANT_ROLE_LABELS, CONSENT_METHOD_LABELS } from '../../../shared/permit/kinds'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { go } from '../router'
import { fieldPairs } from './labels'
import { STATE_COLORS } from './PermitTable'
import { RenovationPasses } from './RenovationPasses'
import { ReviewPanel } from './ReviewPanel'
import { Attachments, DepositCard, InspectButton, SealWarning } from './PermitExtras'
import { yuan } from '../../../shared/permit/settings'

/** One application or document: its fields, approvals, prints, and what can be done with it now. */
export function PermitDetail({ id, me }: { id: string; me: SessionInfo }) {
  const q = useDesk('permit.get', { id })
  const print = useDeskMutation('permit.print', { onSuccess: (r) => downloadPdf(r.fileName, r.pdfBase64) })
  const [voiding, setVoiding] = useState(false)
  const [form] = Form.useForm()
  const voidIt = useDeskMutation('permit.void', { form, success: '已作废', onSuccess: () => (setVoiding(false), form.resetFields()) })
  const ret = useDeskMutation('permit.return', { success: '已交回' })
  const desk = me.staff.roles.some((r) => PERMIT_DESK_ROLES.includes(r))
  if (q.isLoading) return <Spin />
  if (!q.data) return <Result status="warning" title={q.error?.message ?? '证件不存在'} />
  const v = q.data
  const r = v.record
  const printLabel = v.prints.length ? `补打(第${v.prints.length}次)` : '打印'
  const canVoid = v.seal.ok && ['draft', 'inReview', 'approved', 'issued'].includes(v.effectiveState)
  const holdsDeposit = (r.kind === 'workerPass' && v.deposit.depositHeldFen > 0) || (r.kind === 'renovation' && v.deposit.renovationDepositHeldFen > 0)
  const canReturn = v.effectiveState === 'issued' && (r.kind === 'workerPass' || r.kind === 'renovation' || r.kind === 'hotWork')
  const photo = (r.fields as { photo?: string }).photo
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="permit-detail">
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => go('/permits')} />
            <span data-testid="permit-title">
              {v.kindName} {r.serial}
            </span>
            <Tag color={STATE_COLORS[v.effectiveState]} data-testid="permit-state">
              {v.stateLabel}
            </Tag>
          </Space>
        }
        extra={
          desk && (
            <Space>
              <Button type="primary" icon={<PrinterOutlined />} disabled={!v.printable.ok} title={v.printable.reason} loading={print.isPending} onClick={() => print.mutate({ id })} data-testid="permit-print">
                {printLabel}
              </Button>
              <InspectButton v={v} />
              {canReturn && v.seal.ok && (
                <Button onClick={() => ret.mutate({ id })} loading={ret.isPending} data-testid="permit-return">
                  交回{r.kind === 'workerPass' ? '(退押金)' : ''}
                </Button>
              )}
              {canVoid && (
                <Button danger onClick={() => setVoiding(true)} data-testid="permit-void">
                  作废
                </Button>
              )}
            </Space>
          )
        }
      >
        <SealWarning v={v} />
        {!v.printable.ok && v.printable.reason && v.seal.ok && (
          <Typography.Paragraph type="secondary" data-testid="print-blocked">
            不能打印:{v.printable.reason}
          </Typography.Paragraph>
        )}
        <Space align="start" size="large">
          {photo && <Image width={90} src={photo} alt="照片" />}
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label="房屋">{r.unitLabel}</Descriptions.Item>
            <Descriptions.Item label="申请人">
              {r.applicant.name}({APPLICANT_ROLE_LABELS[r.applicant.role]}) {r.applicant.phone}
            </Descriptions.Item>
            <Descriptions.Item label="有效期">
              <Typography.Text strong>
                {r.validFrom} 至 {r.validUntil}
              </Typography.Text>
            </Descriptions.Item>
            {r.ownerConsent && (
              <Descriptions.Item label="业主同意" span={3}>
                {r.ownerConsent.ownerName} · {CONSENT_METHOD_LABELS[r.ownerConsent.method]} {r.ownerConsent.note ?? ''}
              </Descriptions.Item>
            )}
            {v.renovation && (
              <Descriptions.Item label="所属装修" span={3}>
                <a onClick={() => go(`/permits/${v.renovation!.id}`)}>{v.renovation.serial}</a>({v.renovation.validFrom} 至 {v.renovation.validUntil})
              </Descriptions.Item>
            )}
            {v.replaces && <Descriptions.Item label="补办自">{v.replaces.serial}</Descriptions.Item>}
            {v.replacedBy && <Descriptions.Item label="已补办为">{v.replacedBy.serial}</Descriptions.Item>}
            {r.voidReason && <Descriptions.Item label="作废原因">{r.voidReason}</Descriptions.Item>}
            {fieldPairs(r.fields as Record<string, unknown>, r.validUntil).map(([k, val]) => (
              <Descriptions.Item key={k} label={k}>
                {val}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Space>
      </Card>
      <ReviewPanel v={v} />
      <Attachments v={v} />
      {desk && <DepositCard v={v} />}
      {r.kind === 'renovation' && desk && <RenovationPasses v={v} />}
      {v.prints.length > 0 && (
        <Card size="small" title="打印记录">
          <Table
            rowKey={(p) => `${p.at}-${p.reprint}`}
            size="small"
            pagination={false}
            dataSource={v.prints}
            columns={[
              { title: '时间', dataIndex: 'at' },
              { title: '经办', dataIndex: 'staffName' },
              { title: '', dataIndex: 'reprint', render: (n: number) => (n ? `补打(第${n}次)` : '首次打印') },
            ]}
          />
        </Card>
      )}
      <Modal title="作废证件" open={voiding} onCancel={() => setVoiding(false)} onOk={() => form.submit()} okText="作废" okButtonProps={{ danger: true, 'data-testid': 'void-submit' } as never} forceRender>
        <Form form={form} layout="vertical" onFinish={(x) => voidIt.mutate({ id, reason: x.reason, depositWithheld: x.depositWithheld || undefined })}>
          <Form.Item name="reason" label="作废原因" rules={[{ required: true, message: '作废原因不能为空' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {holdsDeposit && (
            <Form.Item
              name="depositWithheld"
              label="押金不退原因"
              extra={`未退押金 ${yuan(r.kind === 'renovation' ? v.deposit.renovationDepositHeldFen : v.deposit.depositHeldFen)}:不填则作废时退还;填写原因(如出入证遗失)则不予退还,记入押金台账。`}
            >
              <Input maxLength={100} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  )
}
