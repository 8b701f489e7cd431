import { z } from 'zod'
import { method } from '../api/contract'
import { MANAGES_STAFF } from '../roles'
import {
  changeOwnPinInput,
  loginInput,
  staffCreateInput,
  staffResetPinInput,
  staffUpdateInput,
  type SessionInfo,
  type StaffRow,
} from './schema'

export const staffApi = {
  'auth.login': method<SessionInfo>()(loginInput, 'public'),
  'auth.logout': method<null>()(z.object({}).optional(), 'session'),
  'auth.me': method<SessionInfo>()(z.object({}).optional(), 'session'),
  'auth.changePin': method<null>()(changeOwnPinInput, 'session'),
  'staff.list': method<StaffRow[]>()(z.object({}).optional(), MANAGES_STAFF),
  'staff.create': method<StaffRow>()(staffCreateInput, MANAGES_STAFF),
  'staff.update': method<StaffRow>()(staffUpdateInput, MANAGES_STAFF),
  'staff.resetPin': method<null>()(staffResetPinInput, MANAGES_STAFF),
}
