import { SafetyCertificateOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import type { DepositRow, PermitAttachment, PermitFile, PermitView } from '../../../shared/permit/apiSchema'
import type { PermitSealReport } from '../../../shared/permit/seal'
import { yuan } from '../../../shared/permit/settings'
import { useDeskMutation } from '../api/hooks'

/** The seal is broken: the record was changed outside the app; nothing may be done with it. */
export function SealWarning({ v }: { v: PermitView }) {
  if (v.seal.ok) return null
  return (
    <Alert
      type="error"
      showIcon
      data-testid="permit-seal-broken"
      message="记录与封存不符,可能被改动:不能使用、打印、延期或作废,请联系客服主管核查"
      description={v.seal.problems.join(';')}
    />
  )
}

/** The files filed with the application: open for the roles that review them (each opening is audited). */
export function Attachments({ v }: { v: PermitView }) {
  const [shown, setShown] = useState<PermitFile | null>(null)
  const open = useDeskMutation('permit.file', { onSuccess: setShown })
  if (!v.attachments.length) return null
  return (
    <Card size="small" title="附件(身份证、证书复印件等)" data-testid="permit-attachments">
      <Table<PermitAttachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={v.attachments}
        columns={[
          { title: '名称', dataIndex: 'label' },
          { title: '文件', dataIndex: 'fileName' },
          { title: '大小', dataIndex: 'sizeBytes', render: (n: number) => `${Math.ceil(n / 1024)} KB` },
          {
            title: '',
            render: (_, f) =>
              f.readable ? (
                <Button size="small" onClick={() => open.mutate({ id: f.id })} loading={open.isPending}>
                  查看
                </Button>
              ) : (
                <Typography.Text type="secondary">仅审核人员可查看</Typography.Text>
              ),
          },
        ]}
      />
      <Modal open={!!shown} title={shown?.label} footer={null} onCancel={() => setShown(null)} width={720} destroyOnHidden>
        {shown && (shown.mime === 'application/pdf' ? <iframe title={shown.fileName} src={shown.dataUrl} style={{ width: '100%', height: 600, border: 0 }} /> : <img alt={shown.label} src={shown.dataUrl} style={{ maxWidth: '100%' }} />)}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          本次查看已记入审计日志。
        </Typography.Paragraph>
      </Modal>
    </Card>
  )
}

/** 装修验收: the renovation passed; the 装修押金 still held is refunded, less a deduction with its reason. */
export function InspectButton({ v }: { v: PermitView }) {
  const [open, setOpen] = useState(false)
  const [form] = Form.useForm()
  const inspect = useDeskMutation('permit.inspect', { form, success: '已验收,装修押金已退', onSuccess: () => setOpen(false) })
  const held = v.deposit.renovationDepositHeldFen
  if (v.record.kind !== 'renovation' || held <= 0 || !v.seal.ok) return null
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="permit-inspect">
        验收退押金
      </Button>
      <Modal title={`装修验收 · 退装修押金(未退 ${yuan(held)})`} open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="验收合格,退押金" confirmLoading={inspect.isPending} forceRender>
        <Form
          form={form}
          layout="vertical"
          onFinish={(x) =>
            inspect.mutate({
              id: v.id,
              inspector: x.inspector,
              note: x.note || undefined,
              deductFen: x.deductFen ? Math.round(Number(x.deductFen) * 100) : undefined,
              deductReason: x.deductReason || undefined,
            })
          }
        >
          <Form.Item name="inspector" label="验收人" rules={[{ required: true, message: '验收人不能为空' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="note" label="验收意见">
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
          <Space>
            <Form.Item name="deductFen" label="扣款(元)">
              <InputNumber min={0} precision={2} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="deductReason" label="扣款原因">
              <Input style={{ width: 280 }} maxLength={100} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </>
  )
}

/** 校验: every permit against its keyed history and every terminal's chain; what is broken, and why. */
export function SealCheckButton() {
  const [report, setReport] = useState<PermitSealReport | null>(null)
  const check = useDeskMutation('permit.checkSeals', { onSuccess: setReport })
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} onClick={() => check.mutate({})} loading={check.isPending} data-testid="permit-check-seals">
        校验证件记录
      </Button>
      <Modal title="校验证件记录" open={!!report} onCancel={() => setReport(null)} footer={null} width={760}>
        {report && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="seal-report">
            <Alert
              type={report.ok ? 'success' : 'error'}
              showIcon
              message={report.ok ? `全部 ${report.checked} 份证件与封存记录一致(封存记录 ${report.seals} 条)` : `${report.broken.length} 处与封存记录不符(共校验 ${report.checked} 份证件、${report.seals} 条封存记录)`}
            />
            {!report.ok && (
              <Table
                rowKey={(b) => `${b.id}-${b.reason}`}
                size="small"
                pagination={false}
                dataSource={report.broken}
                columns={[
                  { title: '编号', dataIndex: 'serial', width: 130 },
                  { title: '证件', dataIndex: 'kindName', width: 120 },
                  { title: '问题', dataIndex: 'reason' },
                ]}
              />
            )}
          </Space>
        )}
      </Modal>
    </>
  )
}

/** 押金台账 rows: what was taken, given back or kept (with the reason), by whom and on which receipt. */
export function DepositLedgerTable({ rows }: { rows: DepositRow[] }) {
  return (
    <Table<DepositRow>
      rowKey="id"
      size="small"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={rows}
      data-testid="deposit-ledger"
      columns={[
        { title: '时间', dataIndex: 'at', width: 130 },
        { title: '事项', dataIndex: 'label' },
        { title: '金额', dataIndex: 'amountFen', render: (f: number, r) => (r.kind === 'charge' ? yuan(f) : `-${yuan(f)}`) },
        { title: '证件', dataIndex: 'passSerial' },
        { title: '人员', dataIndex: 'workerName' },
        { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '' },
        { title: '收据号', dataIndex: 'receiptNo' },
        { title: '经办', dataIndex: 'staffName' },
      ]}
    />
  )
}

/** The money booked on a pass (its chain of re-issues) or an extension, on its own page. */
export function DepositCard({ v }: { v: PermitView }) {
  if (v.record.kind === 'renovation' || !v.ledger.length) return null
  return (
    <Card size="small" title="押金与费用" data-testid="permit-money">
      <DepositLedgerTable rows={v.ledger} />
    </Card>
  )
}
