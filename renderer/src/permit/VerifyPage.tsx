import { Button, Card, Descriptions, Input, List, Result, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { PERMIT_DESK_ROLES, type PermitVerifyResult } from '../../../shared/permit/apiSchema'
import { useDesk, useDeskMutation } from '../api/hooks'
import { isScannerBurst, lastBurst, type Keystroke } from './scannerBurst'
import { VisitorSlipDetails } from '../visitor/VisitorSlipDetails'

/** Only 有效 lets the guard pass; 尚未生效 is a warning; everything else is a refusal, shown red. */
function statusOf(outcome: PermitVerifyResult['outcome']): 'success' | 'warning' | 'error' {
  if (outcome === 'valid') return 'success'
  if (outcome === 'notYetValid') return 'warning'
  return 'error'
}
const TITLE_COLOR = { success: '#389e0d', warning: '#d48806', error: '#cf1322' } as const

/**
 * 证件核验 at the gate or the desk: a USB scanner types the QR text and Enter, or the serial is typed.
 * After each answer the box is cleared (the next scan is read alone) and focused again; a scanner's
 * fast burst ending in Enter is caught even when the focus is elsewhere on this screen. A release slip
 * that is valid is marked used with one click; a second use is refused.
 */
export function VerifyPage() {
  const [text, setText] = useState('')
  /** The text the shown result answers (the box itself is already empty for the next scan). */
  const [scanned, setScanned] = useState('')
  const [result, setResult] = useState<PermitVerifyResult | null>(null)
  const me = useDesk('auth.me', {})
  const input = useRef<InputRef>(null)
  const burst = useRef<Keystroke[]>([])
  const done = (r: PermitVerifyResult) => {
    setResult(r)
    setText('')
    input.current?.focus()
  }
  const verify = useDeskMutation('permit.verify', { onSuccess: done })
  const use = useDeskMutation('permit.use', { success: '已登记使用(放行)', onSuccess: done })
  const check = (raw: string) => {
    const t = raw.trim()
    if (!t) return
    setScanned(t)
    setText('')
    verify.mutate({ text: t })
  }
  useEffect(() => input.current?.focus(), [])
  // The keyboard listener is added once; it reaches this render's `check` through an effect event.
  const onScan = useEffectEvent(check)

  // A scan while the focus is on a button or elsewhere on the page: read the burst from the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inBox = e.target === input.current?.input
      if (inBox || e.ctrlKey || e.altKey || e.metaKey) return
      const editable = e.target instanceof HTMLElement && (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName))
      if (editable) return
      if (e.key === 'Enter') {
        // Keys typed by a person before the scan are not part of it.
        const keys = lastBurst(burst.current)
        burst.current = []
        if (isScannerBurst(keys, e.timeStamp)) {
          e.preventDefault()
          e.stopPropagation()
          onScan(keys.map((k) => k.key).join(''))
          input.current?.focus()
        }
        return
      }
      if (e.key.length === 1) burst.current = [...burst.current, { key: e.key, at: e.timeStamp }].slice(-300)
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [])

  const p = result?.permit
  // Taking the slip is the desk's job; others see the answer only.
  const takesSlips = me.data?.staff.roles.some((r) => PERMIT_DESK_ROLES.includes(r)) ?? false
  const usable = takesSlips && result?.outcome === 'valid' && p && (p.kind === 'releaseSlip' || p.kind === 'liftUse') && p.state === 'issued'
  const status = result ? statusOf(result.outcome) : 'success'
  return (
    <Card title="证件核验" data-testid="verify-page">
      <Space.Compact style={{ width: 560 }}>
        <Input
          ref={input}
          size="large"
          value={text}
          placeholder="扫描二维码,或输入编号(如 FX-2026-0001;访客单 FK-2026-0001)"
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => check(text)}
          data-testid="verify-input"
        />
        <Button size="large" type="primary" loading={verify.isPending} onClick={() => check(text)} data-testid="verify-submit">
          核验
        </Button>
      </Space.Compact>
      {result && (
        <Result
          status={status}
          title={
            <span data-testid="verify-outcome" data-status={status} style={{ color: TITLE_COLOR[status], fontWeight: 600 }}>
              {result.label}
            </span>
          }
          subTitle={<span data-testid="verify-detail">{result.detail}</span>}
          extra={
            usable ? (
              <Button type="primary" size="large" loading={use.isPending} onClick={() => use.mutate({ text: scanned })} data-testid="verify-use">
                确认放行(登记使用)
              </Button>
            ) : null
          }
        >
          {p ? (
            <>
            <Descriptions column={2} size="small" bordered data-testid="verify-permit">
              <Descriptions.Item label="证件">{p.kindName}</Descriptions.Item>
              <Descriptions.Item label="编号">{p.serial}</Descriptions.Item>
              <Descriptions.Item label="持证人">{p.holder}</Descriptions.Item>
              <Descriptions.Item label="房屋">{p.unitLabel}</Descriptions.Item>
              <Descriptions.Item label="有效期">
                {p.validFrom} 至 {p.validUntil}
              </Descriptions.Item>
              <Descriptions.Item label="状态">{p.stateLabel}</Descriptions.Item>
              {p.goods && (
                <Descriptions.Item label={p.kind === 'releaseSlip' ? '放行物品' : '搬运物品'} span={2}>
                  <List size="small" dataSource={p.goods} renderItem={(g) => <List.Item style={{ padding: '2px 0' }}>{g}</List.Item>} data-testid="verify-goods" />
                </Descriptions.Item>
              )}
            </Descriptions>
            {!result.codeChecked && <Typography.Text type="secondary">手工输入编号:未核对防伪校验码,请查看纸面二维码。</Typography.Text>}
            </>
          ) : null}
          {result.visitor && <VisitorSlipDetails v={result.visitor} codeChecked={result.codeChecked} />}
        </Result>
      )}
    </Card>
  )
}
