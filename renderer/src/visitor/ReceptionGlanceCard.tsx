import { Button, Card, Space, Typography } from 'antd'
import { useDesk } from '../api/hooks'
import { go } from '../router'

/** 值班台 at a glance: visitors still in (who stayed over), parcels waiting (those past the site's days). */
export function ReceptionGlanceCard() {
  const inside = useDesk('visitor.inside', {}, { refetchInterval: 60_000 })
  const waiting = useDesk('parcel.waiting', {}, { refetchInterval: 60_000 })
  const stayed = (inside.data ?? []).filter((v) => v.stayedOver).length
  const overdue = (waiting.data ?? []).filter((p) => p.overdue).length
  const names = (inside.data ?? []).slice(0, 6).map((v) => `${v.visitorName}→${v.unitLabel}`)
  return (
    <Card size="small" title="访客与邮件" data-testid="reception-glance">
      <Space size="large" wrap>
        <Space>
          <Typography.Text>在访访客 {inside.data?.length ?? 0} 批</Typography.Text>
          {stayed > 0 && <Typography.Text type="danger" strong>隔日未签离 {stayed}</Typography.Text>}
          {names.length > 0 && <Typography.Text type="secondary">{names.join('、')}{(inside.data?.length ?? 0) > names.length ? ' …' : ''}</Typography.Text>}
          <Button size="small" onClick={() => go('/visitors')}>访客登记</Button>
        </Space>
        <Space>
          <Typography.Text>待领邮件 {waiting.data?.length ?? 0} 件</Typography.Text>
          {overdue > 0 && <Typography.Text type="danger" strong>超期未领 {overdue}</Typography.Text>}
          <Button size="small" onClick={() => go('/parcels')}>邮件收递</Button>
        </Space>
      </Space>
    </Card>
  )
}
