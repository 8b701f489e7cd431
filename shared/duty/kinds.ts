import type { Role } from '../roles'

/**
 * Codes and labels of the duty area (值班 · 值班记录 · 交接班 · 排班). Imports nothing but the role
 * type, so shared/site can use these lists for its settings without an import cycle.
 */

/** Kinds of entry in 《客户服务中心值班记录表》. */
export const LOG_KINDS = ['call', 'visit', 'repair', 'complaint', 'inquiry', 'patrol', 'incident', 'other'] as const
export type LogKind = (typeof LOG_KINDS)[number]
export const LOG_KIND_LABELS: Record<LogKind, string> = {
  call: '来电',
  visit: '来访',
  repair: '报修',
  complaint: '投诉',
  inquiry: '咨询',
  patrol: '巡查发现',
  incident: '突发事件',
  other: '其他',
}

/**
 * Reception records that stand in the log as one linked entry each (no double entry): the entry is
 * made, followed up and closed by the record's own service, never typed twice.
 */
export const LOG_SOURCE_KINDS = ['repair', 'complaint', 'visitor', 'parcel', 'moveIn', 'homeService', 'specialEvent'] as const
export type LogSourceKind = (typeof LOG_SOURCE_KINDS)[number]
export const LOG_SOURCE_LABELS: Record<LogSourceKind, string> = {
  repair: '报修单',
  complaint: '投诉登记',
  visitor: '访客登记',
  parcel: '邮件收递',
  moveIn: '入住手续',
  homeService: '家居服务',
  specialEvent: '特殊事件报告',
}

/** Status of an entry: 已处理 / 待跟进 / 已上报. */
export const LOG_STATUSES = ['done', 'pending', 'escalated'] as const
export type LogStatus = (typeof LOG_STATUSES)[number]
export const LOG_STATUS_LABELS: Record<LogStatus, string> = { done: '已处理', pending: '待跟进', escalated: '已上报' }

/** Beyond the clerk's authority → 客服管理员; major → 客服主管. */
export const ESCALATION_TARGETS = ['admin', 'supervisor'] as const
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number]
export const ESCALATION_TARGET_LABELS: Record<EscalationTarget, string> = { admin: '客服管理员', supervisor: '客服主管' }

/** Follow-ups appended to an entry (never overwritten). */
export const FOLLOW_UP_KINDS = ['note', 'escalate', 'resolve', 'close'] as const
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number]
export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKind, string> = { note: '跟进', escalate: '上报', resolve: '处理上报', close: '关闭' }

/** 请假 / 调休 / 替班 / 换班. */
export const LEAVE_KINDS = ['leave', 'timeOff', 'cover', 'swap'] as const
export type LeaveKind = (typeof LEAVE_KINDS)[number]
export const LEAVE_KIND_LABELS: Record<LeaveKind, string> = { leave: '请假', timeOff: '调休', cover: '替班', swap: '换班' }
export const LEAVE_STATUSES = ['pending', 'approved', 'refused', 'cancelled'] as const
export type LeaveStatus = (typeof LEAVE_STATUSES)[number]
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = { pending: '待审批', approved: '已批准', refused: '未批准', cancelled: '已撤回' }

/** Items of a quality spot check (质量检查记录), from the procedure's 4.4.1. */
export const QUALITY_ITEMS = [
  'appearance',
  'log',
  'environment',
  'service',
  'handover',
  'customerInfo',
  'complaints',
  'pending',
  'paidService',
  'other',
] as const
export type QualityItem = (typeof QUALITY_ITEMS)[number]
export const QUALITY_ITEM_LABELS: Record<QualityItem, string> = {
  appearance: '仪容仪表行为规范',
  log: '值班记录',
  environment: '前台环境',
  service: '服务意识及服务技能',
  handover: '交接班情况',
  customerInfo: '客户信息处理情况',
  complaints: '客户投诉、意见处理情况',
  pending: '待跟进事项处理情况',
  paidService: '有偿服务、便民服务情况',
  other: '其它临时性事项处理情况',
}

/** Who stands at the desk (前台值班人员由客户服务助理及客服管理员组成; a supervisor may stand in). */
export const DUTY_ROLES: readonly Role[] = ['clerk', 'admin', 'supervisor']
/** Who reads the duty records (internal only). */
export const READS_DUTY: readonly Role[] = ['clerk', 'admin', 'supervisor', 'director']
/** Who makes the roster (客服管理员 drafts; 客服主管 at sites where the supervisor does it). */
export const MAKES_ROSTER: readonly Role[] = ['admin', 'supervisor']
/** Who approves leave and swaps, reviews the day, authorises an unrostered incoming clerk. */
export const SUPERVISES: readonly Role[] = ['supervisor']
/** Who spot-checks the desk (质量检查): administrator daily, supervisor ≥3×/week, manager at random. */
export const SPOT_CHECKS: readonly Role[] = ['admin', 'supervisor', 'director']
/** Who sees the escalation queue and the overdue-shift flags. */
export const HANDLES_ESCALATIONS: readonly Role[] = ['admin', 'supervisor']
export const SEES_OVERDUE: readonly Role[] = ['admin', 'supervisor', 'director']

/** Roster rules: the desk reminds from the 20th; the roster is due by the 25th (每月25日前拟定下月排班表). */
export const ROSTER_REMIND_FROM_DAY = 20
export const ROSTER_DUE_DAY = 25
/** An incoming clerk counts as rostered from this long before their shift starts (arrive 15 min early, with margin). */
export const HANDOVER_LEAD_MINUTES = 120
