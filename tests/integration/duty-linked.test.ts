import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import type { Ctx } from '../../electron/core/context'
import { addLinkedEntry, linkedEntry, linkedFollowUp } from '../../electron/core/duty/linkedEntry'
import { newId } from '../../electron/core/ids'
import { ctxOf } from '../helpers/ctx'
import { expectRefused, makeRoster, openDutyDesk, type DutyDesk } from '../helpers/duty'

/** A reception record stands in the duty log as one linked entry: made, followed up and closed by its own service. */
let desk: DutyDesk
afterEach(async () => desk?.core.close())

async function clerkCtx(): Promise<{ ctx: Ctx; q1: string }> {
  desk = await openDutyDesk('2026-11-20 09:00')
  await makeRoster(desk, '2026-12', [['2026-12-01', 'Q1', 'early']])
  desk.clock.set('2026-12-01 07:25')
  const q1 = await desk.token('Q1')
  await callOk(desk.core, 'duty.start', {}, q1)
  return { ctx: await ctxOf(desk, 'Q1'), q1 }
}

describe('linked log entries', () => {
  it('a record and its entry are saved together; the log cannot close, change or correct it; the record closes it', async () => {
    const { ctx, q1 } = await clerkCtx()
    const repairId = newId()
    const entryId = await ctx.db.tx((w) => addLinkedEntry(w, ctx, 'repair', repairId, { kind: 'repair', content: '报修单 WX-2026-0001:厨房水管漏水', status: 'pending' }))
    const pending = await callOk(desk.core, 'log.pending', {}, q1)
    expect(pending.map((e) => [e.id, e.sourceKind, e.sourceId, e.state])).toEqual([[entryId, 'repair', repairId, 'pending']])
    expectRefused(await desk.core.call('log.close', { id: entryId, note: '已修好' }, q1), 'RULE', 'id', '该记录来自报修单,请在报修单中办结')
    expectRefused(
      await desk.core.call('log.update', { id: entryId, kind: 'repair', content: '改过的内容', status: 'done' }, q1),
      'RULE',
      'id',
      '请在报修单中修改',
    )
    expectRefused(await desk.core.call('log.correct', { id: entryId, kind: 'repair', content: '更正', status: 'done', reason: '写错' }, q1), 'RULE', 'id', '请在报修单中更正')
    await ctx.db.tx((w) => linkedFollowUp(w, ctx, 'repair', repairId, 'note', '已转工程部 张师傅'))
    await ctx.db.tx((w) => linkedFollowUp(w, ctx, 'repair', repairId, 'close', '已回访,业主满意'))
    // Closing twice appends nothing more.
    await ctx.db.tx((w) => linkedFollowUp(w, ctx, 'repair', repairId, 'close', '再次关闭'))
    const e = await callOk(desk.core, 'log.get', { id: entryId }, q1)
    expect(e.state).toBe('done')
    expect(e.followUps.map((f) => [f.kind, f.note])).toEqual([
      ['note', '已转工程部 张师傅'],
      ['close', '已回访,业主满意'],
    ])
    expect((await linkedEntry(ctx.db.read, 'repair', repairId))?.id).toBe(entryId)
    expect(await callOk(desk.core, 'log.pending', {}, q1)).toEqual([])
  })

  it('a record that fails after its entry leaves no entry; nobody on duty → refused naming the shift', async () => {
    const { ctx, q1 } = await clerkCtx()
    await expect(
      ctx.db.tx(async (w) => {
        await addLinkedEntry(w, ctx, 'complaint', newId(), { kind: 'complaint', content: '投诉', status: 'pending' })
        throw new Error('the record itself was refused')
      }),
    ).rejects.toThrow('refused')
    expect(await desk.core.db.read.all('SELECT id FROM log_entries')).toEqual([])
    const sup = await ctxOf(desk, 'S1')
    await expect(ctx.db.tx((w) => addLinkedEntry(w, sup, 'repair', newId(), { kind: 'repair', content: 'x', status: 'pending' }))).rejects.toMatchObject({ field: 'shift' })
    expect(await callOk(desk.core, 'log.pending', {}, q1)).toEqual([])
  })
})
