import { Result, Spin } from 'antd'
import { useEffect, useState } from 'react'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { call, session } from '../api/transport'
import { LoginPage } from './LoginPage'
import { SetupPage } from './SetupPage'
import { Shell } from './Shell'

/** First start → setup; no session → login; else the desk shell. */
export function AuthGate() {
  const status = useDesk('setup.status', {})
  const [me, setMe] = useState<SessionInfo | null>(null)
  const [checking, setChecking] = useState(!!session.get())

  useEffect(() => {
    session.onSignedOut(() => setMe(null))
    if (session.get())
      call('auth.me', {})
        .then(setMe)
        .catch(() => session.set(null))
        .finally(() => setChecking(false))
  }, [])

  if (status.isLoading || checking) return <Spin fullscreen />
  if (status.error) return <Result status="error" title="无法连接桌面服务" subTitle={status.error.message} />
  if (status.data?.needsSetup) return <SetupPage onDone={() => void status.refetch()} />
  if (!me)
    return (
      <LoginPage
        siteName={status.data?.siteName}
        onLogin={(s) => {
          session.set(s.token)
          setMe(s)
        }}
      />
    )
  return (
    <Shell
      me={me}
      onSwitchUser={(s) => {
        // After a signed handover the desk belongs to the incoming clerk.
        session.set(s.token)
        setMe(s)
      }}
      onLogout={() => {
        void call('auth.logout', {}).finally(() => {
          session.set(null)
          setMe(null)
        })
      }}
    />
  )
}
