import { z } from 'zod'
import { ROLES, type Role } from '../roles'
import { entityId, pin, text, optionalPhone } from '../validate/fields'

export const staffNo = z
  .string({ error: '工号不能为空' })
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,20}$/, { error: '工号应为2–20位字母或数字' })

export const rolesField = z
  .array(z.enum(ROLES, { error: '角色不正确' }))
  .min(1, { error: '至少选择一个角色' })
  .transform((r) => [...new Set(r)])

export const loginInput = z.object({ staffNo, pin: z.string({ error: 'PIN不能为空' }).min(1, { error: 'PIN不能为空' }).max(64) })

export const staffCreateInput = z.object({
  staffNo,
  name: text('姓名', 20),
  roles: rolesField,
  phone: optionalPhone('手机号'),
  pin: pin('初始PIN'),
})

export const staffUpdateInput = z.object({
  id: entityId('员工'),
  name: text('姓名', 20),
  roles: rolesField,
  phone: optionalPhone('手机号'),
  active: z.boolean(),
})

export const staffResetPinInput = z.object({ id: entityId('员工'), pin: pin('新PIN') })
export const changeOwnPinInput = z.object({ oldPin: z.string().min(1, { error: '原PIN不能为空' }), newPin: pin('新PIN') })

export interface StaffRow {
  id: string
  staffNo: string
  name: string
  roles: Role[]
  phone: string | null
  active: boolean
  lockedUntil: string | null
}

export interface SessionInfo {
  token: string
  staff: { id: string; staffNo: string; name: string; roles: Role[] }
  terminalId: string
}
