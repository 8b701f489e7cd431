import type { AgentScope } from '../registry/schema'
import { ROLE_LABELS, type Role } from '../roles'

/**
 * Every form the desk issues (DOMAIN.md "Permits and passes printed at the desk"; 前台日常工作流程 1–5,
 * 11–12), declared once: names, serial prefix, who may apply, the review steps in order, how validity
 * is counted, the paper, and how a live document ends. The approval engine (rules.ts) reads only this.
 */

export const PERMIT_KINDS = ['renovation', 'workerPass', 'extension', 'additionalWorks', 'hotWork', 'releaseSlip', 'liftUse'] as const
export type PermitKind = (typeof PERMIT_KINDS)[number]

/** Who stands at the desk asking for the form. */
export const APPLICANT_ROLES = ['owner', 'lead', 'agent', 'tenant'] as const
export type ApplicantRole = (typeof APPLICANT_ROLES)[number]
export const APPLICANT_ROLE_LABELS: Record<ApplicantRole, string> = {
  owner: '业主',
  lead: '装修负责人',
  agent: '业主委托代理人',
  tenant: '租户',
}

export interface ReviewStepDef {
  role: Role
  /** What the step is called on screen and on paper: 工程主管审核, 主任审批 … */
  label: string
}

export interface PermitKindDef {
  kind: PermitKind
  /** The document handed over: 装修许可证. */
  name: string
  /** The application form filled at the desk: 装修申请表. */
  formName: string
  /**
   * Serial prefix: two capital letters, the pinyin initials of the form (装修 ZX …), so the clerk and
   * the guard can read a serial aloud and tell the form from it. All distinct; see formatSerial.
   */
  prefix: string
  /** Review steps in order. Empty: the desk issues it directly (worker pass, on an approved renovation). */
  steps: readonly ReviewStepDef[]
  /** Who may apply. 'tenant' listed: only with the owner's consent recorded. */
  applicants: readonly ApplicantRole[]
  /** The registry authorisation an 'agent' applicant needs (业主委托 scope). */
  agentScope?: AgentScope
  /** 'day': valid whole days; 'minute': a time window (hot work, lift use). */
  validity: 'day' | 'minute'
  /** Default validity, in words, for the form's help text. */
  validityNote: string
  paper: 'A4' | 'A5' | 'card'
  /** How an issued document ends besides expiry and voiding. */
  ends: readonly ('returned' | 'used')[]
  /** Hangs on the unit's approved renovation (worker pass, extension). */
  needsRenovation: boolean
}

/** A review step named by its role as shared/roles.ts names it (one name per role everywhere). */
const step = (role: Role, verb: '审核' | '审批'): ReviewStepDef => ({ role, label: `${ROLE_LABELS[role]}${verb}` })
const ENGINEERING = step('engineering', '审核')
const DIRECTOR = step('director', '审批')
const OWNER_OR_LEAD: readonly ApplicantRole[] = ['owner', 'lead']

export const PERMIT_KIND_DEFS: Record<PermitKind, PermitKindDef> = {
  renovation: {
    kind: 'renovation',
    name: '装修许可证',
    formName: '装修申请表',
    prefix: 'ZX',
    steps: [ENGINEERING, DIRECTOR],
    applicants: ['owner', 'lead', 'tenant'],
    validity: 'day',
    validityNote: '自开工日起,默认3个月(项目设置)',
    paper: 'A4',
    ends: ['returned'],
    needsRenovation: false,
  },
  workerPass: {
    kind: 'workerPass',
    name: '装修人员出入证',
    formName: '装修人员出入证办证登记',
    prefix: 'CR',
    steps: [],
    applicants: OWNER_OR_LEAD,
    validity: 'day',
    validityNote: '不超过装修期限',
    paper: 'card',
    ends: ['returned'],
    needsRenovation: true,
  },
  extension: {
    kind: 'extension',
    name: '装修延期审批单',
    formName: '装修延期申请表',
    prefix: 'YQ',
    steps: [ENGINEERING, DIRECTOR],
    applicants: OWNER_OR_LEAD,
    validity: 'day',
    validityNote: '原装修期限届满次日至延期日期',
    paper: 'A5',
    ends: [],
    needsRenovation: true,
  },
  additionalWorks: {
    kind: 'additionalWorks',
    name: '增加项目审批单',
    formName: '增加项目申请表',
    prefix: 'ZJ',
    steps: [ENGINEERING, DIRECTOR],
    applicants: OWNER_OR_LEAD,
    validity: 'day',
    validityNote: '申请的施工日期',
    paper: 'A5',
    ends: [],
    needsRenovation: false,
  },
  hotWork: {
    kind: 'hotWork',
    name: '动火许可证',
    formName: '动火申请表',
    prefix: 'DH',
    steps: [ENGINEERING, step('safety', '审核'), DIRECTOR],
    applicants: OWNER_OR_LEAD,
    validity: 'minute',
    validityNote: '当日的动火时段,不超过项目设置的最长小时数(特级、一级不超过8小时)',
    paper: 'A4',
    ends: ['returned'],
    needsRenovation: false,
  },
  releaseSlip: {
    kind: 'releaseSlip',
    name: '物品放行条',
    formName: '物品放行条',
    prefix: 'FX',
    steps: [step('supervisor', '审批')],
    applicants: ['owner', 'lead', 'agent', 'tenant'],
    agentScope: 'release',
    validity: 'day',
    validityNote: '放行当日有效,单次有效',
    paper: 'A5',
    ends: ['used'],
    needsRenovation: false,
  },
  liftUse: {
    kind: 'liftUse',
    name: '使用楼梯/电梯审批单',
    formName: '使用楼梯/电梯申请',
    prefix: 'DT',
    steps: [ENGINEERING, step('admin', '审批')],
    applicants: OWNER_OR_LEAD,
    validity: 'minute',
    validityNote: '申请日期的使用时段',
    paper: 'A5',
    ends: ['used'],
    needsRenovation: false,
  },
}

export const kindDef = (kind: PermitKind): PermitKindDef => PERMIT_KIND_DEFS[kind]

export const PERMIT_KIND_LABELS: Record<PermitKind, string> = Object.fromEntries(
  PERMIT_KINDS.map((k) => [k, PERMIT_KIND_DEFS[k].name]),
) as Record<PermitKind, string>

/** The kind a serial prefix belongs to, or undefined. */
export function kindOfPrefix(prefix: string): PermitKind | undefined {
  return PERMIT_KINDS.find((k) => PERMIT_KIND_DEFS[k].prefix === prefix.toUpperCase())
}

/** States of an application / document. `expired` is also derived from the clock (effectiveState). */
export const PERMIT_STATES = ['draft', 'inReview', 'refused', 'approved', 'issued', 'returned', 'used', 'expired', 'voided'] as const
export type PermitState = (typeof PERMIT_STATES)[number]
export const PERMIT_STATE_LABELS: Record<PermitState, string> = {
  draft: '草稿',
  inReview: '审批中',
  refused: '未批准',
  approved: '已批准',
  issued: '已发证',
  returned: '已交回',
  used: '已使用',
  expired: '已过期',
  voided: '已作废',
}

/** Hot-work levels (GB 30871-2022) and their longest permit validity there: 特级/一级 8 h, 二级 72 h. */
export const HOT_WORK_LEVELS = ['special', 'first', 'second'] as const
export type HotWorkLevel = (typeof HOT_WORK_LEVELS)[number]
export const HOT_WORK_LEVEL_LABELS: Record<HotWorkLevel, string> = { special: '特级动火', first: '一级动火', second: '二级动火' }
export const HOT_WORK_LEVEL_MAX_HOURS: Record<HotWorkLevel, number> = { special: 8, first: 8, second: 72 }

export const HOT_WORK_METHODS = ['electricWelding', 'gasWelding', 'gasCutting', 'grinding', 'other'] as const
export type HotWorkMethod = (typeof HOT_WORK_METHODS)[number]
export const HOT_WORK_METHOD_LABELS: Record<HotWorkMethod, string> = {
  electricWelding: '电焊',
  gasWelding: '气焊',
  gasCutting: '气割',
  grinding: '砂轮切割',
  other: '其他',
}

/**
 * Safety measures confirmed before hot work (GB 30871-style checklist, cut to a flat in a residential
 * building). `required`: always; 'gas': when cylinders are used; 'level': for 特级 and 一级.
 */
export const HOT_WORK_PRECAUTIONS = [
  { code: 'combustiblesCleared', label: '动火点周围易燃、可燃物已清除或隔离', required: 'always' },
  { code: 'openingsCovered', label: '附近孔洞、管井、地漏已封堵,防止火花溅落', required: 'always' },
  { code: 'extinguishersReady', label: '现场已配备灭火器等灭火器材', required: 'always' },
  { code: 'watcherPresent', label: '监火人已到位,动火期间不离开现场', required: 'always' },
  { code: 'welderCertified', label: '动火人持有效焊工证上岗', required: 'always' },
  { code: 'equipmentChecked', label: '焊机、电源线、接地完好,无破损漏电', required: 'always' },
  { code: 'cylindersSpaced', label: '气瓶间距不小于5米,距动火点不小于10米', required: 'gas' },
  { code: 'gasTested', label: '可燃气体检测合格(燃气管道、密闭空间附近)', required: 'level' },
  { code: 'sparkShield', label: '高处动火已采取防火花飞溅措施', required: 'never' },
  { code: 'siteCheckAfter', label: '动火结束后清理现场,确认无遗留火种', required: 'always' },
] as const
export type HotWorkPrecaution = (typeof HOT_WORK_PRECAUTIONS)[number]['code']
export const HOT_WORK_PRECAUTION_CODES = HOT_WORK_PRECAUTIONS.map((p) => p.code) as [HotWorkPrecaution, ...HotWorkPrecaution[]]

/** 增加项目 (前台日常工作流程 4): 打墙、打孔、安装防盗门、防护栏、防蚊纱窗 … */
export const ADDITIONAL_WORK_ITEMS = ['wall', 'drilling', 'securityDoor', 'windowGuard', 'screen', 'other'] as const
export type AdditionalWorkItem = (typeof ADDITIONAL_WORK_ITEMS)[number]
export const ADDITIONAL_WORK_ITEM_LABELS: Record<AdditionalWorkItem, string> = {
  wall: '打墙',
  drilling: '打孔',
  securityDoor: '安装防盗门',
  windowGuard: '安装防护栏',
  screen: '安装防蚊纱窗',
  other: '其他',
}

/** 使用楼梯/电梯 (前台日常工作流程 11–12): stairs for large items; the (fire) lift for bricks, sand … */
export const LIFT_USES = ['stairs', 'lift', 'fireLift'] as const
export type LiftUse = (typeof LIFT_USES)[number]
export const LIFT_USE_LABELS: Record<LiftUse, string> = { stairs: '楼梯', lift: '电梯', fireLift: '消防梯' }

/** How the owner's consent to a tenant's request was given. */
export const CONSENT_METHODS = ['letter', 'present', 'phone'] as const
export type ConsentMethod = (typeof CONSENT_METHODS)[number]
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  letter: '业主书面同意书',
  present: '业主到场确认',
  phone: '业主电话确认',
}
