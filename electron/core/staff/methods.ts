import { staffApi } from '../../../shared/staff/api'
import { implement } from '../methods'
import { changeOwnPin, createStaff, listStaff, login, logout, resetPin, updateStaff } from './service'

export const staffMethods = implement(staffApi, {
  'auth.login': (i, ctx) => login(ctx, i),
  'auth.logout': (_i, ctx) => logout(ctx),
  'auth.me': async (_i, ctx) => ({ token: ctx.token!, staff: ctx.staff!, terminalId: ctx.terminalId }),
  'auth.changePin': (i, ctx) => changeOwnPin(ctx, i),
  'staff.list': (_i, ctx) => listStaff(ctx),
  'staff.create': (i, ctx) => createStaff(ctx, i),
  'staff.update': (i, ctx) => updateStaff(ctx, i),
  'staff.resetPin': (i, ctx) => resetPin(ctx, i),
})
