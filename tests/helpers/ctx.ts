import { callOk } from '../../electron/core/app'
import { Sessions } from '../../electron/core/auth/sessions'
import type { Ctx } from '../../electron/core/context'
import type { DutyDesk, StaffNo } from './duty'

/** A service context for one person of the test site, for tests that call core functions directly. */
export async function ctxOf(desk: DutyDesk, staffNo: StaffNo): Promise<Ctx> {
  const token = await desk.token(staffNo)
  const me = (await callOk(desk.core, 'auth.me', {}, token)).staff
  return { db: desk.core.db, terminalId: desk.core.terminalId, now: desk.clock.now, staff: me, token, sessions: new Sessions(desk.clock.now), backupDir: desk.core.backupDir }
}
