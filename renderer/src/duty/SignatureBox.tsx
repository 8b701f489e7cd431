import { Button, Space, Typography } from 'antd'
import SignaturePad from 'signature_pad'
import { useEffect, useRef } from 'react'

/**
 * A drawn signature (signature_pad) for sites that want one beside the PIN. Reports a PNG data URL,
 * or undefined while empty.
 */
export function SignatureBox({ label, onChange, testId }: { label: string; onChange: (png: string | undefined) => void; testId?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null)
  const pad = useRef<SignaturePad | null>(null)
  useEffect(() => {
    const c = canvas.current!
    // Draw at the device's pixel ratio so the printed signature is not blurred.
    const ratio = Math.max(window.devicePixelRatio || 1, 1)
    c.width = c.offsetWidth * ratio
    c.height = c.offsetHeight * ratio
    c.getContext('2d')!.scale(ratio, ratio)
    const p = new SignaturePad(c, { backgroundColor: 'rgba(255,255,255,0)', penColor: '#111' })
    p.addEventListener('endStroke', () => onChange(p.isEmpty() ? undefined : p.toDataURL('image/png')))
    pad.current = p
    return () => p.off()
  }, [onChange])
  return (
    <Space direction="vertical" size={4}>
      <Typography.Text>{label}</Typography.Text>
      <canvas ref={canvas} data-testid={testId} aria-label={label} style={{ width: 260, height: 90, border: '1px dashed #999', borderRadius: 4, background: '#fff', touchAction: 'none' }} />
      <Button
        size="small"
        onClick={() => {
          pad.current?.clear()
          onChange(undefined)
        }}
      >
        重签
      </Button>
    </Space>
  )
}
