import type { z } from 'zod'
import { api } from '../../shared/api'
import type { MethodDef, Result } from '../../shared/api/contract'
import { issueMessage } from '../../shared/validate/issueMessage'
import { malformedTextPath } from '../../shared/validate/wellFormed'
import { ROLE_LABELS, type Role } from '../../shared/roles'
import { auditMethods } from './audit/methods'
import { cardMethods } from './cards/methods'
import { complaintMethods } from './complaint/methods'
import { homeServiceMethods } from './homeService/methods'
import { moveInMethods } from './moveIn/methods'
import { specialEventMethods } from './specialEvent/methods'
import type { Ctx } from './context'
import { dutyMethods } from './duty/methods'
import { storageProblem } from './db/storageProblem'
import { DeskError } from './errors'
import { keyMethods } from './keys/methods'
import { kpiMethods } from './kpi/methods'
import { repairMethods } from './repair/methods'
import { parcelMethods } from './parcel/methods'
import { visitorMethods } from './visitor/methods'
import { buildRegistry } from './methods'
import { permitMethods } from './permit/methods'
import { printMethods } from './print/methods'
import { registryMethods } from './registry/methods'
import { siteMethods } from './site/methods'
import { syncMethods } from './sync/methods'
import { spareKeyMethods } from './spareKeys/methods'
import { loadSessionStaff } from './staff/service'
import { staffMethods } from './staff/methods'

const registry = buildRegistry(api, [siteMethods, staffMethods, registryMethods, auditMethods, ...dutyMethods, printMethods, permitMethods, cardMethods, keyMethods, spareKeyMethods, complaintMethods, repairMethods, moveInMethods, homeServiceMethods, specialEventMethods, kpiMethods, visitorMethods, parcelMethods, syncMethods])

function invalid(err: z.ZodError, input: unknown): DeskError {
  const first = err.issues[0]
  const field = first.path.map(String).join('.')
  return new DeskError('INVALID_INPUT', issueMessage(first, input), field || undefined)
}

/**
 * The one door every call passes, whichever transport brought it (IPC or HTTP): unknown method,
 * input validation, session and role checks happen here, before any service runs.
 */
export async function dispatch(
  base: Omit<Ctx, 'staff' | 'token'>,
  name: string,
  rawInput: unknown,
  token: string | null,
): Promise<Result<unknown>> {
  try {
    const def = (api as Record<string, MethodDef>)[name]
    const handler = registry.get(name)
    if (!def || !handler) throw new DeskError('UNKNOWN_METHOD', `未知的接口:${name}`)
    let staff = null
    if (def.access !== 'public') {
      const staffId = base.sessions.staffOf(token)
      staff = staffId ? await loadSessionStaff(base.db.read, staffId) : null
      if (!staff) throw new DeskError('UNAUTHENTICATED', '未登录或登录已过期,请重新登录')
      const allowed = def.access === 'session' ? null : (def.access as readonly Role[])
      if (allowed && !staff.roles.some((r) => allowed.includes(r))) {
        throw new DeskError('FORBIDDEN', `无权执行此操作(需要角色:${allowed.map((r) => ROLE_LABELS[r]).join('/')})`)
      }
    }
    const broken = malformedTextPath(rawInput)
    if (broken) {
      const field = broken.join('.').slice(0, 60)
      throw new DeskError('INVALID_INPUT', `${field ? `字段「${field}」` : '请求内容'}含有无效的字符(不成对的代理字符),请重新输入`, field || undefined)
    }
    const parsed = def.input.safeParse(rawInput ?? undefined)
    if (!parsed.success) throw invalid(parsed.error, rawInput)
    const value = await handler(parsed.data as never, { ...base, staff, token })
    return { ok: true, value }
  } catch (e) {
    if (e instanceof DeskError) return { ok: false, error: e.toShape() }
    // The disk or the file (locked by another program, read-only, full): said in Chinese, with where.
    const storage = storageProblem(e, base.db.file)
    if (storage) {
      console.error(`[desk] ${name} 未完成:${storage.message}`)
      return { ok: false, error: storage.toShape() }
    }
    console.error(`[desk] ${name} failed`, e)
    return { ok: false, error: { code: 'INTERNAL', message: `内部错误:${(e as Error).message}` } }
  }
}
