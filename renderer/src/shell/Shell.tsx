import {
  AlertOutlined,
  AuditOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  CommentOutlined,
  CalendarOutlined,
  ContainerOutlined,
  CreditCardOutlined,
  FileSearchOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  ToolOutlined,
  ScanOutlined,
  ImportOutlined,
  LogoutOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
  InboxOutlined,
} from '@ant-design/icons'
import { Button, Layout, Menu, Space, Spin, Tag, Typography } from 'antd'
import { useEffect, type ReactNode } from 'react'
import { READS_KEYS } from '../../../shared/keys/schema'
import { READS_COMPLAINTS } from '../../../shared/complaint/schema'
import { ComplaintPage } from '../complaint/ComplaintPage'
import { DUTY_ROLES, HANDLES_ESCALATIONS, READS_DUTY, SEES_OVERDUE, SPOT_CHECKS, SUPERVISES } from '../../../shared/duty/kinds'
import { DESK_ROLES, MANAGES_REGISTRY, MANAGES_STAFF, READS_AUDIT, ROLE_LABELS, type Role } from '../../../shared/roles'
import type { SessionInfo } from '../../../shared/staff/schema'
import { useDesk } from '../api/hooks'
import { AuditPage } from '../audit/AuditPage'
import { DutyPage } from '../duty/DutyPage'
import { HandoverPage } from '../duty/HandoverPage'
import { LogSearchPage } from '../duty/LogSearchPage'
import { landsOnSupervisorDesk, SupervisorBadge } from '../duty/SupervisorBadge'
import { SupervisorPage } from '../duty/SupervisorPage'
import { PermitDetail } from '../permit/PermitDetail'
import { PermitsPage } from '../permit/PermitsPage'
import { VerifyPage } from '../permit/VerifyPage'
import { CardsPage } from '../cards/CardsPage'
import { MoveInPage } from '../moveIn/MoveInPage'
import { HomeServicePage } from '../homeService/HomeServicePage'
import { SpecialEventPage } from '../specialEvent/SpecialEventPage'
import { READS_MOVE_IN } from '../../../shared/moveIn/schema'
import { READS_HOME_SERVICE } from '../../../shared/homeService/schema'
import { READS_SPECIAL_EVENTS } from '../../../shared/specialEvent/schema'
import { ImportPage } from '../registry/ImportPage'
import { KeysPage } from '../keys/KeysPage'
import { KpiPage } from '../kpi/KpiPage'
import { RepairsPage } from '../repair/RepairsPage'
import { READS_REPAIRS } from '../../../shared/repair/schema'
import { VisitorsPage } from '../visitor/VisitorsPage'
import { ParcelsPage } from '../parcel/ParcelsPage'
import { READS_VISITORS } from '../../../shared/visitor/schema'
import { READS_PARCELS } from '../../../shared/parcel/schema'
import { LeavePage } from '../roster/LeavePage'
import { RosterPage } from '../roster/RosterPage'
import { UnitPage } from '../registry/UnitPage'
import { UnitsPage } from '../registry/UnitsPage'
import { go, useRoute } from '../router'
import { SitePage } from '../site/SitePage'
import { SyncIndicator } from '../sync/SyncIndicator'
import { SyncPage } from '../sync/SyncPage'
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
  { key: 'complaints', label: '投诉', icon: <CommentOutlined />, roles: READS_COMPLAINTS, render: (p) => <ComplaintPage me={p.me} id={p.route[1]} /> },
  { key: 'repairs', label: '报修', icon: <ToolOutlined />, roles: READS_REPAIRS, render: (p) => <RepairsPage me={p.me} id={p.route[1]} /> },
  { key: 'visitors', label: '访客登记', icon: <UserAddOutlined />, roles: READS_VISITORS, render: (p) => <VisitorsPage me={p.me} /> },
  { key: 'parcels', label: '邮件收递', icon: <InboxOutlined />, roles: READS_PARCELS, render: (p) => <ParcelsPage me={p.me} /> },
  { key: 'keys', label: '钥匙管理', icon: <KeyOutlined />, roles: READS_KEYS, render: (p) => <KeysPage me={p.me} /> },
  { key: 'permits', label: '证件办理', icon: <IdcardOutlined />, render: (p) => (p.route[1] ? <PermitDetail id={p.route[1]} me={p.me} /> : <PermitsPage me={p.me} />) },
  { key: 'verify', label: '证件核验', icon: <ScanOutlined />, render: () => <VerifyPage /> },
  { key: 'cards', label: '门禁卡', icon: <CreditCardOutlined />, roles: DESK_ROLES, render: () => <CardsPage /> },
  { key: 'kpi', label: '服务指标', icon: <FundOutlined />, roles: DESK_ROLES, render: () => <KpiPage /> },
  { key: 'moveIn', label: '入住手续', icon: <CarryOutOutlined />, roles: READS_MOVE_IN, render: (p) => <MoveInPage id={p.route[1]} /> },
  { key: 'homeService', label: '家居服务', icon: <CustomerServiceOutlined />, roles: READS_HOME_SERVICE, render: () => <HomeServicePage /> },
  { key: 'specialEvent', label: '特殊事件报告', icon: <AlertOutlined />, roles: READS_SPECIAL_EVENTS, render: () => <SpecialEventPage /> },
  { key: 'units', label: '房屋住户', icon: <HomeOutlined />, render: (p) => (p.route[1] ? <UnitPage id={p.route[1]} me={p.me} /> : <UnitsPage me={p.me} />) },
  { key: 'import', label: '导入住户', icon: <ImportOutlined />, roles: MANAGES_REGISTRY, render: () => <ImportPage /> },
  { key: 'staff', label: '员工管理', icon: <TeamOutlined />, roles: MANAGES_STAFF, render: (p) => <StaffPage me={p.me} /> },
  { key: 'site', label: '项目设置', icon: <SettingOutlined />, roles: ['admin'], render: () => <SitePage /> },
  { key: 'sync', label: '终端与同步', icon: <ClusterOutlined />, roles: ['admin'], render: () => <SyncPage /> },
  { key: 'audit', label: '审计日志', icon: <AuditOutlined />, roles: READS_AUDIT, render: () => <AuditPage /> },
]

/**
 * The menu in the desk's own sections, so a clerk finds a job by what it is: the duty, reception,
 * keys/cards/permits, the residents and the figures, administration. An area not listed lands in the last.
 */
const MENU_GROUPS: Array<[label: string, keys: string[]]> = [
  ['值班', ['duty', 'handover', 'logs', 'supervise', 'roster', 'leave']],
  ['接待', ['repairs', 'complaints', 'visitors', 'parcels', 'moveIn', 'homeService', 'specialEvent']],
  ['钥匙 · 门禁 · 证件', ['keys', 'cards', 'permits', 'verify']],
  ['住户与统计', ['units', 'import', 'kpi']],
  ['管理', ['staff', 'site', 'sync', 'audit']],
]

function menuItems(areas: Area[], me: SessionInfo) {
  const item = (a: Area) => ({ key: a.key, icon: a.icon, label: a.key === 'supervise' ? <SupervisorBadge me={me} label={a.label} /> : a.label })
  const listed = new Set(MENU_GROUPS.flatMap(([, keys]) => keys))
  return MENU_GROUPS.map(([label, keys], i) => {
    const inOrder = keys.flatMap((k) => areas.filter((a) => a.key === k))
    const mine = i === MENU_GROUPS.length - 1 ? [...inOrder, ...areas.filter((a) => !listed.has(a.key))] : inOrder
    return { type: 'group' as const, key: `g-${label}`, label, children: mine.map(item) }
  }).filter((g) => g.children.length > 0)
}

export function Shell({ me, onLogout, onSwitchUser }: { me: SessionInfo; onLogout: () => void; onSwitchUser: (s: SessionInfo) => void }) {
  const site = useDesk('site.get', {})
  const route = useRoute()
  const roles = me.staff.roles
  const areas = AREAS.filter((a) => !a.roles || a.roles.some((r) => roles.includes(r)))
  // An address without a page (just logged in): a supervisor lands on their own desk unless on duty.
  const bare = !areas.some((a) => a.key === route[0])
  const mayLand = bare && landsOnSupervisorDesk(roles)
  const duty = useDesk('duty.current', {}, { enabled: mayLand })
  const landing = mayLand && duty.data ? !duty.data.shift : mayLand && duty.isError
  useEffect(() => {
    if (landing) go('/supervise')
  }, [landing])
  const current = (landing ? areas.find((a) => a.key === 'supervise') : areas.find((a) => a.key === route[0])) ?? areas[0]

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Menu and header stay in view while a long page scrolls. */}
      <Layout.Sider width={188} breakpoint="lg" style={{ position: 'sticky', top: 0, height: '100vh', overflowY: 'auto' }}>
        <div className="desk-brand">物业前台</div>
        <Menu theme="dark" mode="inline" selectedKeys={[current.key]} items={menuItems(areas, me)} onClick={(e) => go(`/${e.key}`)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="desk-header" style={{ position: 'sticky', top: 0, zIndex: 100 }} data-testid="desk-header">
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }} data-testid="site-name">
            {site.data?.name}
          </Typography.Text>
          <SearchBox />
          <div style={{ flex: 1 }} />
          <SyncIndicator canOpen={roles.includes('admin')} />
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
        <Layout.Content style={{ padding: 20 }}>
          {mayLand && duty.isLoading ? <Spin /> : current.render({ me, route: current.key === route[0] ? route : [current.key], onSwitchUser })}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
