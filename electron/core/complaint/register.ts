import type { z } from 'zod'
import { closeBlockers } from '../../../shared/complaint/rules'
import {
  CALL_BACK_OUTCOME_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_SERIES,
  COMPLAINT_SEVERITY_LABELS,
  type complaintCallBackInput,
  type complaintCloseInput,
  type complaintCreateInput,
  type ComplaintDetail,
  type complaintFollowUpInput,
  type complaintResultInput,
  type ComplaintRow,
  type complaintSlipInput,
  type ComplaintStepKind,
  type complaintValidityInput,
} from '../../../shared/complaint/schema'
import { localDate, zonedIso } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { takeSeriesSerial } from '../db/serials'
import { addLinkedEntry, linkedFollowUp } from '../duty/linkedEntry'
import { conflict, DeskError, rule } from '../errors'
import { newId } from '../ids'
import { getSite } from '../site/service'
import { complaintDetail, complaintRow } from './read'
import { complaintSettings } from './settings'

const excerpt = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s)

/**
 * Registers a complaint (客户投诉登记表) with its serial (TS-2026-0001) and its linked duty-log entry in
 * one transaction: the clerk's open shift is required, as for any log entry. A major one shows at once
 * in the supervisor's and director's queue (complaint.queue reads it from this row).
 *
 * Serials on several terminals (issue H): takeSeriesSerial will take the terminal's own series, marked
 * in the serial, so two terminals never issue the same number.
 */
export async function createComplaint(ctx: Ctx, input: z.output<typeof complaintCreateInput>): Promise<ComplaintDetail> {
  const tz = (await getSite(ctx)).timeZone
  const id = await ctx.db.tx(async (w) => {
    const settings = await complaintSettings(w)
    if (!settings.categories.includes(input.category)) throw rule(`投诉类别「${input.category}」不在项目设置的类别中`, 'category')
    if (!settings.departments.includes(input.department)) throw rule(`责任部门「${input.department}」不在项目设置的部门中`, 'department')
    if (input.unitId) {
      const u = await w.get<{ id: string }>('SELECT id FROM units WHERE id = ? AND deleted_at IS NULL', [input.unitId])
      if (!u) throw rule('所选房屋不存在或已删除', 'unitId')
    }
    const at = iso(ctx.now())
    const id = newId()
    const { series, prefix } = COMPLAINT_SERIES.complaint
    const serial = await takeSeriesSerial(w, series, prefix, Number(localDate(at, tz).slice(0, 4)), at)
    await w.run(
      `INSERT INTO complaints (id, created_at, updated_at, terminal_id, deleted_at, serial, received_at, channel, complainant, phone, unit_id, category, department, summary, severity, recorded_by)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, at, at, ctx.terminalId, serial, at, input.channel, input.complainant, input.phone ?? null, input.unitId ?? null, input.category, input.department, input.summary, input.severity, ctx.staff!.id],
    )
    const major = input.severity === 'major'
    await addLinkedEntry(w, ctx, 'complaint', id, {
      kind: 'complaint',
      unitId: input.unitId ?? null,
      person: input.complainant,
      content: `${major ? '【重大投诉】' : ''}投诉 ${serial}(${COMPLAINT_CHANNEL_LABELS[input.channel]}·${input.category}):${input.summary}`,
      passedTo: input.department,
      status: 'pending',
    })
    await audit(w, ctx, {
      action: 'complaint.create',
      entity: 'complaint',
      entityId: id,
      summary: `登记${COMPLAINT_SEVERITY_LABELS[input.severity]}投诉 ${serial}(${input.complainant},${input.department}):${excerpt(input.summary, 40)}`,
    })
    return id
  })
  return (await complaintDetail(ctx.db.read, id, ctx.now()))!
}

/** The complaint a step is for, read inside the write; a closed one takes no more steps (but a validity decision). */
async function complaintFor(w: Writer, id: string, what: string, closedOk = false): Promise<ComplaintRow> {
  const c = await complaintRow(w, id)
  if (!c) throw new DeskError('NOT_FOUND', '投诉记录不存在', 'complaintId')
  if (c.closedAt && !closedOk) throw conflict(`投诉 ${c.serial} 已办结,不能再${what}`, 'complaintId')
  return c
}

async function addStep(w: Writer, ctx: Ctx, complaintId: string, kind: ComplaintStepKind, v: { note?: string | null; outcome?: string | null; valid?: boolean | null } = {}) {
  const at = iso(ctx.now())
  await w.run(
    `INSERT INTO complaint_steps (id, created_at, updated_at, terminal_id, deleted_at, complaint_id, kind, at, staff_id, note, outcome, valid) VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
    [newId(), at, at, ctx.terminalId, complaintId, kind, at, ctx.staff!.id, v.note ?? null, v.outcome ?? null, v.valid == null ? null : v.valid ? 1 : 0],
  )
}

async function done(ctx: Ctx, id: string) {
  return (await complaintDetail(ctx.db.read, id, ctx.now()))!
}

/** 工作联系单 to a department: serial LX-2026-0001 and a deadline that must lie ahead (site's local time). */
export async function issueSlip(ctx: Ctx, input: z.output<typeof complaintSlipInput>): Promise<ComplaintDetail> {
  const tz = (await getSite(ctx)).timeZone
  await ctx.db.tx(async (w) => {
    const c = await complaintFor(w, input.complaintId, '开具联系单')
    const settings = await complaintSettings(w)
    if (!settings.departments.includes(input.department)) throw rule(`接收部门「${input.department}」不在项目设置的部门中`, 'department')
    const deadlineAt = zonedIso(input.deadline.slice(0, 10), input.deadline.slice(11, 16), tz)
    if (Number.isNaN(Date.parse(deadlineAt))) throw rule('处理时限不是有效时间', 'deadline')
    if (Date.parse(deadlineAt) <= ctx.now().getTime()) throw rule('处理时限应晚于当前时间', 'deadline')
    const at = iso(ctx.now())
    const { series, prefix } = COMPLAINT_SERIES.slip
    const serial = await takeSeriesSerial(w, series, prefix, Number(localDate(at, tz).slice(0, 4)), at)
    await w.run(
      `INSERT INTO complaint_slips (id, created_at, updated_at, terminal_id, deleted_at, complaint_id, serial, department, request, deadline_at, issued_at, issued_by)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
      [newId(), at, at, ctx.terminalId, c.id, serial, input.department, input.request, deadlineAt, at, ctx.staff!.id],
    )
    await linkedFollowUp(w, ctx, 'complaint', c.id, 'note', `开具工作联系单 ${serial} 至${input.department},时限 ${input.deadline}`)
    await audit(w, ctx, { action: 'complaint.slip', entity: 'complaint', entityId: c.id, summary: `投诉 ${c.serial} 开具工作联系单 ${serial} 至${input.department},时限 ${input.deadline}` })
  })
  return done(ctx, input.complaintId)
}

export async function followUpComplaint(ctx: Ctx, input: z.output<typeof complaintFollowUpInput>): Promise<ComplaintDetail> {
  await ctx.db.tx(async (w) => {
    const c = await complaintFor(w, input.complaintId, '跟进')
    await addStep(w, ctx, c.id, 'followUp', { note: input.note })
    await linkedFollowUp(w, ctx, 'complaint', c.id, 'note', `跟进:${input.note}`)
    await audit(w, ctx, { action: 'complaint.followUp', entity: 'complaint', entityId: c.id, summary: `投诉 ${c.serial} 跟进:${excerpt(input.note, 40)}` })
  })
  return done(ctx, input.complaintId)
}

/** The result of handling. A later result replaces the earlier for closing: the call-back must then follow it. */
export async function recordResult(ctx: Ctx, input: z.output<typeof complaintResultInput>): Promise<ComplaintDetail> {
  await ctx.db.tx(async (w) => {
    const c = await complaintFor(w, input.complaintId, '登记处理结果')
    await addStep(w, ctx, c.id, 'result', { note: input.result })
    await linkedFollowUp(w, ctx, 'complaint', c.id, 'note', `处理结果:${input.result}`)
    await audit(w, ctx, { action: 'complaint.result', entity: 'complaint', entityId: c.id, summary: `投诉 ${c.serial} 处理结果:${excerpt(input.result, 40)}` })
  })
  return done(ctx, input.complaintId)
}

/** 回访 after handling: refused before a result exists (one calls back about what was done). */
export async function callBack(ctx: Ctx, input: z.output<typeof complaintCallBackInput>): Promise<ComplaintDetail> {
  await ctx.db.tx(async (w) => {
    const c = await complaintFor(w, input.complaintId, '回访')
    if (!c.resultAt) throw rule(`投诉 ${c.serial} 尚未登记处理结果,不能回访`, 'result')
    await addStep(w, ctx, c.id, 'callBack', { note: input.note ?? null, outcome: input.outcome })
    const what = `回访:${CALL_BACK_OUTCOME_LABELS[input.outcome]}${input.note ? `,${input.note}` : ''}`
    await linkedFollowUp(w, ctx, 'complaint', c.id, 'note', what)
    await audit(w, ctx, { action: 'complaint.callBack', entity: 'complaint', entityId: c.id, summary: `投诉 ${c.serial} ${excerpt(what, 50)}` })
  })
  return done(ctx, input.complaintId)
}

/** 办结: only with a result and a call-back after it (or the reason none was possible); closes the log entry. */
export async function closeComplaint(ctx: Ctx, input: z.output<typeof complaintCloseInput>): Promise<ComplaintDetail> {
  await ctx.db.tx(async (w) => {
    const c = await complaintFor(w, input.complaintId, '办结')
    const blocked = closeBlockers(c)[0]
    if (blocked) throw rule(`投诉 ${c.serial} ${blocked.message}`, blocked.field)
    await addStep(w, ctx, c.id, 'close', { note: input.note ?? null })
    await linkedFollowUp(w, ctx, 'complaint', c.id, 'close', `投诉办结:${c.result}${input.note ? `(${input.note})` : ''}`)
    await audit(w, ctx, { action: 'complaint.close', entity: 'complaint', entityId: c.id, summary: `投诉 ${c.serial} 办结` })
  })
  return done(ctx, input.complaintId)
}

/** 有效投诉 or not: the supervisor's decision with its reason, open or closed; a later decision replaces the earlier. */
export async function decideValidity(ctx: Ctx, input: z.output<typeof complaintValidityInput>): Promise<ComplaintDetail> {
  await ctx.db.tx(async (w) => {
    const c = await complaintFor(w, input.complaintId, '判定', true)
    await addStep(w, ctx, c.id, 'validity', { note: input.reason, valid: input.valid })
    const what = `判定为${input.valid ? '有效投诉' : '无效投诉'}:${input.reason}`
    if (!c.closedAt) await linkedFollowUp(w, ctx, 'complaint', c.id, 'note', what)
    await audit(w, ctx, { action: 'complaint.validity', entity: 'complaint', entityId: c.id, summary: `投诉 ${c.serial} ${excerpt(what, 50)}` })
  })
  return done(ctx, input.complaintId)
}
