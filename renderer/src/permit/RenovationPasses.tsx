import { PrinterOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Drawer, Form, Input, Space, Statistic, Table, Tag } from 'antd'
import { useState } from 'react'
import type { PermitRow, PermitView } from '../../../shared/permit/apiSchema'
import { useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { ApplicantFields, applicantOf } from './ApplicantFields'
import { ApplyDrawer } from './ApplyDrawer'
import { initialWorkers, toWorkers, WorkerRows } from './forms/WorkerRows'
import { DepositLedgerTable } from './PermitExtras'
import { PermitTable } from './PermitTable'

const yuan = (fen: number) => `${(fen / 100).toFixed(2)} 元`

/**
 * A renovation's crew: worker passes issued as a batch (deposit and fee in the ledger), printed
 * 8 to an A4 sheet; extensions filed from here re-issue the live passes when approved.
 */
export function RenovationPasses({ v }: { v: PermitView }) {
  const [issuing, setIssuing] = useState(false)
  const [extending, setExtending] = useState(false)
  const [selected, setSelected] = useState<string[]>([])
  const [form] = Form.useForm()
  const issue = useDeskMutation('workerPass.issueBatch', {
    form,
    success: '出入证已办理',
    onSuccess: (passes) => {
      setIssuing(false)
      form.resetFields()
      setSelected(passes.map((p) => p.id))
    },
  })
  const print = useDeskMutation('permit.printPasses', { onSuccess: (r) => downloadPdf(r.fileName, r.pdfBase64) })
  const live = v.effectiveState === 'approved' || v.effectiveState === 'issued'
  const passes = v.children.filter((c) => c.kind === 'workerPass')
  const extensions = v.children.filter((c) => c.kind === 'extension')
  return (
    <Card
      size="small"
      title="装修人员出入证与延期"
      data-testid="renovation-passes"
      extra={
        <Space>
          <Button icon={<PlusOutlined />} disabled={!live} onClick={() => setIssuing(true)} data-testid="issue-passes">
            办理出入证
          </Button>
          <Button icon={<PrinterOutlined />} disabled={!selected.length} loading={print.isPending} onClick={() => print.mutate({ ids: selected })} data-testid="print-passes">
            打印所选出入证({selected.length})
          </Button>
          <Button disabled={!live} onClick={() => setExtending(true)} data-testid="apply-extension">
            申请延期
          </Button>
        </Space>
      }
    >
      <Table<PermitRow>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={passes}
        data-testid="pass-table"
        rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), getCheckboxProps: (p) => ({ disabled: p.state !== 'approved' && p.state !== 'issued' }) }}
        locale={{ emptyText: '尚未办理出入证' }}
        columns={[
          { title: '编号', dataIndex: 'serial' },
          { title: '姓名', dataIndex: 'holderName' },
          { title: '有效期', render: (_, p) => `${p.validFrom} 至 ${p.validUntil}` },
          { title: '状态', render: (_, p) => <Tag>{p.stateLabel}</Tag> },
          { title: '补办自', dataIndex: 'replacesSerial', render: (s) => s ?? '' },
        ]}
      />
      {extensions.length > 0 && <PermitTable rows={extensions} />}
      <Space size="large" style={{ margin: '12px 0' }}>
        <Statistic title="已收押金" value={yuan(v.deposit.depositChargedFen)} />
        <Statistic title="已收工本费" value={yuan(v.deposit.feeChargedFen)} />
        <Statistic title="已退押金" value={yuan(v.deposit.depositRefundedFen)} />
        <Statistic title="在押押金" value={yuan(v.deposit.depositHeldFen)} />
        <Statistic title="装修押金(未退)" value={yuan(v.deposit.renovationDepositHeldFen)} />
        {v.deposit.extensionFeeChargedFen > 0 && <Statistic title="延期费用" value={yuan(v.deposit.extensionFeeChargedFen)} />}
      </Space>
      <DepositLedgerTable rows={v.ledger} />
      <Drawer open={issuing} width={920} title={`办理装修人员出入证 · ${v.record.serial}`} onClose={() => setIssuing(false)} extra={<Button type="primary" loading={issue.isPending} onClick={() => form.submit()} data-testid="issue-submit">办理</Button>} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ applicant: { role: 'lead' }, workers: initialWorkers() }}
          onFinish={(x) =>
            issue.mutate({
              renovationId: v.id,
              applicant: applicantOf(x.applicant),
              receiptNo: x.receiptNo || undefined,
              workers: toWorkers(x.workers) as never,
            })
          }
        >
          <ApplicantFields kind="workerPass" unitId={v.record.unitId} form={form} />
          <Form.Item name="receiptNo" label="财务收据号(押金与工本费)" style={{ maxWidth: 320 }}>
            <Input />
          </Form.Item>
          <WorkerRows />
        </Form>
      </Drawer>
      {extending && <ApplyDrawer kind="extension" unitId={v.record.unitId} renovationSerial={v.record.serial ?? undefined} onClose={() => setExtending(false)} />}
    </Card>
  )
}
