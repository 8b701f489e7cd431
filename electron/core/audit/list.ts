import type { z } from 'zod'
import type { auditListInput } from '../../../shared/audit/api'
import type { AuditRow } from '../../../shared/audit/schema'
import { localDayRange } from '../../../shared/time/zone'
import type { Reader } from '../db/connection'

/** 审计日志: newest first, filtered by who, what and when (dates in the site's time zone). */
export async function listAudit(r: Reader, i: z.output<typeof auditListInput>, timeZone: string) {
  const where: string[] = []
  const params: unknown[] = []
  const add = (clause: string, ...values: unknown[]) => {
    where.push(clause)
    params.push(...values)
  }
  if (i.entity) add('a.entity = ?', i.entity)
  if (i.staffId) add('a.staff_id = ?', i.staffId)
  if (i.action) add('a.action = ?', i.action)
  else if (i.area) add("(a.action = ? OR a.action LIKE ? ESCAPE '\\')", i.area, `${i.area}.%`)
  if (i.from) add('a.at >= ?', localDayRange(i.from, i.from, timeZone).from)
  if (i.to) add('a.at < ?', localDayRange(i.to, i.to, timeZone).to)
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = (await r.get<{ n: number }>(`SELECT count(*) AS n FROM audit_events a ${w}`, params))!.n
  const rows = await r.all<AuditRow>(
    `SELECT a.seq, a.at, a.staff_id AS staffId, s.name AS staffName, a.terminal_id AS terminalId, t.name AS terminalName,
            a.action, a.entity, a.entity_id AS entityId, a.summary
       FROM audit_events a
       LEFT JOIN staff s ON s.id = a.staff_id
       LEFT JOIN terminals t ON t.id = a.terminal_id AND t.deleted_at IS NULL
       ${w}
      ORDER BY a.seq DESC LIMIT ? OFFSET ?`,
    [...params, i.pageSize, (i.page - 1) * i.pageSize],
  )
  return { rows, total }
}

export async function auditPeople(r: Reader) {
  return r.all<{ id: string; name: string; staffNo: string }>(
    'SELECT s.id, s.name, s.staff_no AS staffNo FROM staff s WHERE s.id IN (SELECT DISTINCT staff_id FROM audit_events WHERE staff_id IS NOT NULL) ORDER BY s.staff_no',
  )
}

export async function auditActions(r: Reader) {
  return (await r.all<{ action: string }>('SELECT DISTINCT action FROM audit_events ORDER BY action')).map((x) => x.action)
}
