import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { takeSeriesSerial } from '../../electron/core/db/serials'
import { newId } from '../../electron/core/ids'
import { setUpSite, tempDir } from '../helpers/core'
import { checksum, linkTo, sameData, terminal, trust } from '../helpers/sync'

/**
 * Issue H, as a property: three terminals, random writes on each (new buildings, edits of the same
 * building's columns on different terminals — per-column conflicts —, complaints that take a serial
 * from the terminal's own series), random pulls between them while random links are cut and healed.
 * After a final heal: the three hold identical data, every committed write is there (each edited
 * column holds the write with the newest clock), and no serial was issued twice.
 *
 * Each run starts from copies of one prepared site (A made it; B and C received it and are marked
 * for their series as pairing would), so a run costs three reopens, not three set-ups.
 * fast-check prints the seed and the shrunk sequence on failure; SEED reproduces it.
 */
const SEED = 20260302
const RUNS = 20

type T = Awaited<ReturnType<typeof terminal>>
const IDS = ['A', 'B', 'C'] as const
type Id = (typeof IDS)[number]

let template: Record<Id, string>
let adminId: string

async function syncAll(ts: T[]) {
  for (let round = 0; round < 2; round++) for (const x of ts) for (const y of ts) if (x !== y) await x.replica.pullFrom(linkTo(y))
}

beforeAll(async () => {
  const [A, B, C] = [await terminal('A'), await terminal('B'), await terminal('C')]
  await trust(A, B)
  await trust(B, C)
  await trust(A, C)
  await setUpSite(A)
  await syncAll([A, B, C])
  // What pairing hands out: a series letter for each terminal after the first.
  await A.db.tx(async (w) => {
    await w.run("UPDATE terminals SET series_mark = 'B' WHERE id = 'B'")
    await w.run("UPDATE terminals SET series_mark = 'C' WHERE id = 'C'")
  })
  await syncAll([A, B, C])
  expect(await sameData(A, B, C)).toBe(true)
  adminId = (await A.db.read.get<{ id: string }>("SELECT id FROM staff WHERE staff_no = 'admin'"))!.id
  template = { A: A.dataDir, B: B.dataDir, C: C.dataDir }
  for (const t of [A, B, C]) await t.close()
}, 60_000)

afterAll(() => {
  for (const dir of Object.values(template ?? {})) fs.rmSync(dir, { recursive: true, force: true })
})

type Op =
  | { k: 'building'; at: number }
  | { k: 'edit'; at: number; pick: number; col: 'name' | 'updated_at' | 'deleted_at' }
  | { k: 'complaint'; at: number }
  | { k: 'pull'; at: number; from: number }
  | { k: 'cut'; a: number; b: number }
  | { k: 'heal'; a: number; b: number }

const who = fc.integer({ min: 0, max: 2 })
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ k: fc.constant('building' as const), at: who }) },
  { weight: 6, arbitrary: fc.record({ k: fc.constant('edit' as const), at: who, pick: fc.nat(3), col: fc.constantFrom('name' as const, 'updated_at' as const, 'deleted_at' as const) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('complaint' as const), at: who }) },
  { weight: 5, arbitrary: fc.record({ k: fc.constant('pull' as const), at: who, from: who }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cut' as const), a: who, b: who }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('heal' as const), a: who, b: who }) },
)

/** A committed write of one column, with the change that carries it. */
interface Written {
  row: string
  col: string
  value: unknown
  origin: string
  seq: number
  hlc: string
}
const newer = (a: Written, b: Written) => (a.hlc !== b.hlc ? a.hlc > b.hlc : a.origin !== b.origin ? a.origin > b.origin : a.seq > b.seq)

async function copyOf(id: Id): Promise<T> {
  const dir = tempDir('desk-sync-prop-')
  for (const f of fs.readdirSync(template[id])) fs.copyFileSync(path.join(template[id], f), path.join(dir, f))
  return terminal(id, dir)
}

/** The changes a transaction on `t` just committed (seq above `before`). */
async function newChanges(t: T, before: number) {
  return t.db.read.all<{ seq: number; hlc: string; op: string; vals: string; rowId: string }>(
    'SELECT seq, hlc, op, vals, row_id AS rowId FROM sync_changes WHERE origin = ? AND seq > ? ORDER BY seq',
    [t.terminalId, before],
  )
}
const topOf = async (t: T) => (await t.db.read.get<{ n: number }>('SELECT COALESCE(MAX(seq), 0) AS n FROM sync_changes WHERE origin = ?', [t.terminalId]))!.n

async function runOps(ops: Op[]) {
  const ts = [await copyOf('A'), await copyOf('B'), await copyOf('C')]
  try {
    const cut = new Set<string>()
    const key = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`)
    const writes: Written[] = []
    const buildings = new Set<string>()
    const serials: string[] = []
    let n = 0
    for (const o of ops) {
      n++
      if (o.k === 'cut' || o.k === 'heal') {
        if (o.a === o.b) continue
        if (o.k === 'cut') cut.add(key(o.a, o.b))
        else cut.delete(key(o.a, o.b))
        continue
      }
      const t = ts[o.at]
      if (o.k === 'pull') {
        if (o.at !== o.from && !cut.has(key(o.at, o.from))) await t.replica.pullFrom(linkTo(ts[o.from]))
        continue
      }
      const before = await topOf(t)
      const at = new Date().toISOString()
      if (o.k === 'building') {
        const id = newId()
        await t.db.tx((w) => w.run('INSERT INTO buildings (id, created_at, updated_at, terminal_id, code, name) VALUES (?,?,?,?,?,?)', [id, at, at, t.terminalId, `P${t.terminalId}${n}`, `楼${t.terminalId}${n}`]))
        buildings.add(id)
      } else if (o.k === 'edit') {
        // A building this terminal holds (the site's own are not among them: only the run's).
        const here = (await t.db.read.all<{ id: string; deleted_at: string | null }>("SELECT id, deleted_at FROM buildings WHERE code LIKE 'P%' ORDER BY id")).filter((b) => buildings.has(b.id))
        if (!here.length) continue
        const b = here[o.pick % here.length]
        const value = o.col === 'deleted_at' ? (b.deleted_at ? null : `${at}#${t.terminalId}${n}`) : `${o.col === 'name' ? '名' : at}#${t.terminalId}${n}`
        await t.db.tx((w) => w.run(`UPDATE buildings SET "${o.col}" = ? WHERE id = ?`, [value, b.id]))
      } else {
        const id = newId()
        const serial = await t.db.tx(async (w) => {
          const s = await takeSeriesSerial(w, 'complaint', 'TS', 2026, at)
          await w.run(
            `INSERT INTO complaints (id, created_at, updated_at, terminal_id, deleted_at, serial, received_at, channel, complainant, phone, unit_id, category, department, summary, severity, recorded_by)
             VALUES (?,?,?,?,NULL,?,?,'phone','业主',NULL,NULL,'其他','客服部','性质测试','normal',?)`,
            [id, at, at, t.terminalId, s, at, adminId],
          )
          return s
        })
        serials.push(serial)
      }
      // What the transaction committed: every column it wrote, with its change's clock.
      for (const c of await newChanges(t, before)) {
        const vals = JSON.parse(c.vals) as Record<string, unknown>
        for (const [col, value] of Object.entries(vals)) if (!(c.op === 'i' && value === null)) writes.push({ row: c.rowId, col, value, origin: t.terminalId, seq: c.seq, hlc: c.hlc })
      }
    }

    // The final heal: every link up, pulls until all three agree.
    for (let round = 0; round < 2; round++) for (const x of ts) for (const y of ts) if (x !== y) await x.replica.pullFrom(linkTo(y))
    const sums = await Promise.all(ts.map((t) => checksum(t)))
    expect(sums[1]).toEqual(sums[0])
    expect(sums[2]).toEqual(sums[0])
    const vectors = await Promise.all(ts.map((t) => t.replica.vector()))
    expect(vectors[1]).toEqual(vectors[0])
    expect(vectors[2]).toEqual(vectors[0])
    for (const t of ts) {
      // No change was refused by a rule here (a serial used twice would be: its unique index).
      expect(await t.db.read.all('SELECT origin, seq, note FROM sync_changes WHERE note IS NOT NULL')).toEqual([])
      // Every building and complaint written is here.
      const bs = new Set((await t.db.read.all<{ id: string }>('SELECT id FROM buildings')).map((r) => r.id))
      for (const id of buildings) expect(bs.has(id)).toBe(true)
      const held = (await t.db.read.all<{ serial: string }>("SELECT serial FROM complaints WHERE summary = '性质测试' ORDER BY serial")).map((r) => r.serial)
      expect(held).toEqual([...serials].sort())
      expect(new Set(held).size).toBe(held.length)
      // Each written column holds the write with the newest clock (per-column last writer wins).
      const last = new Map<string, Written>()
      for (const w of writes) {
        const k = `${w.row}|${w.col}`
        const cur = last.get(k)
        if (!cur || newer(w, cur)) last.set(k, w)
      }
      for (const w of last.values()) {
        const tbl = buildings.has(w.row) ? 'buildings' : 'complaints'
        const row = await t.db.read.get<Record<string, unknown>>(`SELECT "${w.col}" AS v FROM ${tbl} WHERE id = ?`, [w.row])
        expect({ row: w.row, col: w.col, v: row?.v }).toEqual({ row: w.row, col: w.col, v: w.value })
      }
    }
  } finally {
    for (const t of ts) {
      await t.close()
      fs.rmSync(t.dataDir, { recursive: true, force: true })
    }
  }
}

describe('LAN sync as a property: random writes, pulls, partitions and heals', () => {
  it('three terminals converge to identical data; nothing committed is lost; no serial twice', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 60, size: 'medium' }), runOps), { numRuns: RUNS, seed: SEED, verbose: 1, interruptAfterTimeLimit: 80_000, markInterruptAsFailure: true })
  }, 120_000)
})
