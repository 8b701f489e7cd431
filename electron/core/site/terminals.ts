import type { Ctx } from '../context'
import type { DeskDb } from '../db/connection'
import { audit } from '../audit/service'
import { DeskError } from '../errors'

/**
 * This terminal's row in `terminals`, made at start with the name from its settings file when the
 * site has none for it yet. On several terminals each inserts only its own id, so none collide.
 */
export async function ensureTerminal(db: DeskDb, terminalId: string, name: string, now: Date): Promise<void> {
  const at = now.toISOString()
  await db.tx((w) =>
    w.run('INSERT INTO terminals (id, created_at, updated_at, terminal_id, deleted_at, name) VALUES (?,?,?,?,NULL,?) ON CONFLICT(id) DO NOTHING', [terminalId, at, at, terminalId, name]),
  )
}

export async function listTerminals(ctx: Ctx) {
  return ctx.db.read.all<{ id: string; name: string; current: number }>('SELECT id, name, id = ? AS current FROM terminals WHERE deleted_at IS NULL ORDER BY created_at', [ctx.terminalId])
}

/** Renames this terminal (审计日志 shows the name). */
export async function renameTerminal(ctx: Ctx, name: string) {
  return ctx.db.tx(async (w) => {
    const row = await w.get<{ name: string }>('SELECT name FROM terminals WHERE id = ? AND deleted_at IS NULL', [ctx.terminalId])
    if (!row) throw new DeskError('NOT_FOUND', '本终端的记录不存在')
    if (row.name === name) return { id: ctx.terminalId, name }
    const dup = await w.get('SELECT 1 FROM terminals WHERE name = ? AND id <> ? AND deleted_at IS NULL', [name, ctx.terminalId])
    if (dup) throw new DeskError('CONFLICT', `终端名称"${name}"已被另一台终端使用`, 'name')
    await w.run('UPDATE terminals SET name = ?, updated_at = ?, terminal_id = ? WHERE id = ?', [name, ctx.now().toISOString(), ctx.terminalId, ctx.terminalId])
    await audit(w, ctx, { action: 'site.terminalName', entity: 'terminal', entityId: ctx.terminalId, summary: `终端名称由"${row.name}"改为"${name}"`, changes: { name: [row.name, name] } })
    return { id: ctx.terminalId, name }
  })
}
