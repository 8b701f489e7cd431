import { z } from 'zod'
import {
  entityId,
  idNumber,
  optionalIdNumber,
  optionalIsoDate,
  optionalText,
  phone,
  text,
} from '../validate/fields'
import { normBuilding, normEntrance, normRoom } from './normalize'

export const RESIDENT_KINDS = ['owner', 'tenant', 'family'] as const
export type ResidentKind = (typeof RESIDENT_KINDS)[number]
export const RESIDENT_KIND_LABELS: Record<ResidentKind, string> = { owner: '业主', tenant: '租户', family: '家属' }

export const AGENT_SCOPES = ['keys', 'release', 'renovation', 'cards'] as const
export type AgentScope = (typeof AGENT_SCOPES)[number]
export const AGENT_SCOPE_LABELS: Record<AgentScope, string> = {
  keys: '领取寄存钥匙',
  release: '物品放行',
  renovation: '装修事务',
  cards: '门禁卡办理',
}

// Typed as people write them ("3栋", "2单元", "0301", full-width digits) and stored normalised, so
// the unit form, the import and the type-ahead agree on one room key (normalize.ts).
const buildingCode = z
  .string({ error: '楼栋号不能为空' })
  .transform(normBuilding)
  .pipe(z.string().regex(/^[A-Z0-9-]{1,10}$/, { error: '楼栋号应为1–10位字母或数字(例如 3、3栋、3号楼)' }))
const entrance = z
  .string()
  .optional()
  .transform((v) => normEntrance(v ?? ''))
  .pipe(z.string().regex(/^[A-Z0-9]{0,6}$/, { error: '单元号应为字母或数字(例如 2、2单元)' }))
const room = z
  .string({ error: '房号不能为空' })
  .transform(normRoom)
  .pipe(z.string().regex(/^[A-Z0-9-]{1,10}$/, { error: '房号应为1–10位字母或数字(例如 1502、0301)' }))

export const buildingCreateInput = z.object({ code: buildingCode, name: optionalText('楼栋名称', 30) })

export const unitCreateInput = z.object({
  buildingId: entityId('楼栋'),
  entrance,
  room,
  areaM2: z.number({ error: '面积应为数字' }).positive({ error: '面积应大于0' }).max(10000).optional(),
})

export const unitListInput = z.object({
  buildingId: entityId('楼栋').optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
})

export const residentFields = {
  unitId: entityId('房屋'),
  name: text('姓名', 30),
  kind: z.enum(RESIDENT_KINDS, { error: '住户类型应为业主、租户或家属' }),
  phone: phone('联系电话'),
  idNumber: optionalIdNumber('身份证号'),
  moveInDate: optionalIsoDate('入住日期'),
  note: optionalText('备注', 200),
}
export const residentCreateInput = z.object(residentFields)
export const residentUpdateInput = z.object({ id: entityId('住户'), ...residentFields })
export type ResidentInput = z.input<typeof residentCreateInput>

export const agentCreateInput = z.object({
  unitId: entityId('房屋'),
  ownerId: entityId('业主'),
  name: text('代理人姓名', 30),
  phone: phone('代理人电话'),
  idNumber: idNumber('代理人身份证号'),
  scopes: z.array(z.enum(AGENT_SCOPES)).min(1, { error: '至少选择一项授权范围' }),
  validUntil: optionalIsoDate('授权有效期'),
  note: optionalText('授权说明', 200),
})

export const searchInput = z.object({
  q: z.string().trim().max(40, { error: '搜索内容过长' }),
  limit: z.number().int().min(1).max(50).default(12),
})

export interface BuildingRow {
  id: string
  code: string
  name: string
  unitCount: number
}

export interface UnitRow {
  id: string
  buildingId: string
  buildingCode: string
  entrance: string
  room: string
  label: string
  areaM2: number | null
  residentCount: number
}

export interface ResidentRow {
  id: string
  unitId: string
  unitLabel: string
  name: string
  kind: ResidentKind
  /** Masked unless the caller may see it and asked for the detail. */
  phone: string
  idNumber: string | null
  moveInDate: string | null
  note: string | null
}

export interface AgentRow {
  id: string
  unitId: string
  ownerId: string
  ownerName: string
  name: string
  phone: string
  idNumber: string
  scopes: AgentScope[]
  validUntil: string | null
  note: string | null
  revokedAt: string | null
}

export interface UnitDetail {
  unit: UnitRow
  residents: ResidentRow[]
  agents: AgentRow[]
}

export interface SearchHit {
  kind: 'unit' | 'resident'
  id: string
  unitId: string
  title: string
  subtitle: string
}

export function unitLabel(buildingCode: string, entrance: string, room: string): string {
  return `${buildingCode}栋${entrance ? `${entrance}单元` : ''}${room}`
}
