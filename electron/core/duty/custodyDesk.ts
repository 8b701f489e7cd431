import type { CustodyDesk } from '../../../shared/duty/handoverRules'
import type { Reader } from '../db/connection'

/**
 * The terminal beside which the desk's items sit, once the site has several terminals (LAN sync):
 * custody is taken and handed over only there, so two terminals cut off from each other never both
 * give it out. Null while the site has one terminal (no terminal with a series letter: none joined).
 * Unset, it is the first terminal (no letter); of two such rows (a data folder moved to a new PC),
 * the one that has listened for its peers most recently.
 */
export async function custodyDesk(r: Reader): Promise<CustodyDesk | null> {
  const live = 'deleted_at IS NULL AND revoked_at IS NULL'
  if (!(await r.get(`SELECT 1 AS x FROM terminals WHERE ${live} AND series_mark <> '' LIMIT 1`))) return null
  const chosen = await r.get<CustodyDesk>(`SELECT t.id, t.name FROM site s JOIN terminals t ON t.id = s.custody_terminal_id WHERE t.deleted_at IS NULL AND t.revoked_at IS NULL LIMIT 1`)
  if (chosen) return chosen
  return (await r.get<CustodyDesk>(`SELECT id, name FROM terminals WHERE ${live} AND series_mark = '' ORDER BY sync_address IS NULL, updated_at DESC, id LIMIT 1`)) ?? null
}
