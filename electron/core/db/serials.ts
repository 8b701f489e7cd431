import { formatSerial } from '../../../shared/permit/serial'
import type { Writer } from './connection'

/**
 * The next number of a series in a year (WX-2026-0001, 0002 …): one counter row per series and year
 * (table permit_serials, whose `kind` column names the series), taken in the caller's transaction
 * together with the row that uses it, so a series is gapless; counters only go up (trigger) and the
 * records are never deleted, so a serial is never reused.
 *
 * Several terminals (issue H): each terminal issues from its own series, marked by its letter in the
 * serial (WX-2026-B0001; the first terminal has none and keeps the series already printed). The
 * counters are this terminal's own (not synced); the letter is the terminal's `series_mark`, given
 * at pairing and unique on the site, so two terminals never take the same number, even cut off.
 */
export async function takeSeriesSerial(w: Writer, series: string, prefix: string, year: number, at: string): Promise<string> {
  const mark = await seriesMark(w)
  const key = mark ? `${series}@${mark}` : series
  const row = await w.get<{ last: number }>('SELECT last FROM permit_serials WHERE kind = ? AND year = ?', [key, year])
  const n = (row?.last ?? 0) + 1
  if (row) await w.run('UPDATE permit_serials SET last = ?, updated_at = ? WHERE kind = ? AND year = ?', [n, at, key, year])
  else await w.run('INSERT INTO permit_serials (kind, year, last, updated_at) VALUES (?, ?, ?, ?)', [key, year, n, at])
  return formatSerial(prefix, year, n, mark)
}

/** This terminal's series letter ('' = the first terminal, or sync never set up). */
export async function seriesMark(w: Pick<Writer, 'get'>): Promise<string> {
  const row = await w.get<{ mark: string }>('SELECT t.series_mark AS mark FROM sync_state s JOIN terminals t ON t.id = s.origin WHERE s.id = 1')
  return row?.mark ?? ''
}
