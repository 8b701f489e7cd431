import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd'
import { useEffect, useRef } from 'react'
import { moveInDocumentsSetting } from '../../../shared/moveIn/schema'
import { priceListInput, type PriceItem } from '../../../shared/homeService/schema'
import { fenToYuanText } from '../../../shared/validate/money'
import { useDesk, useDeskMutation } from '../api/hooks'
import { zodRule } from '../forms/zodRule'

/** One line of the list, the same schema the core reads. */
const LINE = priceListInput.shape.items.element.shape

type PriceLine = { code?: string; name: string; price: string; per: string }
const toLines = (items: PriceItem[]): PriceLine[] => items.map((p) => ({ code: p.code, name: p.name, price: fenToYuanText(p.priceFen), per: p.per }))

/**
 * 项目设置 › 入住与家居服务: the paid-service price list (names, 元, per what; codes generated) and the
 * documents handed over at move-in. Mounted inside the site form (component={false}): Enter in a field
 * saves this card only.
 */
export function ReceptionSettingsCard() {
  const prices = useDesk('homeService.prices', {})
  const docs = useDesk('moveIn.documents', {})
  const [form] = Form.useForm()
  const savePrices = useDeskMutation('homeService.savePrices', { form, success: '家居服务价目表已保存', onSuccess: (v) => form.setFieldValue('items', toLines(v)) })
  const saveDocs = useDeskMutation('moveIn.saveDocuments', { form, success: '入住资料清单已保存', onSuccess: (v) => form.setFieldValue('documents', v) })
  // The saved lists fill the fields once, when they first arrive; later refreshes never overwrite what is
  // being typed (a save puts back what the core kept, codes included).
  const filled = useRef({ items: false, documents: false })
  useEffect(() => {
    if (prices.data && !filled.current.items) {
      filled.current.items = true
      form.setFieldValue('items', toLines(prices.data))
    }
  }, [prices.data, form])
  useEffect(() => {
    if (docs.data && !filled.current.documents) {
      filled.current.documents = true
      form.setFieldValue('documents', docs.data)
    }
  }, [docs.data, form])
  const submitPrices = () => {
    const items = ((form.getFieldValue('items') ?? []) as PriceLine[]).map((x) => ({ ...x, name: x.name ?? '', price: x.price ?? '', per: x.per ?? '' }))
    const r = priceListInput.safeParse({ items })
    if (!r.success) {
      const issue = r.error.issues[0]
      form.setFields([{ name: issue.path as (string | number)[], errors: [issue.message] }])
      return
    }
    savePrices.mutate({ items })
  }
  const submitDocs = () => {
    const documents = (form.getFieldValue('documents') ?? []) as string[]
    const r = moveInDocumentsSetting.safeParse(documents)
    if (!r.success) return form.setFields([{ name: 'documents', errors: [r.error.issues[0].message] }])
    saveDocs.mutate({ documents })
  }
  const enter = (fn: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && e.target instanceof HTMLInputElement && !e.nativeEvent.isComposing && e.target.getAttribute('aria-expanded') !== 'true') {
      e.preventDefault()
      e.stopPropagation()
      fn()
    }
  }
  return (
    <Card size="small" title="入住与家居服务" data-testid="reception-settings">
      <Form form={form} component={false} layout="vertical">
        <Typography.Text strong>家居服务价目表(有偿服务价格明细)</Typography.Text>
        <div onKeyDown={enter(submitPrices)} style={{ marginTop: 8 }}>
          <Form.List name="items">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={8}>
                      <Form.Item name={[f.name, 'name']} rules={[zodRule(LINE.name)]} style={{ marginBottom: 6 }}>
                        <Input placeholder="服务项目,如 日常保洁" aria-label="服务项目" />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[f.name, 'price']} rules={[zodRule(LINE.price)]} style={{ marginBottom: 6 }}>
                        <Input placeholder="价格(元)" aria-label="价格(元)" suffix="元" />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[f.name, 'per']} rules={[zodRule(LINE.per)]} style={{ marginBottom: 6 }}>
                        <Input placeholder="计价单位,如 小时" aria-label="计价单位" />
                      </Form.Item>
                    </Col>
                    <Col span={2}>
                      <Button icon={<DeleteOutlined />} aria-label="删除服务项目" onClick={() => remove(f.name)} />
                    </Col>
                  </Row>
                ))}
                <Space>
                  <Button icon={<PlusOutlined />} disabled={!prices.data} onClick={() => add({ name: '', price: '', per: '次' })}>
                    添加服务项目
                  </Button>
                  <Button type="primary" onClick={submitPrices} loading={savePrices.isPending} data-testid="prices-save">
                    保存价目表
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </div>
        <div style={{ marginTop: 16 }} onKeyDown={enter(submitDocs)}>
          <Form.Item name="documents" label="入住交付资料(输入名称后回车添加)">
            <Select mode="tags" open={false} disabled={!docs.data} aria-label="入住交付资料" tokenSeparators={[',', ',', '、']} />
          </Form.Item>
          <Button type="primary" onClick={submitDocs} loading={saveDocs.isPending} data-testid="documents-save">
            保存资料清单
          </Button>
        </div>
      </Form>
    </Card>
  )
}
