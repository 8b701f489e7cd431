import { Alert, Button, Card, Col, Descriptions, Form, Row, Select, Space, Tag, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { RESIDENT_KIND_LABELS } from '../../../shared/registry/schema'
import type { MoveInRow } from '../../../shared/moveIn/schema'
import { fenToYuanText } from '../../../shared/validate/money'
import { useDesk, useDeskMutation } from '../api/hooks'
import { CardNoInput, type CardEntry } from '../cards/CardNoInput'
import { HolderSignature } from '../cards/HolderSignature'
import { SignatureBox } from '../duty/SignatureBox'
import { enterSubmits } from '../forms/enterSubmits'
import { usePrintDoc } from '../homeService/printDoc'
import { ChecklistFields } from './ChecklistFields'

/**
 * One checklist being handed over: the counts and documents (correctable until the signature), the
 * access cards issued here through the card register (a card on the reader issues it at once), and
 * the new owner's signature — a signature line on paper, and a drawn one if wanted.
 */
export function MoveInDetail({ moveIn: m, documents, onClose }: { moveIn: MoveInRow; documents: string[]; onClose: () => void }) {
  const unit = useDesk('unit.get', { id: m.unitId })
  const kinds = useDesk('card.kinds', {})
  // Where the site asks the card holder to sign for a card (项目设置 › 门禁卡签收手写签名), as at 发卡.
  const needCardSignature = !!useDesk('site.get', {}).data?.cardSignature
  const [signatureRound, setSignatureRound] = useState(0)
  const printDoc = usePrintDoc()
  const [list] = Form.useForm()
  const [cardForm] = Form.useForm()
  const [signForm] = Form.useForm()
  // How the number came in, read when saving (a ref: the reader's Enter saves before React re-renders).
  const entry = useRef<CardEntry>('typed')
  const setEntry = (e: CardEntry) => void (entry.current = e)
  const [readProblem, setProblem] = useState<string | null>(null)
  const [drawn, setDrawn] = useState<string | undefined>()
  const residents = (unit.data?.residents ?? []).filter((r) => r.kind !== 'tenant')
  const owners = residents.filter((r) => r.kind === 'owner')
  const kindId = Form.useWatch('kindId', cardForm) as string | undefined
  const kind = kinds.data?.find((k) => k.id === kindId)
  useEffect(() => {
    list.setFieldsValue({ doorKeys: m.doorKeys, electricityCards: m.electricityCards, waterCards: m.waterCards, mailboxKeys: m.mailboxKeys, documents: m.documents, note: m.note ?? '' })
  }, [m, list])
  useEffect(() => {
    if (!cardForm.getFieldValue('kindId') && kinds.data?.length === 1) cardForm.setFieldValue('kindId', kinds.data[0].id)
  }, [kinds.data, cardForm])
  const focusNumber = () => setTimeout(() => (cardForm.getFieldInstance('cardNo') as { focus?: () => void } | undefined)?.focus?.(), 0)
  // The checklist opened: the card number field waits for the reader (the next thing handed over).
  useEffect(() => {
    const t = setTimeout(() => (cardForm.getFieldInstance('cardNo') as { focus?: () => void } | undefined)?.focus?.(), 50)
    return () => clearTimeout(t)
  }, [m.id, cardForm])
  const update = useDeskMutation('moveIn.update', { form: list, success: '交接清单已保存' })
  const issue = useDeskMutation('moveIn.issueCard', {
    form: cardForm,
    success: '门禁卡已发出',
    onSuccess: () => {
      cardForm.resetFields(['cardNo', 'holderSignature'])
      setSignatureRound((n) => n + 1)
      setEntry('typed')
      focusNumber()
    },
  })
  const sign = useDeskMutation('moveIn.sign', {
    form: signForm,
    success: '业主已签字,入住交接单已送打印',
    onSuccess: (x) => {
      void printDoc('moveIn.print', { id: x.id })
      onClose()
    },
  })
  return (
    <Card
      size="small"
      title={
        <Space>
          入住手续 {m.serial}
          <Tag color="orange">办理中</Tag>
        </Space>
      }
      extra={
        <Space>
          <Button size="small" onClick={() => void printDoc('moveIn.print', { id: m.id })}>打印草稿核对</Button>
          <Button size="small" onClick={onClose}>返回</Button>
        </Space>
      }
      data-testid="move-in-detail"
    >
      <Descriptions size="small" column={3} items={[{ label: '房屋', children: m.unitLabel }, { label: '新业主', children: m.ownerName }, { label: '经办', children: m.staffName }]} />
      <Typography.Title level={5}>一、交接清单</Typography.Title>
      <div onKeyDownCapture={enterSubmits(() => list.submit())}>
        <Form form={list} name="moveInChecklist" layout="vertical" onFinish={(v) => update.mutate({ id: m.id, ...v, documents: v.documents ?? [], note: v.note || undefined })}>
          <ChecklistFields documents={documents} />
          <Button htmlType="submit" loading={update.isPending} data-testid="move-in-update">保存清单</Button>
        </Form>
      </div>
      <Typography.Title level={5} style={{ marginTop: 16 }}>二、门禁卡(经门禁卡登记发放)</Typography.Title>
      <div data-testid="move-in-cards">
        {m.cards.length ? m.cards.map((c) => <Tag key={c.cardId} color="blue" data-testid={`move-in-card-${c.cardNo}`}>{c.kindName} {c.cardNo} · {c.holderName}</Tag>) : <Typography.Text type="secondary">尚未发卡</Typography.Text>}
      </div>
      {/* No capture-phase Enter here: the card number field must see the reader's Enter first (CardNoInput). */}
      <div>
        <Form
          form={cardForm}
          name="moveInCard"
          layout="vertical"
          style={{ marginTop: 8 }}
          initialValues={{ holderResidentId: m.ownerResidentId }}
          onFinish={(v) => issue.mutate({ moveInId: m.id, unitId: m.unitId, holderResidentId: v.holderResidentId, kindId: v.kindId, cardNo: v.cardNo ?? '', entry: entry.current, receiptNo: v.receiptNo || undefined, holderSignature: v.holderSignature || undefined })}
        >
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="holderResidentId" label="持卡人" rules={[{ required: true, message: '请选择持卡人' }]}>
                <Select options={residents.map((r) => ({ value: r.id, label: `${r.name}(${RESIDENT_KIND_LABELS[r.kind]})` }))} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="kindId" label="卡类" rules={[{ required: true, message: '请选择卡类' }]}>
                <Select options={(kinds.data ?? []).map((k) => ({ value: k.id, label: k.name }))} onChange={focusNumber} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="cardNo" label="卡号" rules={[{ required: true, message: '卡号不能为空' }]} validateStatus={readProblem ? 'error' : undefined} help={readProblem ?? undefined}>
                <CardNoInput onEntry={setEntry} onProblem={setProblem} onRead={() => setTimeout(() => cardForm.submit(), 0)} />
              </Form.Item>
            </Col>
            <Col span={7}>
              <Form.Item label=" ">
                <Space>
                  <Button type="primary" htmlType="submit" loading={issue.isPending} data-testid="move-in-card-save">发卡</Button>
                  <Typography.Text type="secondary">{kind ? `押金 ${fenToYuanText(kind.depositFen)} 元,工本费 ${fenToYuanText(kind.feeFen)} 元` : ''}</Typography.Text>
                </Space>
              </Form.Item>
            </Col>
          </Row>
          {needCardSignature && (
            <Form.Item name="holderSignature" rules={[{ required: true, message: '本项目要求持卡人手写签名:请持卡人在签名框内签名' }]}>
              <HolderSignature key={signatureRound} />
            </Form.Item>
          )}
        </Form>
      </div>
      <Typography.Title level={5} style={{ marginTop: 8 }}>三、业主签字</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 8 }} message="请业主核对以上钥匙、门禁卡与资料;签字后清单不能再修改,入住交接单打印留存。" />
      <div onKeyDownCapture={enterSubmits(() => signForm.submit())}>
        <Form form={signForm} name="moveInSign" layout="vertical" initialValues={{ ownerResidentId: m.ownerResidentId }} onFinish={(v) => sign.mutate({ id: m.id, ownerResidentId: v.ownerResidentId ?? '', ownerSignature: drawn })}>
          <Row gutter={12} align="bottom">
            <Col span={6}>
              <Form.Item name="ownerResidentId" label="签字业主" rules={[{ required: true, message: '请选择签字的新业主' }]}>
                <Select options={owners.map((o) => ({ value: o.id, label: o.name }))} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item>
                <SignatureBox label="手写签名(可选)" onChange={setDrawn} testId="move-in-signature" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item>
                <Button type="primary" htmlType="submit" loading={sign.isPending} data-testid="move-in-sign">业主签字确认并打印</Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </div>
    </Card>
  )
}
