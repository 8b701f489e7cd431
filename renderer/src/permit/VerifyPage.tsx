import { Button, Card, Descriptions, Input, Result, Space, Typography } from 'antd'
import type { InputRef } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { PermitVerifyResult } from '../../../shared/permit/apiSchema'
import { useDeskMutation } from '../api/hooks'

const STATUS: Record<string, 'success' | 'error' | 'warning' | 'info'> = { valid: 'success', forged: 'error', voided: 'error', expired: 'warning', used: 'warning', unknown: 'error' }

/**
 * 证件核验 at the gate or the desk: a USB scanner types the QR text and Enter, or the serial is typed.
 * A release slip that is valid is marked used with one click; a second use is refused.
 */
export function VerifyPage() {
  const [text, setText] = useState('')
  const [result, setResult] = useState<PermitVerifyResult | null>(null)
  const input = useRef<InputRef>(null)
  const verify = useDeskMutation('permit.verify', { onSuccess: setResult })
  const use = useDeskMutation('permit.use', { success: '已登记使用(放行)', onSuccess: setResult })
  useEffect(() => input.current?.focus(), [])
  const p = result?.permit
  const usable = result?.outcome === 'valid' && p && (p.kind === 'releaseSlip' || p.kind === 'liftUse')
  return (
    <Card title="证件核验" data-testid="verify-page">
      <Space.Compact style={{ width: 560 }}>
        <Input
          ref={input}
          size="large"
          value={text}
          placeholder="扫描二维码,或输入编号(如 FX-2026-0001)"
          onChange={(e) => setText(e.target.value)}
          onPressEnter={() => text.trim() && verify.mutate({ text: text.trim() })}
          data-testid="verify-input"
        />
        <Button size="large" type="primary" loading={verify.isPending} onClick={() => text.trim() && verify.mutate({ text: text.trim() })}>
          核验
        </Button>
      </Space.Compact>
      {result && (
        <Result
          status={STATUS[result.outcome] ?? 'info'}
          title={<span data-testid="verify-outcome">{result.label}</span>}
          subTitle={result.detail}
          extra={
            usable ? (
              <Button type="primary" size="large" loading={use.isPending} onClick={() => use.mutate({ text: text.trim() })} data-testid="verify-use">
                确认放行(登记使用)
              </Button>
            ) : null
          }
        >
          {p && (
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="证件">{p.kindName}</Descriptions.Item>
              <Descriptions.Item label="编号">{p.serial}</Descriptions.Item>
              <Descriptions.Item label="持证人">{p.holder}</Descriptions.Item>
              <Descriptions.Item label="房屋">{p.unitLabel}</Descriptions.Item>
              <Descriptions.Item label="有效期">
                {p.validFrom} 至 {p.validUntil}
              </Descriptions.Item>
              <Descriptions.Item label="状态">{p.stateLabel}</Descriptions.Item>
            </Descriptions>
          )}
          {!result.codeChecked && p && <Typography.Text type="secondary">手工输入编号:未核对防伪校验码,请查看纸面二维码。</Typography.Text>}
        </Result>
      )}
    </Card>
  )
}
