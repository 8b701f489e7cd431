import type { z } from 'zod'
import { handoverNo, type handoverListInput, type HandoverRow } from '../../../shared/duty/handoverSchema'
import { dateRange } from './settings'
import type { Ctx } from '../context'
import { verifyOne } from './handoverChain'

/** 交接班记录 list, newest first; signed rows on the page are checked against their seal. */
export async function listHandovers(ctx: Ctx, input: z.output<typeof handoverListInput>): Promise<{ rows: HandoverRow[]; total: number }> {
  const r = ctx.db.read
  const where = ['h.deleted_at IS NULL']
  const params: unknown[] = []
  dateRange('d.date', input, where, params)
  const page = input?.page ?? 1
  const pageSize = input?.pageSize ?? 50
  const base = `FROM handovers h JOIN duty_shifts d ON d.id = h.outgoing_shift_id JOIN staff o ON o.id = h.outgoing_staff_id
    LEFT JOIN staff i ON i.id = h.incoming_staff_id LEFT JOIN terminals ct ON ct.id = h.chain AND h.chain <> '' WHERE ${where.join(' AND ')}`
  const total = (await r.get<{ n: number }>(`SELECT count(*) AS n ${base}`, params))!.n
  const rows = await r.all<Omit<HandoverRow, 'intact' | 'rostered' | 'custody' | 'no'> & { rostered: number | null; custody: number; chainMark: string | null }>(
    `SELECT h.id, h.kind, h.status, h.with_custody AS custody, d.date AS shiftDate, d.shift_name AS shiftName, o.name AS outgoingName, i.name AS incomingName,
            h.started_at AS startedAt, h.signed_at AS signedAt, h.seq, ct.series_mark AS chainMark, h.rostered,
            (SELECT count(*) FROM log_entries e WHERE e.handover_id = h.id) AS differences,
            (SELECT count(*) FROM handover_questions q WHERE q.handover_id = h.id) AS questions
       ${base} ORDER BY h.started_at DESC LIMIT ? OFFSET ?`,
    [...params, pageSize, (page - 1) * pageSize],
  )
  const out: HandoverRow[] = []
  for (const { chainMark, ...row } of rows) {
    const integrity = row.seq != null ? await verifyOne(r, row.id) : null
    out.push({ ...row, no: row.seq == null ? null : handoverNo(chainMark, row.seq), custody: !!row.custody, rostered: row.rostered == null ? null : !!row.rostered, intact: integrity ? integrity.ok : null })
  }
  return { rows: out, total }
}
