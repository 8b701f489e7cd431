import { Button, Card, Col, Form, Input, Row, Select, Typography } from 'antd'
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { readWedge } from '../../../shared/cards/wedge'
import { lastBurst, type Keystroke } from '../permit/scannerBurst'
import { fenToYuanText } from '../../../shared/validate/money'
import { call } from '../api/transport'
import { useDesk, useDeskMutation } from '../api/hooks'
import { UnitPicker } from '../duty/UnitPicker'
import { OwnerConsentFields } from '../permit/OwnerConsentFields'
import { downloadPdf } from '../print/download'
import { CardNoInput, isCardRead, type CardEntry } from './CardNoInput'
import { HolderSignature } from './HolderSignature'
import type { CardRow } from '../../../shared/cards/schema'
import { RESIDENT_KIND_LABELS } from '../../../shared/registry/schema'


/**
 * 发卡: the unit, its registered holder (a tenant with the owner's consent), the kind, the number (read
 * by the reader or typed), and — where the site asks for it — the holder's signature drawn on the screen.
 * Saved, the 门禁卡领用签收单 goes to the printer at once (with the drawing, or a line to sign by hand).
 *
 * From the unit page (`unit` given) the unit is fixed and the holder may come picked; a site with one
 * card kind has it chosen; the focus goes to the first thing left to do.
 */
export function IssueCard({ unit: fixedUnit, holderId: fixedHolder, onIssued }: { unit?: { id: string; label: string }; holderId?: string; onIssued?: (c: CardRow) => void } = {}) {
  const [form] = Form.useForm()
  const unitId = Form.useWatch('unitId', form) as string | undefined
  const holderId = Form.useWatch('holderResidentId', form) as string | undefined
  const kindId = Form.useWatch('kindId', form) as string | undefined
  const unit = useDesk('unit.get', { id: unitId ?? '' }, { enabled: !!unitId })
  const kinds = useDesk('card.kinds', {})
  const [entry, setEntry] = useState<CardEntry>('typed')
  const [readProblem, setProblem] = useState<string | null>(null)
  const site = useDesk('site.get', {})
  const needSignature = !!site.data?.cardSignature
  /** A new pad after each card issued (the drawing belongs to one receipt). */
  const [signatureRound, setSignatureRound] = useState(0)
  const saveButton = useRef<HTMLButtonElement>(null)
  const focusSave = () => setTimeout(() => saveButton.current?.focus(), 0)
  const residents = unit.data?.residents ?? []
  const holder = residents.find((r) => r.id === holderId)
  const owners = residents.filter((r) => r.kind === 'owner')
  const kind = kinds.data?.find((k) => k.id === kindId)
  /** The number field takes the focus once the kind is known, so the reader's burst lands in it. */
  const focusNumber = () => setTimeout(() => (form.getFieldInstance('cardNo') as { focus?: () => void } | undefined)?.focus?.(), 0)
  // A card put on the reader while the focus is on no field (a button, the page): the number goes to the number field.
  const burst = useRef<Keystroke[]>([])
  const onRead = useEffectEvent((text: string) => {
    const r = readWedge(`${text}\r`)
    form.setFieldValue('cardNo', 'cardNo' in r ? r.cardNo : '')
    setEntry('reader')
    setProblem('problem' in r ? r.problem : null)
    focusNumber()
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target
      const editable = t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
      if (editable || e.ctrlKey || e.altKey || e.metaKey || document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return
      if (e.key === 'Enter') {
        const keys = lastBurst(burst.current)
        burst.current = []
        if (isCardRead(keys, e.timeStamp)) {
          e.preventDefault()
          e.stopPropagation()
          onRead(keys.map((k) => k.key).join(''))
        }
        return
      }
      if (e.key.length === 1) burst.current = [...burst.current, { key: e.key, at: e.timeStamp }].slice(-64)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])
  // From the unit page: one kind is the kind; then the focus goes where the clerk's next step is.
  const ready = !!fixedUnit && !!kinds.data
  const prepared = useRef(false)
  useEffect(() => {
    if (!ready || prepared.current) return
    prepared.current = true
    const only = kinds.data?.length === 1 ? kinds.data[0].id : undefined
    if (only && !form.getFieldValue('kindId')) form.setFieldValue('kindId', only)
    const next = !form.getFieldValue('holderResidentId') ? 'holderResidentId' : !form.getFieldValue('kindId') ? 'kindId' : 'cardNo'
    setTimeout(() => (form.getFieldInstance(next) as { focus?: () => void } | undefined)?.focus?.(), 0)
  }, [ready, kinds.data, form])
  const issue = useDeskMutation('card.issue', {
    form,
    success: '已发卡,签收单已送打印',
    onSuccess: (c) => {
      form.resetFields(['cardNo', 'receiptNo', 'ownerConsent', 'holderSignature'])
      setSignatureRound((n) => n + 1)
      focusNumber()
      void call('card.printReceipt', { id: c.id }).then((r) => downloadPdf(r.fileName, r.pdfBase64))
      onIssued?.(c)
    },
  })
  // A refused read is said at the field until the next key; the form's own rules would replace an error set on it.
  return (
    <Card size="small" title={fixedUnit ? undefined : '发卡'} variant={fixedUnit ? 'borderless' : undefined} data-testid="card-issue">
      <Form
        form={form}
        name="cardIssue"
        layout="vertical"
        initialValues={{ unitId: fixedUnit?.id, holderResidentId: fixedHolder }}
        onFinish={(v) =>
          issue.mutate({
            unitId: v.unitId,
            holderResidentId: v.holderResidentId,
            kindId: v.kindId,
            cardNo: v.cardNo ?? '',
            entry,
            receiptNo: v.receiptNo || undefined,
            holderSignature: v.holderSignature || undefined,
            ownerConsent: holder?.kind === 'tenant' && v.ownerConsent ? { ...v.ownerConsent, note: v.ownerConsent.note || undefined, ownerResidentId: owners.find((o) => o.name === v.ownerConsent.ownerName)?.id } : undefined,
          })
        }
      >
        <Row gutter={12}>
          <Col span={6}>
            {fixedUnit ? (
              <>
                <Form.Item name="unitId" hidden>
                  <Input />
                </Form.Item>
                <Form.Item label="房屋">
                  <Input value={fixedUnit.label} readOnly tabIndex={-1} aria-label="房屋" />
                </Form.Item>
              </>
            ) : (
              <Form.Item name="unitId" label="房屋" rules={[{ required: true, message: '请选择房屋' }]}>
                <UnitPicker />
              </Form.Item>
            )}
          </Col>
          <Col span={6}>
            <Form.Item name="holderResidentId" label="持卡人" rules={[{ required: true, message: '请选择持卡人(该房屋登记的住户)' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                placeholder={unitId ? '选择登记的住户' : '先选房屋'}
                disabled={!unitId}
                options={residents.map((r) => ({ value: r.id, label: `${r.name}(${RESIDENT_KIND_LABELS[r.kind] ?? r.kind})` }))}
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="kindId" label="卡类" rules={[{ required: true, message: '请选择卡类' }]}>
              <Select options={(kinds.data ?? []).map((k) => ({ value: k.id, label: k.name }))} placeholder="卡类" onChange={focusNumber} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="cardNo" label="卡号" rules={[{ required: true, message: '卡号不能为空' }]} validateStatus={readProblem ? 'error' : undefined} help={readProblem ?? undefined}>
              {/* Read by the reader: the holder signs next where the site asks; else Enter saves. */}
              <CardNoInput onEntry={setEntry} onProblem={setProblem} onRead={() => !needSignature && focusSave()} />
            </Form.Item>
          </Col>
          <Col span={3}>
            <Form.Item name="receiptNo" label="收据号">
              <Input maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        {holder?.kind === 'tenant' && <OwnerConsentFields form={form} owners={owners} title="租户领卡须经业主同意:" />}
        {needSignature && (
          <Form.Item name="holderSignature" rules={[{ required: true, message: '本项目要求持卡人手写签名:请持卡人在签名框内签名' }]}>
            <HolderSignature key={signatureRound} onSigned={focusSave} />
          </Form.Item>
        )}
        <Row align="middle" gutter={12}>
          <Col>
            <Button ref={saveButton} type="primary" htmlType="submit" loading={issue.isPending} data-testid="card-issue-save">
              发卡并打印签收单
            </Button>
          </Col>
          <Col>
            <Typography.Text type="secondary">
              {kind ? `收押金 ${fenToYuanText(kind.depositFen)} 元,工本费 ${fenToYuanText(kind.feeFen)} 元` : ''}
              {entry === 'reader' ? ' · 卡号由读卡器读入' : ''}
            </Typography.Text>
          </Col>
        </Row>
      </Form>
    </Card>
  )
}
