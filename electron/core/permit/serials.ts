import { kindDef, type PermitKind } from '../../../shared/permit/kinds'
import type { Writer } from '../db/connection'
import { takeSeriesSerial } from '../db/serials'

/**
 * The next serial of a permit kind in a year: DH-2026-0001, 0002 … (gapless, never reused: see
 * electron/core/db/serials.ts). The series key is the permit kind, as it always was.
 */
export async function takeSerial(w: Writer, kind: PermitKind, year: number, at: string): Promise<string> {
  return takeSeriesSerial(w, kind, kindDef(kind).prefix, year, at)
}
