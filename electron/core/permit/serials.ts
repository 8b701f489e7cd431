import { formatSerial } from '../../../shared/permit/rules'
import { kindDef, type PermitKind } from '../../../shared/permit/kinds'
import type { Writer } from '../db/connection'

/**
 * The next serial of a kind in a year: DH-2026-0001, 0002 … Taken from the counter in the caller's
 * transaction, together with the row that uses it, so serials are gapless; the counter only goes up
 * (trigger) and permits are never deleted, so a serial — voided or not — is never reused.
 */
export async function takeSerial(w: Writer, kind: PermitKind, year: number, at: string): Promise<string> {
  const row = await w.get<{ last: number }>('SELECT last FROM permit_serials WHERE kind = ? AND year = ?', [kind, year])
  const n = (row?.last ?? 0) + 1
  if (row) await w.run('UPDATE permit_serials SET last = ?, updated_at = ? WHERE kind = ? AND year = ?', [n, at, kind, year])
  else await w.run('INSERT INTO permit_serials (kind, year, last, updated_at) VALUES (?, ?, ?, ?)', [kind, year, n, at])
  return formatSerial(kindDef(kind).prefix, year, n)
}
