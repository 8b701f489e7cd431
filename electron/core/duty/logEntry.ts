import { eq } from 'drizzle-orm'
import type { z } from 'zod'
import { LOG_KIND_LABELS, LOG_SOURCE_LABELS, type LogSourceKind } from '../../../shared/duty/kinds'
import type { LogEntryDetail, logAddInput, logCorrectInput, logUpdateInput } from '../../../shared/duty/logSchema'
import type { LogTemplate } from '../../../shared/site/schema'
import { audit, diff } from '../audit/service'
import { newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { logEntries, units } from '../db/schema'
import { conflict, DeskError, notFound, rule } from '../errors'
import { newId } from '../ids'
import { openShiftOf } from './dutyShift'
import { entryDetail, entryRow, excerpt } from './logRows'
import { dutySettings, nowIso, touched } from './settings'

type EntryInput = z.output<typeof logAddInput>

/** The caller's own open shift: every clerk on duty logs under their own name and shift. */
export async function requireOpenShift(w: Writer, ctx: Ctx) {
  const shift = await openShiftOf(w, ctx.staff!.id)
  if (!shift) throw rule(`${ctx.staff!.name} 当前没有值班班次,请先开始值班(或完成交接班)`, 'shift')
  return shift
}

async function checkFields(w: Writer, ctx: Ctx, input: EntryInput) {
  if (input.unitId) {
    const u = await w.orm.select({ id: units.id, deletedAt: units.deletedAt }).from(units).where(eq(units.id, input.unitId)).get()
    if (!u || u.deletedAt) throw rule('所选房屋不存在或已删除', 'unitId')
  }
  if (input.at && new Date(input.at).getTime() > ctx.now().getTime() + 60_000) throw rule('时间不能晚于当前时间', 'at')
}

const fieldsOf = (ctx: Ctx, input: EntryInput) => ({
  at: input.at ?? nowIso(ctx),
  kind: input.kind,
  unitId: input.unitId ?? null,
  person: input.person ?? null,
  content: input.content,
  action: input.action ?? null,
  passedTo: input.passedTo ?? null,
  status: input.status,
  escalateTo: input.status === 'escalated' ? input.escalateTo! : null,
})

/** Inserts one entry into the open shift (used by log.add, log.correct and the handover). */
export async function insertEntry(
  w: Writer,
  ctx: Ctx,
  shiftId: string,
  values: ReturnType<typeof fieldsOf>,
  extra: { recordedBy?: string; correctsId?: string; correctionReason?: string; handoverId?: string; lockedAt?: string; source?: { kind: LogSourceKind; id: string } } = {},
) {
  const id = newId()
  await w.orm.insert(logEntries).values({
    ...newRowMeta(ctx, id),
    shiftId,
    ...values,
    recordedBy: extra.recordedBy ?? ctx.staff!.id,
    correctsId: extra.correctsId ?? null,
    correctionReason: extra.correctionReason ?? null,
    handoverId: extra.handoverId ?? null,
    lockedAt: extra.lockedAt ?? null,
    sourceKind: extra.source?.kind ?? null,
    sourceId: extra.source?.id ?? null,
  })
  return id
}

/** Saves and answers with the record read in the same write transaction (never a stale reader snapshot). */
export async function addEntry(ctx: Ctx, input: EntryInput): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const shift = await requireOpenShift(w, ctx)
    await checkFields(w, ctx, input)
    const values = fieldsOf(ctx, input)
    const id = await insertEntry(w, ctx, shift.id, values)
    await audit(w, ctx, { action: 'log.add', entity: 'logEntry', entityId: id, summary: `值班记录[${LOG_KIND_LABELS[input.kind]}]${excerpt(input.content)}`, changes: values })
    return entryDetail(w, id)
  })
}

/** An entry standing for a reception record changes with the record, never in the log alone. */
export const linkedRefusal = (kind: LogSourceKind, what: string) => `该记录来自${LOG_SOURCE_LABELS[kind]},请在${LOG_SOURCE_LABELS[kind]}中${what}`

const LOCKED = '该记录所在班次已交接,记录已锁定;如需更正,请新增一条更正记录'

/** Changes an entry of the open shift (its recorder, or an administrator/supervisor). Locked entries: refused. */
export async function updateEntry(ctx: Ctx, input: z.output<typeof logUpdateInput>): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const cur = await w.orm.select().from(logEntries).where(eq(logEntries.id, input.id)).get()
    if (!cur || cur.deletedAt) throw notFound('值班记录')
    if (cur.lockedAt) throw rule(LOCKED, 'id')
    if (cur.sourceKind) throw rule(linkedRefusal(cur.sourceKind as LogSourceKind, '修改'), 'id')
    const me = ctx.staff!
    if (cur.recordedBy !== me.id && !me.roles.some((r) => r === 'admin' || r === 'supervisor')) {
      throw new DeskError('FORBIDDEN', '只能修改自己记录的值班记录', 'id')
    }
    await checkFields(w, ctx, input)
    const next = { ...fieldsOf(ctx, input), at: input.at ?? cur.at }
    await w.orm.update(logEntries).set({ ...next, ...touched(ctx) }).where(eq(logEntries.id, cur.id))
    await audit(w, ctx, { action: 'log.update', entity: 'logEntry', entityId: cur.id, summary: `修改值班记录:${excerpt(input.content)}`, changes: diff(cur, next) })
    return entryDetail(w, input.id)
  })
}

/** A correction: a new entry in the open shift that points at the entry it corrects (the latest version only). */
export async function correctEntry(ctx: Ctx, input: z.output<typeof logCorrectInput>): Promise<LogEntryDetail> {
  return ctx.db.tx(async (w) => {
    const orig = await entryRow(w, input.id)
    if (orig.correctedById) throw conflict('该记录已有更正记录,请更正最新的那一条', 'id')
    if (orig.sourceKind) throw rule(linkedRefusal(orig.sourceKind, '更正'), 'id')
    const shift = await requireOpenShift(w, ctx)
    await checkFields(w, ctx, input)
    const values = fieldsOf(ctx, input)
    const id = await insertEntry(w, ctx, shift.id, values, { correctsId: orig.id, correctionReason: input.reason })
    await audit(w, ctx, { action: 'log.correct', entity: 'logEntry', entityId: id, summary: `更正值班记录(${excerpt(orig.content, 12)}):${input.reason}`, changes: { corrects: orig.id, ...values } })
    return entryDetail(w, id)
  })
}

export async function logTemplates(ctx: Ctx): Promise<LogTemplate[]> {
  return (await dutySettings(ctx.db.read)).logTemplates
}
