import { AuditOutlined, HomeOutlined, ImportOutlined, LogoutOutlined, TeamOutlined } from '@ant-design/icons'
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { MANAGES_REGISTRY, MANAGES_STAFF, READS_AUDIT, ROLE_LABELS, type Role } from '../../../shared/roles'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { AuditPage } from '../audit/AuditPage'
import { ImportPage } from '../registry/ImportPage'
import { UnitPage } from '../registry/UnitPage'
import { UnitsPage } from '../registry/UnitsPage'
import { go, useRoute } from '../router'
import { StaffPage } from '../staff/StaffPage'
import { ChangePinButton } from './ChangePinButton'
import { SearchBox } from './SearchBox'
import { ShiftClock } from './ShiftClock'

interface Area {
  key: string
  label: string
  icon: ReactNode
  roles?: readonly Role[]
}

/** The menu holds only areas that work; each shows only to the roles it serves. */
const AREAS: Area[] = [
  { key: 'units', label: '房屋住户', icon: <HomeOutlined /> },
  { key: 'import', label: '导入住户', icon: <ImportOutlined />, roles: MANAGES_REGISTRY },
  { key: 'staff', label: '员工管理', icon: <TeamOutlined />, roles: MANAGES_STAFF },
  { key: 'audit', label: '审计日志', icon: <AuditOutlined />, roles: READS_AUDIT },
]

export function Shell({ me, onLogout }: { me: SessionInfo; onLogout: () => void }) {
  const site = useDesk('site.get', {})
  const route = useRoute()
  const roles = me.staff.roles
  const areas = AREAS.filter((a) => !a.roles || a.roles.some((r) => roles.includes(r)))
  const current = areas.find((a) => a.key === route[0]) ?? areas[0]
  let page: ReactNode
  if (current.key === 'units') page = route[1] ? <UnitPage id={route[1]} me={me} /> : <UnitsPage me={me} />
  else if (current.key === 'import') page = <ImportPage />
  else if (current.key === 'staff') page = <StaffPage me={me} />
  else page = <AuditPage />

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={188} breakpoint="lg">
        <div className="desk-brand">物业前台</div>
        <Menu theme="dark" mode="inline" selectedKeys={[current.key]} items={areas.map((a) => ({ key: a.key, icon: a.icon, label: a.label }))} onClick={(e) => go(`/${e.key}`)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="desk-header">
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="site-name">
            {site.data?.name}
          </Typography.Text>
          <SearchBox />
          <div style={{ flex: 1 }} />
          {site.data ? <ShiftClock site={site.data} /> : <Spin size="small" />}
          <Space size={4} data-testid="me" style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
              {me.staff.name}
            </Typography.Text>
            {roles.map((r) => (
              <Tag key={r}>{ROLE_LABELS[r]}</Tag>
            ))}
          </Space>
          <ChangePinButton />
          <Button icon={<LogoutOutlined />} onClick={onLogout}>
            退出
          </Button>
        </Layout.Header>
        <Layout.Content style={{ padding: 20 }}>{page}</Layout.Content>
      </Layout>
    </Layout>
  )
}
