import { App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag, Timeline, Typography } from 'antd'
import { useState } from 'react'
import { CARD_STATUS_LABELS, type CardRow, type CardStatus } from '../../../shared/cards/schema'
import { localDateTime } from '../../../shared/time/zone'
import { fenToYuanText } from '../../../shared/validate/money'
import { call } from '../api/transport'
import { useDesk, useDeskMutation } from '../api/hooks'
import { downloadPdf } from '../print/download'
import { CardNoInput, type CardEntry } from './CardNoInput'
import { HolderSignature } from './HolderSignature'
import { IssueCard } from './IssueCard'

const STATUS_COLOR: Record<CardStatus, string> = { active: 'green', lost: 'red', returned: 'default' }

/** The CSV the core made (UTF-8 with BOM), saved as a file for the gate controller's import. */
function downloadCsv(fileName: string, csv: string) {
  const a = document.createElement('a')
  a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }))
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000)
}

/** 门禁卡: issue, the cards with their state, lost → replace, return, stock per kind, the gate export. */
export function CardsPage() {
  const { message } = App.useApp()
  const site = useDesk('site.get', {})
  const tz = site.data?.timeZone ?? 'Asia/Shanghai'
  const [q, setQ] = useState('')
  const cards = useDesk('card.list', q.trim() ? { cardNo: q.trim() } : {})
  const [lostOf, setLostOf] = useState<CardRow | null>(null)
  const [replaceOf, setReplaceOf] = useState<CardRow | null>(null)
  const [historyOf, setHistoryOf] = useState<CardRow | null>(null)
  const exportList = useDeskMutation('card.exportBlockList', {
    onSuccess: (r) => {
      downloadCsv(r.fileName, r.csv)
      void message.success(`已导出 ${r.count} 张卡的状态`)
    },
  })
  const giveBack = useDeskMutation('card.return', { onSuccess: (r) => void message.success(`已退卡 ${r.cardNo},退押金 ${fenToYuanText(r.refundedFen)} 元`) })
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        门禁卡
      </Typography.Title>
      <IssueCard />
      <Card
        size="small"
        title="已发门禁卡"
        extra={
          <Space>
            <Input.Search allowClear placeholder="按卡号查找" onSearch={setQ} style={{ width: 200 }} aria-label="按卡号查找" />
            <Button onClick={() => exportList.mutate({ scope: 'changes' })} data-testid="card-export-changes">
              导出变动(上次导出以来)
            </Button>
            <Button onClick={() => exportList.mutate({ scope: 'all' })} data-testid="card-export-all">
              导出全部名单
            </Button>
          </Space>
        }
      >
        <Table<CardRow>
          size="small"
          rowKey="id"
          dataSource={cards.data ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: '卡号', dataIndex: 'cardNo', render: (v: string, c) => <span data-testid={`card-${v}`}>{v}{c.replacesCardNo ? <Typography.Text type="secondary">(补 {c.replacesCardNo})</Typography.Text> : null}</span> },
            { title: '卡类', dataIndex: 'kindName' },
            { title: '房号', dataIndex: 'unitLabel' },
            { title: '持卡人', dataIndex: 'holderName' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: CardStatus, c) => (
                <Tag color={STATUS_COLOR[s]}>
                  {CARD_STATUS_LABELS[s]}
                  {s === 'lost' ? (c.replacedByCardNo ? ` → ${c.replacedByCardNo}` : ',已停用') : ''}
                </Tag>
              ),
            },
            { title: '起始时间', dataIndex: 'since', render: (v: string) => localDateTime(v, tz) },
            { title: '押金', dataIndex: 'depositHeldFen', render: (v: number) => `${fenToYuanText(v)} 元` },
            {
              title: '操作',
              render: (_: unknown, c) => (
                <Space size={4} wrap>
                  {c.status === 'active' && (
                    <Button size="small" danger onClick={() => setLostOf(c)}>
                      挂失
                    </Button>
                  )}
                  {c.status === 'lost' && !c.replacedByCardNo && (
                    <Button size="small" type="primary" onClick={() => setReplaceOf(c)}>
                      补卡
                    </Button>
                  )}
                  {c.status === 'active' && (
                    <Popconfirm title={`退卡 ${c.cardNo},退押金 ${fenToYuanText(c.depositHeldFen)} 元?`} okText="退卡" cancelText="取消" onConfirm={() => giveBack.mutate({ id: c.id })}>
                      <Button size="small">退卡</Button>
                    </Popconfirm>
                  )}
                  <Button size="small" onClick={() => void call('card.printReceipt', { id: c.id }).then((r) => downloadPdf(r.fileName, r.pdfBase64))}>
                    签收单
                  </Button>
                  <Button size="small" type="link" onClick={() => setHistoryOf(c)}>
                    记录
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <StockCard />
      {lostOf && <LostModal card={lostOf} onClose={() => setLostOf(null)} />}
      {replaceOf && <ReplaceModal card={replaceOf} onClose={() => setReplaceOf(null)} />}
      {historyOf && <HistoryDrawer card={historyOf} tz={tz} onClose={() => setHistoryOf(null)} />}
    </Space>
  )
}

function LostModal({ card, onClose }: { card: CardRow; onClose: () => void }) {
  const [form] = Form.useForm()
  const lost = useDeskMutation('card.lost', { form, success: `已挂失 ${card.cardNo},该卡已停用`, onSuccess: onClose })
  return (
    <Modal open title={`挂失 ${card.kindName} ${card.cardNo}(${card.unitLabel} ${card.holderName})`} okText="挂失停用" okButtonProps={{ danger: true, loading: lost.isPending }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form form={form} name="cardLost" layout="vertical" initialValues={{ reporter: card.holderName }} onFinish={(v) => lost.mutate({ id: card.id, reporter: v.reporter, note: v.note || undefined })}>
        <Form.Item name="reporter" label="挂失人" rules={[{ required: true, message: '挂失人不能为空' }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="note" label="备注">
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function ReplaceModal({ card, onClose }: { card: CardRow; onClose: () => void }) {
  const [form] = Form.useForm()
  const [entry, setEntry] = useState<CardEntry>('typed')
  const [readProblem, setProblem] = useState<string | null>(null)
  const kinds = useDesk('card.kinds', {})
  const fee = kinds.data?.find((k) => k.id === card.kindId)?.replaceFeeFen
  const needSignature = !!useDesk('site.get', {}).data?.cardSignature
  const replace = useDeskMutation('card.replace', {
    form,
    success: '已补卡,签收单已送打印',
    onSuccess: (c) => {
      onClose()
      void call('card.printReceipt', { id: c.id }).then((r) => downloadPdf(r.fileName, r.pdfBase64))
    },
  })
  return (
    <Modal open title={`补卡:原卡 ${card.cardNo}(已挂失)`} okText="补卡" okButtonProps={{ loading: replace.isPending }} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {card.unitLabel} {card.holderName} · 新卡号不得用过;押金沿用原卡{fee !== undefined ? `,收补卡费 ${fenToYuanText(fee)} 元` : ''}。
      </Typography.Paragraph>
      <Form form={form} name="cardReplace" layout="vertical" onFinish={(v) => replace.mutate({ id: card.id, cardNo: v.cardNo ?? '', entry, receiptNo: v.receiptNo || undefined, holderSignature: v.holderSignature || undefined })}>
        <Form.Item name="cardNo" label="新卡号" rules={[{ required: true, message: '新卡号不能为空' }]} validateStatus={readProblem ? 'error' : undefined} help={readProblem ?? undefined}>
          <CardNoInput autoFocus onEntry={setEntry} onProblem={setProblem} />
        </Form.Item>
        <Form.Item name="receiptNo" label="收据号">
          <Input maxLength={40} />
        </Form.Item>
        {needSignature && (
          <Form.Item name="holderSignature" rules={[{ required: true, message: '本项目要求持卡人手写签名:请持卡人在签名框内签名' }]}>
            <HolderSignature />
          </Form.Item>
        )}
      </Form>
    </Modal>
  )
}

function HistoryDrawer({ card, tz, onClose }: { card: CardRow; tz: string; onClose: () => void }) {
  const [by, setBy] = useState<'card' | 'unit' | 'holder'>('card')
  const input = by === 'card' ? { cardId: card.id } : by === 'unit' ? { unitId: card.unitId } : { residentId: card.holderResidentId }
  const h = useDesk('card.history', input)
  return (
    <Drawer open width={520} title={`门禁卡记录 · ${card.cardNo}`} onClose={onClose}>
      <Select
        value={by}
        onChange={setBy}
        style={{ width: 260, marginBottom: 16 }}
        options={[
          { value: 'card', label: `本卡 ${card.cardNo}` },
          { value: 'unit', label: `本房屋 ${card.unitLabel} 的所有卡` },
          { value: 'holder', label: `持卡人 ${card.holderName} 的所有卡` },
        ]}
      />
      <Timeline items={(h.data ?? []).map((e) => ({ children: `${localDateTime(e.at, tz)} · ${e.cardNo} · ${e.what}(${e.staffName})` }))} />
    </Drawer>
  )
}

/** 卡库存: blank cards per kind — received, issued, spoiled, on hand (counted at handover). */
function StockCard() {
  const stock = useDesk('card.stock', {})
  const [form] = Form.useForm()
  const move = useDeskMutation('card.stockMove', { form, success: '库存已登记', onSuccess: () => form.resetFields(['count', 'cardNo', 'note']) })
  return (
    <Card size="small" title="空白卡库存" data-testid="card-stock">
      <Table
        size="small"
        rowKey="kindId"
        pagination={false}
        dataSource={stock.data ?? []}
        columns={[
          { title: '卡类', dataIndex: 'kindName' },
          { title: '领入', dataIndex: 'received' },
          { title: '发出', dataIndex: 'issued' },
          { title: '报废', dataIndex: 'spoiled' },
          { title: '在库', dataIndex: 'onHand', render: (v: number) => <b>{v}</b> },
        ]}
      />
      <Form
        form={form}
        name="cardStock"
        layout="inline"
        style={{ marginTop: 12 }}
        initialValues={{ move: 'received', count: 1 }}
        onFinish={(v) => move.mutate({ kindId: v.kindId, move: v.move, count: v.count, cardNo: v.cardNo || undefined, note: v.note || undefined })}
      >
        <Form.Item name="kindId" rules={[{ required: true, message: '请选择卡类' }]}>
          <Select placeholder="卡类" style={{ width: 120 }} options={(stock.data ?? []).map((s) => ({ value: s.kindId, label: s.kindName }))} aria-label="库存卡类" />
        </Form.Item>
        <Form.Item name="move">
          <Select style={{ width: 120 }} options={[{ value: 'received', label: '领入空白卡' }, { value: 'spoiled', label: '损坏报废' }]} aria-label="库存变动" />
        </Form.Item>
        <Form.Item name="count" rules={[{ required: true, message: '数量不能为空' }]}>
          <InputNumber min={1} max={10000} precision={0} style={{ width: 90 }} aria-label="数量" />
        </Form.Item>
        <Form.Item name="cardNo">
          <Input placeholder="报废卡号(如有)" style={{ width: 150 }} aria-label="报废卡号" />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder="备注" style={{ width: 160 }} aria-label="库存备注" />
        </Form.Item>
        <Button htmlType="submit" loading={move.isPending} data-testid="card-stock-save">
          登记
        </Button>
      </Form>
    </Card>
  )
}
