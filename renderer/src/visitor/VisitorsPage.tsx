import { Card, Space, Tabs } from 'antd'
import { useRef, useState } from 'react'
import type { SessionInfo } from '../../../shared/staff/schema'
import { VISITOR_DESK_ROLES } from '../../../shared/visitor/schema'
import { useDesk } from '../api/hooks'
import { ExpectedTable, ExpectedVisitors } from './ExpectedVisitors'
import { InsideTable } from './InsideTable'
import { SignInForm, type SignInHandle } from './SignInForm'
import { VisitBook } from './VisitBook'

/**
 * 访客登记 (visitors): sign in by keyboard (the slip prints where the site wants one), today's expected
 * visitors (签到 fills the form), who is still in at a glance with 签离; 预约访客; 业户访问记录 of a day.
 */
export function VisitorsPage({ me }: { me: SessionInfo }) {
  const canDesk = me.staff.roles.some((r) => VISITOR_DESK_ROLES.includes(r))
  const [tab, setTab] = useState(canDesk ? 'desk' : 'book')
  const form = useRef<SignInHandle>(null)
  const inside = useDesk('visitor.inside', {})
  const desk = (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <SignInForm ref={form} />
      <Card size="small" title={`在访访客(${inside.data?.length ?? 0})`}>
        <InsideTable canSignOut={canDesk} />
      </Card>
      <Card size="small" title="今日预约访客">
        <ExpectedTable canEdit={canDesk} onSignIn={(e) => form.current?.takeExpected(e)} />
      </Card>
    </Space>
  )
  return (
    <div data-testid="visitors-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(canDesk ? [{ key: 'desk', label: '访客签到/签离', children: desk }] : []),
          { key: 'expected', label: '预约访客', children: <ExpectedVisitors canEdit={canDesk} /> },
          { key: 'book', label: '业户访问记录', children: <VisitBook /> },
        ]}
      />
    </div>
  )
}
