import type { z } from 'zod'
import type { LogEntryRow, logListInput } from '../../../shared/duty/logSchema'
import type { Ctx } from '../context'
import { ENTRY_FROM, entryRows } from './logRows'

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => '\\' + c)
/** One FTS5 string literal: quotes doubled, so no user text is ever FTS5 syntax (AND, NEAR, *, ^, :, column filters). */
export const ftsPhrase = (s: string) => `"${s.replace(/"/g, '""')}"`
/** NUL and other control characters end or break an FTS5 query: they separate words instead. */
// oxlint-disable-next-line no-control-regex -- matching control characters is the point: they are replaced
const CONTROL = /[\u0000-\u001f\u007f]/g

/**
 * Text search: each word of 3+ characters goes to the trigram FTS5 index (Chinese substrings);
 * shorter words (2-character names, short room numbers) use LIKE — trigram matches nothing below 3.
 */
export function textFilter(q: string): { sql: string; params: unknown[] } | null {
  const words = q.replace(CONTROL, ' ').split(/\s+/).filter(Boolean)
  if (!words.length) return null
  const parts: string[] = []
  const params: unknown[] = []
  const long = words.filter((w) => [...w].length >= 3)
  if (long.length) {
    parts.push('e.id IN (SELECT entry_id FROM log_fts WHERE log_fts MATCH ?)')
    params.push(long.map(ftsPhrase).join(' AND '))
  }
  for (const w of words.filter((w) => [...w].length < 3)) {
    const like = `%${likeEscape(w)}%`
    parts.push(`(e.content LIKE ? ESCAPE '\\' OR e.person LIKE ? ESCAPE '\\' OR e.action LIKE ? ESCAPE '\\' OR e.passed_to LIKE ? ESCAPE '\\')`)
    params.push(like, like, like, like)
  }
  return { sql: parts.join(' AND '), params }
}

/** The log with filters: date range (site's local days), kind, unit, current status, recorder, shift, text. */
export async function listEntries(ctx: Ctx, input: z.output<typeof logListInput>): Promise<{ rows: LogEntryRow[]; total: number }> {
  const inner: string[] = []
  const params: unknown[] = []
  const add = (sql: string, ...p: unknown[]) => {
    inner.push(sql)
    params.push(...p)
  }
  // A day is a shift's date: a night shift's 02:10 entry belongs to the day its shift started.
  if (input.from) add('d.date >= ?', input.from)
  if (input.to) add('d.date <= ?', input.to)
  if (input.kind) add('e.kind = ?', input.kind)
  if (input.unitId) add('e.unit_id = ?', input.unitId)
  if (input.staffId) add('e.recorded_by = ?', input.staffId)
  if (input.shiftId) add('e.shift_id = ?', input.shiftId)
  const text = input.q ? textFilter(input.q) : null
  if (text) add(text.sql, ...text.params)
  const innerSql = inner.length ? inner.join(' AND ') : '1 = 1'
  const outer = input.status ? 'x.state = ?' : '1 = 1'
  const outerParams = input.status ? [input.status] : []
  const total = (await ctx.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM ${ENTRY_FROM.replace('__INNER__', innerSql)} WHERE ${outer}`, [...params, ...outerParams]))!.n
  const rows = await entryRows(ctx.db.read, {
    inner: innerSql,
    innerParams: params,
    outer,
    outerParams,
    tail: 'ORDER BY x.at DESC, x.id DESC LIMIT ? OFFSET ?',
    tailParams: [input.pageSize, (input.page - 1) * input.pageSize],
  })
  return { rows, total }
}
