import {
  AuditOutlined,
  CalendarOutlined,
  ContainerOutlined,
  FileSearchOutlined,
  HomeOutlined,
  IdcardOutlined,
  ScanOutlined,
  ImportOutlined,
  LogoutOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
} from '@ant-design/icons'
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { DUTY_ROLES, HANDLES_ESCALATIONS, READS_DUTY, SEES_OVERDUE, SPOT_CHECKS, SUPERVISES } from '../../../shared/duty/kinds'
import { MANAGES_REGISTRY, MANAGES_STAFF, READS_AUDIT, ROLE_LABELS, type Role } from '../../../shared/roles'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { AuditPage } from '../audit/AuditPage'
import { DutyPage } from '../duty/DutyPage'
import { HandoverPage } from '../duty/HandoverPage'
import { LogSearchPage } from '../duty/LogSearchPage'
import { SupervisorPage } from '../duty/SupervisorPage'
import { PermitDetail } from '../permit/PermitDetail'
import { PermitsPage } from '../permit/PermitsPage'
import { VerifyPage } from '../permit/VerifyPage'
import { ImportPage } from '../registry/ImportPage'
import { LeavePage } from '../roster/LeavePage'
import { RosterPage } from '../roster/RosterPage'
import { UnitPage } from '../registry/UnitPage'
import { UnitsPage } from '../registry/UnitsPage'
import { go, useRoute } from '../router'
import { SitePage } from '../site/SitePage'
import { StaffPage } from '../staff/StaffPage'
import { ChangePinButton } from './ChangePinButton'
import { SearchBox } from './SearchBox'
import { ShiftClock } from './ShiftClock'

interface PageProps {
  me: SessionInfo
  route: string[]
  onSwitchUser: (s: SessionInfo) => void
}
interface Area {
  key: string
  label: string
  icon: ReactNode
  roles?: readonly Role[]
  render: (p: PageProps) => ReactNode
}

const SUPERVISOR_DESK = [...new Set([...HANDLES_ESCALATIONS, ...SUPERVISES, ...SPOT_CHECKS, ...SEES_OVERDUE])]

/** The menu holds only areas that work; each shows only to the roles it serves. */
const AREAS: Area[] = [
  { key: 'duty', label: '值班台', icon: <ContainerOutlined />, roles: READS_DUTY, render: (p) => <DutyPage me={p.me} /> },
  { key: 'handover', label: '交接班', icon: <SwapOutlined />, roles: DUTY_ROLES, render: (p) => <HandoverPage me={p.me} onSwitchUser={p.onSwitchUser} id={p.route[1]} /> },
  { key: 'logs', label: '值班记录查询', icon: <FileSearchOutlined />, roles: READS_DUTY, render: (p) => <LogSearchPage me={p.me} /> },
  { key: 'supervise', label: '主管工作台', icon: <SolutionOutlined />, roles: SUPERVISOR_DESK, render: (p) => <SupervisorPage me={p.me} /> },
  { key: 'roster', label: '排班表', icon: <CalendarOutlined />, roles: READS_DUTY, render: (p) => <RosterPage me={p.me} /> },
  { key: 'leave', label: '请假调班', icon: <ScheduleOutlined />, roles: READS_DUTY, render: (p) => <LeavePage me={p.me} /> },
  { key: 'permits', label: '证件办理', icon: <IdcardOutlined />, render: (p) => (p.route[1] ? <PermitDetail id={p.route[1]} me={p.me} /> : <PermitsPage me={p.me} />) },
  { key: 'verify', label: '证件核验', icon: <ScanOutlined />, render: () => <VerifyPage /> },
  { key: 'units', label: '房屋住户', icon: <HomeOutlined />, render: (p) => (p.route[1] ? <UnitPage id={p.route[1]} me={p.me} /> : <UnitsPage me={p.me} />) },
  { key: 'import', label: '导入住户', icon: <ImportOutlined />, roles: MANAGES_REGISTRY, render: () => <ImportPage /> },
  { key: 'staff', label: '员工管理', icon: <TeamOutlined />, roles: MANAGES_STAFF, render: (p) => <StaffPage me={p.me} /> },
  { key: 'site', label: '项目设置', icon: <SettingOutlined />, roles: ['admin'], render: () => <SitePage /> },
  { key: 'audit', label: '审计日志', icon: <AuditOutlined />, roles: READS_AUDIT, render: () => <AuditPage /> },
]

export function Shell({ me, onLogout, onSwitchUser }: { me: SessionInfo; onLogout: () => void; onSwitchUser: (s: SessionInfo) => void }) {
  const site = useDesk('site.get', {})
  const route = useRoute()
  const roles = me.staff.roles
  const areas = AREAS.filter((a) => !a.roles || a.roles.some((r) => roles.includes(r)))
  const current = areas.find((a) => a.key === route[0]) ?? areas[0]

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
        <Layout.Content style={{ padding: 20 }}>{current.render({ me, route: current.key === route[0] ? route : [current.key], onSwitchUser })}</Layout.Content>
      </Layout>
    </Layout>
  )
}
