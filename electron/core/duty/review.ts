import type { z } from 'zod'
import type { ReviewDay, reviewListInput, ReviewRow } from '../../../shared/duty/logSchema'
import { audit } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { dayReviews } from '../db/schema'
import { conflict, rule } from '../errors'
import { newId } from '../ids'
import { openItems } from './logRows'
import { dutySettings, nowIso, todayOf } from './settings'

/** A day is a shift's date (a night shift belongs to the day it starts). */
const ENTRIES_OF_DAY = `(SELECT count(*) FROM log_entries e JOIN duty_shifts d2 ON d2.id = e.shift_id WHERE d2.date = d.date AND e.deleted_at IS NULL)`

/** The supervisor's queue: days up to today with duty shifts and no review yet, oldest first. */
export async function reviewQueue(ctx: Ctx): Promise<ReviewDay[]> {
  const r = ctx.db.read
  const settings = await dutySettings(r)
  const days = await r.all<{ date: string; shiftCount: number; entryCount: number }>(
    `SELECT d.date, count(*) AS shiftCount, ${ENTRIES_OF_DAY} AS entryCount FROM duty_shifts d
      WHERE d.deleted_at IS NULL AND d.date <= ? AND NOT EXISTS (SELECT 1 FROM day_reviews v WHERE v.date = d.date)
      GROUP BY d.date ORDER BY d.date LIMIT 100`,
    [todayOf(ctx, settings.timeZone)],
  )
  const open = new Map<string, number>()
  for (const e of await openItems(r)) open.set(e.shiftDate, (open.get(e.shiftDate) ?? 0) + 1)
  return days.map((d) => ({ ...d, openCount: open.get(d.date) ?? 0 }))
}

const REVIEW_SELECT = `SELECT v.id, v.date, v.reviewed_at AS reviewedAt, v.reviewed_by AS reviewerId, s.name AS reviewerName, v.remark, v.entry_count AS entryCount
  FROM day_reviews v JOIN staff s ON s.id = v.reviewed_by`

async function reviewRows(r: Reader, where: string, params: unknown[]): Promise<ReviewRow[]> {
  return r.all<ReviewRow>(`${REVIEW_SELECT} WHERE ${where} ORDER BY v.date DESC LIMIT 400`, params)
}

/** Marks a day's log as read (who, when, remark). Once per day; never changed. */
export async function markReviewed(ctx: Ctx, date: string, remark?: string): Promise<ReviewRow> {
  const settings = await dutySettings(ctx.db.read)
  const id = newId()
  await ctx.db.tx(async (w) => {
    if (date > todayOf(ctx, settings.timeZone)) throw rule('不能审阅未来日期的值班记录', 'date')
    const done = (await reviewRows(w, 'v.date = ?', [date]))[0]
    if (done) throw conflict(`${date} 的值班记录已由 ${done.reviewerName} 审阅`, 'date')
    const d = await w.get<{ shifts: number; entries: number }>(
      `SELECT count(*) AS shifts, (SELECT count(*) FROM log_entries e JOIN duty_shifts d2 ON d2.id = e.shift_id WHERE d2.date = ? AND e.deleted_at IS NULL) AS entries
         FROM duty_shifts d WHERE d.date = ? AND d.deleted_at IS NULL`,
      [date, date],
    )
    if (!d?.shifts) throw rule(`${date} 没有值班记录`, 'date')
    await w.orm.insert(dayReviews).values({ ...newRowMeta(ctx, id), date, reviewedBy: ctx.staff!.id, reviewedAt: nowIso(ctx), remark: remark ?? null, entryCount: d.entries })
    await audit(w, ctx, { action: 'review.mark', entity: 'dayReview', entityId: id, summary: `审阅 ${date} 值班记录(${d.entries}条)${remark ? `:${remark}` : ''}` })
  })
  return (await reviewRows(ctx.db.read, 'v.id = ?', [id]))[0]
}

export async function listReviews(ctx: Ctx, input: z.output<typeof reviewListInput>): Promise<ReviewRow[]> {
  const where = ['1 = 1']
  const params: unknown[] = []
  if (input?.from) {
    where.push('v.date >= ?')
    params.push(input.from)
  }
  if (input?.to) {
    where.push('v.date <= ?')
    params.push(input.to)
  }
  return reviewRows(ctx.db.read, where.join(' AND '), params)
}
