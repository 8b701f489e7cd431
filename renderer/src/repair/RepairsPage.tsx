import { Space, Spin, Tabs } from 'antd'
import { useRef, useState } from 'react'
import { REPAIR_DESK_ROLES } from '../../../shared/repair/schema'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { DayRegister } from './DayRegister'
import { OpenRepairs } from './OpenRepairs'
import { RepairDetailPage } from './RepairDetailPage'
import { RepairForm, type RepairFormHandle } from './RepairForm'

/**
 * 报修 · 维修单: the repair desk (a new order from a phone call, the open orders with their clocks
 * live), one order's detail (/repairs/<id>), and the day's register.
 */
export function RepairsPage({ me, id }: { me: SessionInfo; id?: string }) {
  const site = useDesk('site.get', {})
  const canRecord = me.staff.roles.some((r) => REPAIR_DESK_ROLES.includes(r))
  const [tab, setTab] = useState('desk')
  const form = useRef<RepairFormHandle>(null)
  if (!site.data) return <Spin />
  const tz = site.data.timeZone
  if (id) return <RepairDetailPage id={id} tz={tz} />
  return (
    <div data-testid="repairs-page">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'desk',
            label: '报修台',
            children: (
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                {canRecord && <RepairForm ref={form} />}
                <OpenRepairs tz={tz} />
              </Space>
            ),
          },
          { key: 'day', label: '当日报修登记', children: <DayRegister tz={tz} /> },
        ]}
      />
    </div>
  )
}
