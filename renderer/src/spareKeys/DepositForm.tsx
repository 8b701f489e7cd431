import { Button, Card, Col, Form, Input, Row, Select } from 'antd'
import { useEffect } from 'react'
import { spareKeyDepositInput } from '../../../shared/spareKeys/schema'
import { call } from '../api/transport'
import { useDesk, useDeskMutation } from '../api/hooks'
import { enterSubmits } from '../forms/enterSubmits'
import { zodRule } from '../forms/zodRule'
import { downloadPdf } from '../print/download'

const f = spareKeyDepositInput.shape
/** Suggestions for 钥匙说明, as a datalist: an AutoComplete list would hold Tab back while it is open. */
const WHAT = ['入户门钥匙', '信报箱钥匙', '车库门钥匙', '单元门钥匙', '储藏室钥匙', '入户门钥匙及门禁卡']

/**
 * 寄存登记: the owner (from the registry: only a registered owner of the unit deposits), what is held,
 * how many keys, the sealed bag's number. Tab runs 业主 → 钥匙说明 → 数量 → 封袋编号 → 备注; Enter saves
 * from any field, and the 寄存回执 goes to the printer at once for the owner to sign.
 */
export function DepositForm({ unitId }: { unitId: string }) {
  const [form] = Form.useForm()
  const unit = useDesk('unit.get', { id: unitId })
  const owners = (unit.data?.residents ?? []).filter((r) => r.kind === 'owner')
  const only = owners.length === 1 ? owners[0].id : undefined
  // One registered owner (the usual case): already chosen, so the clerk starts at 钥匙说明.
  useEffect(() => {
    if (only && !form.getFieldValue('ownerResidentId')) form.setFieldsValue({ ownerResidentId: only })
  }, [only, form])
  const save = useDeskMutation('spareKey.deposit', {
    form,
    success: '已寄存,回执已送打印',
    onSuccess: (d) => {
      form.resetFields()
      if (only) form.setFieldsValue({ ownerResidentId: only })
      void call('spareKey.printReceipt', { id: d.id }).then((r) => downloadPdf(r.fileName, r.pdfBase64))
    },
  })
  return (
    <Card size="small" title="寄存登记" data-testid="spare-deposit">
      <div onKeyDownCapture={enterSubmits(() => form.submit())}>
        <Form
          form={form}
          name="spareDeposit"
          layout="vertical"
          initialValues={{ keyCount: '1' }}
          onFinish={(v) => save.mutate({ unitId, ownerResidentId: v.ownerResidentId ?? '', description: v.description ?? '', keyCount: v.keyCount, bagNo: v.bagNo ?? '', note: v.note || undefined })}
        >
          <Row gutter={8}>
            <Col span={10}>
              <Form.Item name="ownerResidentId" label="业主" rules={[{ required: true, message: owners.length ? '请选择寄存的业主' : '该房屋没有登记业主,请先在房屋住户中登记' }]}>
                <Select placeholder={owners.length ? '选择登记的业主' : '未登记业主'} options={owners.map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="description" label="钥匙说明" rules={[zodRule(f.description)]}>
                <Input list="spare-key-what" autoComplete="off" placeholder="如:入户门钥匙" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="keyCount" label="数量(把)" rules={[zodRule(f.keyCount)]}>
                <Input autoComplete="off" inputMode="numeric" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="bagNo" label="封袋编号" rules={[zodRule(f.bagNo)]}>
                <Input autoComplete="off" placeholder="封袋上的编号" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="note" label="备注" rules={[zodRule(f.note)]}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <datalist id="spare-key-what">
            {WHAT.map((w) => (
              <option key={w} value={w} />
            ))}
          </datalist>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="spare-deposit-save">
            寄存并打印回执(Enter)
          </Button>
        </Form>
      </div>
    </Card>
  )
}
