import type { z } from 'zod'
import { audit } from '../audit/service'
import { iso, type Ctx } from '../context'
import type { Reader, Writer } from '../db/connection'

/**
 * Settings of one desk area (e.g. 'repair.clocks', 'parcel.waitDays'), one row each in desk_settings,
 * validated by the area's own zod schema in shared/. An area reads its setting with its default; a
 * value that no longer passes the schema (a file edited behind the app, an older version's shape)
 * gives the default rather than stopping the desk, and the next save replaces it.
 */
export async function readDeskSetting<S extends z.ZodType>(r: Reader, key: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  const row = await r.get<{ value: string }>('SELECT value FROM desk_settings WHERE id = ? AND deleted_at IS NULL', [key])
  if (!row) return fallback
  try {
    const parsed = schema.safeParse(JSON.parse(row.value))
    return parsed.success ? parsed.data : fallback
  } catch {
    return fallback
  }
}

/** Saves a setting (already validated by the method's input schema) and audits the change. */
export async function writeDeskSetting(w: Writer, ctx: Ctx, key: string, value: unknown, summary: string): Promise<void> {
  const at = iso(ctx.now())
  const json = JSON.stringify(value)
  const before = await w.get<{ value: string }>('SELECT value FROM desk_settings WHERE id = ?', [key])
  await w.run(
    `INSERT INTO desk_settings (id, created_at, updated_at, terminal_id, deleted_at, value) VALUES (?, ?, ?, ?, NULL, ?)
     ON CONFLICT(id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, terminal_id = excluded.terminal_id, deleted_at = NULL`,
    [key, at, at, ctx.terminalId, json],
  )
  await audit(w, ctx, { action: 'settings.update', entity: 'deskSetting', entityId: key, summary, changes: { [key]: [before ? JSON.parse(before.value) : null, value] } })
}
