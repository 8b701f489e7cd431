import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readDeskSetting, writeDeskSetting } from '../../electron/core/site/deskSettings'
import { ctxOf } from '../helpers/ctx'
import { openDutyDesk, type DutyDesk } from '../helpers/duty'

let desk: DutyDesk
afterEach(async () => desk?.core.close())

const minutes = z.object({ forward: z.number().int().min(1), onSite: z.number().int().min(1) })
const DEFAULT = { forward: 3, onSite: 15 }

describe('desk settings (one row per setting)', () => {
  it('reads the default, then what was saved; an audit row names the change; a value edited behind the app gives the default', async () => {
    desk = await openDutyDesk('2026-12-01 09:00')
    const ctx = await ctxOf(desk, 'admin')
    expect(await readDeskSetting(ctx.db.read, 'test.clocks', minutes, DEFAULT)).toEqual(DEFAULT)
    await ctx.db.tx((w) => writeDeskSetting(w, ctx, 'test.clocks', { forward: 3, onSite: 5 }, '到场时限改为5分钟'))
    await ctx.db.tx((w) => writeDeskSetting(w, ctx, 'test.clocks', { forward: 2, onSite: 5 }, '转单时限改为2分钟'))
    expect(await readDeskSetting(ctx.db.read, 'test.clocks', minutes, DEFAULT)).toEqual({ forward: 2, onSite: 5 })
    expect(await ctx.db.read.all('SELECT id FROM desk_settings')).toEqual([{ id: 'test.clocks' }])
    const a = await ctx.db.read.get<{ summary: string; changes: string }>("SELECT summary, changes FROM audit_events WHERE action = 'settings.update' ORDER BY seq DESC LIMIT 1")
    expect(a?.summary).toBe('转单时限改为2分钟')
    expect(JSON.parse(a!.changes)).toEqual({ 'test.clocks': [{ forward: 3, onSite: 5 }, { forward: 2, onSite: 5 }] })
    await ctx.db.tx((w) => w.run(`UPDATE desk_settings SET value = '{"forward":"x"' WHERE id = 'test.clocks'`))
    expect(await readDeskSetting(ctx.db.read, 'test.clocks', minutes, DEFAULT)).toEqual(DEFAULT)
    await ctx.db.tx((w) => w.run(`UPDATE desk_settings SET value = '{"forward":-1,"onSite":5}' WHERE id = 'test.clocks'`))
    expect(await readDeskSetting(ctx.db.read, 'test.clocks', minutes, DEFAULT)).toEqual(DEFAULT)
  })
})
