import type { PeerState, SyncLogEntry } from '../../../shared/sync/schema'

export const PEER_STATE: Record<PeerState, { label: string; color: string }> = {
  online: { label: '在线', color: 'green' },
  offline: { label: '离线', color: 'orange' },
  never: { label: '尚未连通', color: 'default' },
  revoked: { label: '已移除', color: 'red' },
}

export const LOG_DIRECTION: Record<SyncLogEntry['direction'], { label: string; color: string }> = {
  in: { label: '接收', color: 'blue' },
  out: { label: '发送', color: 'cyan' },
  refused: { label: '拒收', color: 'red' },
  pair: { label: '配对', color: 'purple' },
  error: { label: '错误', color: 'orange' },
}

/** A clock offset as the administrator reads it: "快 3 分钟", "慢 12 秒", "一致". */
export function offsetText(ms: number | null): string {
  if (ms === null) return '—'
  const a = Math.abs(ms)
  if (a < 2000) return '一致'
  const amount = a < 120_000 ? `${Math.round(a / 1000)} 秒` : a < 7_200_000 ? `${Math.round(a / 60_000)} 分钟` : `${(a / 3_600_000).toFixed(1)} 小时`
  return `${ms > 0 ? '快' : '慢'} ${amount}`
}

/** The 8-digit pairing code in two groups, easier to read aloud across the office. */
export const codeText = (code: string) => `${code.slice(0, 4)} ${code.slice(4)}`

/** The editable records a conflict can be in, as the administrator knows them (others show their table name). */
const TABLE_LABELS: Record<string, string> = {
  buildings: '楼栋',
  units: '房屋',
  residents: '住户',
  staff: '员工',
  site: '项目设置',
  terminals: '终端',
  card_kinds: '卡类',
  keys: '钥匙',
  spare_key_collectors: '授权领取人',
  log_entries: '值班记录',
  duty_shifts: '值班班次',
  handovers: '交接班',
  rosters: '排班表',
  roster_slots: '排班',
  permits: '证件',
  repair_orders: '维修单',
  complaints: '投诉',
}
export const tableText = (t: string) => (TABLE_LABELS[t] ? `${TABLE_LABELS[t]}(${t})` : t)
