import type { SiteSettings } from '../../../shared/site/schema'
import type { ShiftPattern } from '../../../shared/site/schema'
import { localDate } from '../../../shared/time/zone'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { DeskError } from '../errors'
import { getSiteRow, toSiteInfo } from '../site/service'

export interface DutySettings extends SiteSettings {
  timeZone: string
}

/** The site's settings the duty area needs (shift patterns, custody, checklist, templates, grace), with defaults. */
export async function dutySettings(r: Reader): Promise<DutySettings> {
  const row = await getSiteRow(r)
  if (!row) throw new DeskError('NOT_FOUND', '项目尚未初始化')
  const info = toSiteInfo(row, '')
  return {
    timeZone: info.timeZone,
    shifts: info.shifts,
    custodyItems: info.custodyItems,
    checklist: info.checklist,
    logTemplates: info.logTemplates,
    graceMinutes: info.graceMinutes,
    drawnSignature: info.drawnSignature,
  }
}

export const patternOf = (s: { shifts: ShiftPattern[] }, code: string) => s.shifts.find((p) => p.code === code)

/** Today's date in the site's time zone, by the injected clock. */
export const todayOf = (ctx: Ctx, tz: string) => localDate(ctx.now(), tz)

export const nowIso = (ctx: Ctx) => ctx.now().toISOString()

/** Columns a row update sets (sync-ready). */
export const touched = (ctx: Ctx) => ({ updatedAt: nowIso(ctx), terminalId: ctx.terminalId })

/** WHERE parts for an optional local date range on a column ('d.date'), as the list screens filter. */
export function dateRange(column: string, input: { from?: string; to?: string } | undefined, where: string[], params: unknown[]) {
  if (input?.from) {
    where.push(`${column} >= ?`)
    params.push(input.from)
  }
  if (input?.to) {
    where.push(`${column} <= ?`)
    params.push(input.to)
  }
}
