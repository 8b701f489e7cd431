import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { PERMIT_KIND_DEFS, PERMIT_KINDS } from '../../shared/permit/kinds'
import { COMPLAINT_SERIES } from '../../shared/complaint/schema'

/** Every printed serial names its kind by its two letters: no two series may share them (TS-2026-0001 must be one record). */
function literalPrefixes(dir: string): string[] {
  const out: string[] = []
  for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue
    const src = fs.readFileSync(path.join(dir, f), 'utf8')
    for (const m of src.matchAll(/takeSeriesSerial\(\s*\w+,\s*'[^']+',\s*'([A-Z]{2})'/g)) out.push(m[1])
    for (const m of src.matchAll(/return `([A-Z]{2})-\$\{year\}/g)) out.push(m[1])
  }
  return out
}

describe('serial prefixes', () => {
  it('are unique across permits, complaints, repairs, spare keys, move-in, home services and special events', () => {
    const all = [...PERMIT_KINDS.map((k) => PERMIT_KIND_DEFS[k].prefix), ...Object.values(COMPLAINT_SERIES).map((s) => s.prefix), ...literalPrefixes(path.resolve(__dirname, '../../electron/core'))]
    expect(all.length).toBeGreaterThanOrEqual(14)
    expect(all.filter((p, i) => all.indexOf(p) !== i)).toEqual([])
  })
})
