import type { z } from 'zod'
import type { PermitRow, permitListInput } from '../../../shared/permit/apiSchema'
import { kindDef, PERMIT_KIND_LABELS, PERMIT_STATE_LABELS, type ApplicantRole, type PermitKind, type PermitState } from '../../../shared/permit/kinds'
import { effectiveState } from '../../../shared/permit/rules'
import { dayOf, type LocalStamp } from '../../../shared/time/calendar'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { localNow, permitSite } from './site'

/** Lists and the review queue ("待我审核"): rows with the state as of now and the step that waits. */

interface DbRow extends Omit<PermitRow, 'kindName' | 'stateLabel' | 'nextStepLabel' | 'nextStepRole' | 'state'> {
  state: PermitState
  approvals: number
}

const SELECT = `SELECT p.id, p.kind, p.serial, p.state, p.unit_id AS unitId, p.unit_label AS unitLabel, p.applicant_name AS applicantName,
    json_extract(p.applicant, '$.role') AS applicantRole, p.holder_name AS holderName, p.valid_from AS validFrom, p.valid_until AS validUntil,
    p.submitted_at AS submittedAt, p.print_count AS printCount, p.renovation_id AS renovationId, p.parent_serial AS parentSerial,
    p.replaces_serial AS replacesSerial,
    (SELECT count(*) FROM permit_reviews r WHERE r.permit_id = p.id AND r.decision = 'approve') AS approvals
  FROM permits p`

/** Approved/issued and over (a day runs to 24:00, a time window to its minute): params [today, now]. */
const EXPIRED = `(p.state IN ('approved', 'issued') AND CASE WHEN length(p.valid_until) = 10 THEN p.valid_until < ? ELSE p.valid_until <= ? END)`

function toRow(d: DbRow, now: LocalStamp): PermitRow {
  const { approvals, ...rest } = d
  const state = effectiveState(d, now)
  const step = d.state === 'inReview' ? kindDef(d.kind).steps[approvals] : undefined
  return {
    ...rest,
    applicantRole: d.applicantRole as ApplicantRole,
    kindName: PERMIT_KIND_LABELS[d.kind as PermitKind],
    state,
    stateLabel: PERMIT_STATE_LABELS[state],
    nextStepLabel: step?.label ?? null,
    nextStepRole: step?.role ?? null,
  }
}

export async function permitRows(r: Reader, now: LocalStamp, where: string, params: unknown[], tail = ''): Promise<PermitRow[]> {
  const rows = await r.all<DbRow>(`${SELECT} WHERE p.deleted_at IS NULL AND ${where} ${tail}`, params)
  return rows.map((d) => toRow(d, now))
}

export async function permitRowOf(r: Reader, now: LocalStamp, id: string): Promise<PermitRow | null> {
  return (await permitRows(r, now, 'p.id = ?', [id]))[0] ?? null
}

export async function listPermits(ctx: Ctx, input: z.output<typeof permitListInput>) {
  const site = await permitSite(ctx.db.read)
  const now = localNow(ctx, site)
  const where: string[] = ['p.deleted_at IS NULL']
  const params: unknown[] = []
  if (input.kind) {
    where.push('p.kind = ?')
    params.push(input.kind)
  }
  if (input.unitId) {
    where.push('p.unit_id = ?')
    params.push(input.unitId)
  }
  if (input.renovationId) {
    where.push('p.renovation_id = ?')
    params.push(input.renovationId)
  }
  if (input.state === 'expired') {
    where.push(EXPIRED)
    params.push(dayOf(now), now)
  } else if (input.state === 'approved' || input.state === 'issued') {
    where.push(`p.state = ? AND NOT ${EXPIRED}`)
    params.push(input.state, dayOf(now), now)
  } else if (input.state) {
    where.push('p.state = ?')
    params.push(input.state)
  }
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push(`(p.serial LIKE ? ESCAPE '\\' OR p.holder_name LIKE ? ESCAPE '\\' OR p.applicant_name LIKE ? ESCAPE '\\' OR p.unit_label LIKE ? ESCAPE '\\')`)
    params.push(like, like, like, like)
  }
  const w = where.join(' AND ')
  const total = (await ctx.db.read.get<{ n: number }>(`SELECT count(*) AS n FROM permits p WHERE ${w}`, params))!.n
  const rows = await permitRows(ctx.db.read, now, w, [...params, input.pageSize, (input.page - 1) * input.pageSize], 'ORDER BY p.submitted_at DESC, p.serial DESC LIMIT ? OFFSET ?')
  return { rows, total }
}

/** 待我审核: applications whose waiting step is for one of the caller's roles and that they have not decided a step of. */
export async function reviewQueue(ctx: Ctx): Promise<PermitRow[]> {
  const site = await permitSite(ctx.db.read)
  const now = localNow(ctx, site)
  const me = ctx.staff!
  const rows = await permitRows(
    ctx.db.read,
    now,
    `p.state = 'inReview' AND NOT EXISTS (SELECT 1 FROM permit_reviews r WHERE r.permit_id = p.id AND r.staff_id = ?)`,
    [me.id],
    'ORDER BY p.submitted_at, p.serial',
  )
  return rows.filter((r) => r.nextStepRole !== null && me.roles.includes(r.nextStepRole))
}
