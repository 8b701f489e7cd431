import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { QUALITY_ITEM_LABELS, type QualityItem } from '../../../shared/duty/kinds'
import type { qualityAddInput, qualityListInput, QualityRow } from '../../../shared/duty/logSchema'
import { weekStart } from '../../../shared/time/calendar'
import { localDayRange } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { dutyShifts, qualityChecks, staff } from '../db/schema'
import { notFound, rule } from '../errors'
import { newId } from '../ids'
import { openShiftOf } from './dutyShift'
import { dutySettings, nowIso, todayOf } from './settings'

const QUALITY_SELECT = `SELECT q.id, q.at, q.checked_by AS checkedById, c.name AS checkedByName, q.clerk_id AS clerkId, k.name AS clerkName,
  q.shift_id AS shiftId, q.items, q.failed_count AS failedCount, q.findings, q.improvement
  FROM quality_checks q JOIN staff c ON c.id = q.checked_by JOIN staff k ON k.id = q.clerk_id`

async function qualityRows(r: Reader, where: string, params: unknown[]): Promise<QualityRow[]> {
  const rows = await r.all<Omit<QualityRow, 'items'> & { items: string }>(`${QUALITY_SELECT} WHERE ${where} ORDER BY q.at DESC LIMIT 500`, params)
  return rows.map((q) => ({ ...q, items: JSON.parse(q.items) as QualityRow['items'] }))
}

/** 质量检查记录: items checked, findings, the clerk concerned. A record of fact (append-only). */
export async function addQualityCheck(ctx: Ctx, input: z.output<typeof qualityAddInput>): Promise<QualityRow> {
  const id = newId()
  await ctx.db.tx(async (w) => {
    const clerk = await w.orm.select().from(staff).where(eq(staff.id, input.clerkId)).get()
    if (!clerk || clerk.deletedAt) throw rule('被检查人不存在', 'clerkId')
    let shiftId = input.shiftId ?? null
    if (shiftId) {
      const s = await w.orm.select({ id: dutyShifts.id }).from(dutyShifts).where(eq(dutyShifts.id, shiftId)).get()
      if (!s) throw notFound('班次')
    } else {
      shiftId = (await openShiftOf(w, clerk.id))?.id ?? null
    }
    const failed = input.items.filter((i) => !i.ok)
    await w.orm.insert(qualityChecks).values({
      ...newRowMeta(ctx, id),
      at: nowIso(ctx),
      checkedBy: ctx.staff!.id,
      clerkId: clerk.id,
      shiftId,
      items: JSON.stringify(input.items),
      failedCount: failed.length,
      findings: input.findings ?? null,
      improvement: input.improvement ?? null,
    })
    const failedText = failed.map((i) => QUALITY_ITEM_LABELS[i.item as QualityItem]).join('、')
    await audit(w, ctx, {
      action: 'quality.add',
      entity: 'qualityCheck',
      entityId: id,
      summary: `质量检查 ${clerk.name}:${input.items.length}项${failed.length ? `,不合格 ${failedText}` : ',全部合格'}`,
    })
  })
  return (await qualityRows(ctx.db.read, 'q.id = ?', [id]))[0]
}

/** The records, and how many spot checks the caller made this week (the supervisor: at least 3). */
export async function listQualityChecks(ctx: Ctx, input: z.output<typeof qualityListInput>) {
  const settings = await dutySettings(ctx.db.read)
  const where = ['1 = 1']
  const params: unknown[] = []
  if (input?.from) {
    where.push('q.at >= ?')
    params.push(localDayRange(input.from, input.from, settings.timeZone).from)
  }
  if (input?.to) {
    where.push('q.at < ?')
    params.push(localDayRange(input.to, input.to, settings.timeZone).to)
  }
  if (input?.clerkId) {
    where.push('q.clerk_id = ?')
    params.push(input.clerkId)
  }
  const rows = await qualityRows(ctx.db.read, where.join(' AND '), params)
  const monday = weekStart(todayOf(ctx, settings.timeZone))
  const since = localDayRange(monday, monday, settings.timeZone).from
  const mine = (await ctx.db.read.get<{ n: number }>('SELECT count(*) AS n FROM quality_checks WHERE checked_by = ? AND at >= ?', [ctx.staff!.id, since]))!.n
  return { rows, myThisWeek: mine }
}
