import { useCallback, useLayoutEffect, useRef } from 'react'
import { SignatureBox } from '../duty/SignatureBox'

/**
 * The card holder's drawn signature as a form field (Form.Item gives value/onChange): SignatureBox
 * rebuilds its pad when its callback changes, so the form's callback is passed through a stable one —
 * a re-render never wipes what the holder drew. `onSigned` follows each finished stroke.
 */
export function HolderSignature({ onChange, onSigned }: { value?: string; onChange?: (png: string | undefined) => void; onSigned?: () => void; id?: string }) {
  const latest = useRef({ onChange, onSigned })
  useLayoutEffect(() => {
    latest.current = { onChange, onSigned }
  })
  const stable = useCallback((png: string | undefined) => {
    latest.current.onChange?.(png)
    if (png) latest.current.onSigned?.()
  }, [])
  return <SignatureBox label="持卡人手写签名(签在框内)" onChange={stable} testId="card-holder-signature" />
}
