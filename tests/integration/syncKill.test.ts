import { spawn } from 'node:child_process'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../electron/core/ids'
import { ROOT } from '../helpers/hostProcess'
import { setUpSite } from '../helpers/core'
import { linkTo, sameData, terminal, trust } from '../helpers/sync'

/**
 * Issue H: kill -9 while a terminal applies a large batch. A holds 10,000 changes B lacks (200
 * transactions: inserts of 50 buildings, and renames of 50 earlier ones); B, a process of its own
 * (tests/helpers/syncKillChild.ts), pulls them a page at a time and is killed with SIGKILL at random
 * moments, about 20 times. After every kill B's file is opened directly: integrity_check is ok, and B
 * is a consistent prefix of A — what its vector claims is there and applied, exactly A's state as
 * of that change, ending at a transaction's end (a signed change), nothing half-applied. Then B is
 * let run to the end and the two converge to identical data.
 */
const KILLS = 20
const TX = 200
const PAGE = 100

type T = Awaited<ReturnType<typeof terminal>>
let A: T
let B: T
let bDir: string

beforeAll(async () => {
  A = await terminal('A')
  B = await terminal('B')
  await trust(A, B)
  await setUpSite(A)
  await B.replica.pullFrom(linkTo(A))
  bDir = B.dataDir
  await B.close()
  const at = new Date().toISOString()
  const ids: string[] = []
  for (let t = 0; t < TX; t++)
    await A.db.tx(async (w) => {
      if (t % 4 === 3) {
        // A rename of 50 buildings made earlier (spread over several earlier transactions).
        for (let i = 0; i < 50; i++) await w.run('UPDATE buildings SET name = ?, updated_at = ? WHERE id = ?', [`改名${t}-${i}`, at, ids[(i * 37 + t * 11) % ids.length]])
        return
      }
      for (let i = 0; i < 50; i++) {
        const id = newId()
        ids.push(id)
        await w.run('INSERT INTO buildings (id, created_at, updated_at, terminal_id, code, name) VALUES (?,?,?,?,?,?)', [id, at, at, A.terminalId, `K${t}-${i}`, `楼${t}-${i}`])
      }
    })
}, 120_000)

afterAll(async () => {
  await A?.close()
})

function openRaw(file: string): Promise<sqlite3.Database> {
  return new Promise((res, rej) => {
    const c = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (e) => (e ? rej(e) : res(c)))
  })
}
const all = <X>(c: sqlite3.Database, sql: string, params: unknown[] = []) => new Promise<X[]>((res, rej) => c.all(sql, params, (e, rows) => (e ? rej(e) : res(rows as X[]))))

/** A's buildings as of A's change `upTo` (folded from A's change log). */
async function aAsOf(upTo: number): Promise<Map<string, string>> {
  const out = new Map<string, { code: string; name: string; updated: string }>()
  const rows = await A.db.read.all<{ rowId: string; op: string; vals: string }>("SELECT row_id AS rowId, op, vals FROM sync_changes WHERE origin = 'A' AND tbl = 'buildings' AND seq <= ? ORDER BY seq", [upTo])
  for (const r of rows) {
    const v = JSON.parse(r.vals) as { code?: string; name?: string; updated_at?: string }
    if (r.op === 'i') out.set(r.rowId, { code: v.code!, name: v.name!, updated: v.updated_at! })
    else if (r.op === 'u') Object.assign(out.get(r.rowId)!, v.name !== undefined ? { name: v.name } : {}, v.updated_at !== undefined ? { updated: v.updated_at } : {})
  }
  return new Map([...out].map(([id, b]) => [id, `${b.code}|${b.name}|${b.updated}`]))
}

/** B's file after a kill: sound, and exactly A's state as of the last change B claims to hold. */
async function checkB(): Promise<number> {
  const c = await openRaw(path.join(bDir, 'desk.sqlite'))
  try {
    expect(await all<{ integrity_check: string }>(c, 'PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }])
    expect(await all(c, 'PRAGMA foreign_key_check')).toEqual([])
    const [v] = await all<{ top: number | null; n: number }>(c, "SELECT MAX(seq) AS top, count(*) AS n FROM sync_changes WHERE origin = 'A'")
    const top = v.top ?? 0
    // Gapless, and ending where A's transaction ended (its signed change).
    expect(v.n).toBe(top)
    const [last] = await all<{ sig: string | null; hash: string }>(c, "SELECT sig, hash FROM sync_changes WHERE origin = 'A' AND seq = ?", [top])
    expect(last.sig).toBeTruthy()
    const [onA] = await A.db.read.all<{ hash: string }>("SELECT hash FROM sync_changes WHERE origin = 'A' AND seq = ?", [top])
    expect(last.hash).toBe(onA.hash)
    expect(await all(c, 'SELECT applying FROM sync_state')).toEqual([{ applying: 0 }])
    // Every change held is applied, nothing beyond it is: B's buildings are A's as of `top`.
    const want = await aAsOf(top)
    const rows = await all<{ id: string; code: string; name: string; updated_at: string }>(c, 'SELECT id, code, name, updated_at FROM buildings')
    const got = new Map(rows.map((r) => [r.id, `${r.code}|${r.name}|${r.updated_at}`]))
    expect(got.size).toBe(want.size)
    for (const [id, b] of want) if (got.get(id) !== b) expect({ id, b: got.get(id) }).toEqual({ id, b })
    return top
  } finally {
    await new Promise((r) => c.close(r))
  }
}

function startB() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/helpers/syncKillChild.ts'), bDir, path.join(A.dataDir, 'desk.sqlite'), String(PAGE)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const pageMs: number[] = []
  let waiting: (() => void) | null = null
  child.stdout.setEncoding('utf8').on('data', (s: string) => {
    out += s
    pageMs.length = 0
    for (const m of out.matchAll(/^page (\d+)$/gm)) pageMs.push(Number(m[1]))
    waiting?.()
  })
  child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s))
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })))
  void exited.then(() => waiting?.())
  /** Resolves once `fn` holds (checked on each output), or the child has exited. */
  const when = async (fn: () => boolean) => {
    while (!fn() && child.exitCode === null && child.signalCode === null) await new Promise<void>((r) => (waiting = r))
  }
  return { child, exited, when, pageMs, ready: () => out.includes('ready\n'), out: () => out, err: () => err }
}

describe('kill -9 while a large batch is applied', () => {
  it(`${KILLS} kills at random moments: B stays sound and a consistent prefix of A; then converges; nothing lost`, async () => {
    const target = (await A.replica.vector()).A
    const tops: number[] = []
    const startMs: number[] = []
    const pageMs: number[] = []
    let kills = 0
    for (let round = 0; kills < KILLS && round < KILLS * 3; round++) {
      const t0 = performance.now()
      const b = startB()
      await b.when(b.ready)
      startMs.push(performance.now() - t0)
      if (!b.ready()) throw new Error(`B did not start: ${b.out()} ${b.err()}`)
      // The kill lands inside one of the next three pages' transactions (the load on the machine
      // does not matter: it waits for 0–2 pages, then a random part of a page's time).
      const skip = Math.floor(Math.random() * 3)
      await b.when(() => b.pageMs.length >= skip)
      const per = [...pageMs, ...b.pageMs].sort((x, y) => x - y)[Math.floor((pageMs.length + b.pageMs.length) / 2)] ?? 100
      await new Promise((r) => setTimeout(r, Math.random() * per * 1.2))
      pageMs.push(...b.pageMs)
      b.child.kill('SIGKILL')
      const e = await b.exited
      if (e.signal === 'SIGKILL') kills++
      else expect(e, b.err()).toEqual({ code: 0, signal: null })
      tops.push(await checkB())
      if (tops.at(-1) === target) break
    }
    console.log(`syncKill: ${kills} kills, B's progress (A's seq) after each: ${tops.join(' ')} of ${target}; start-up ms ${startMs.map((x) => x.toFixed(0)).join(' ')}; page (${PAGE} changes) ms, median ${[...pageMs].sort((x, y) => x - y)[pageMs.length >> 1]}`)
    // Progress under the kills, never backwards.
    expect(tops).toEqual([...tops].sort((x, y) => x - y))
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 10))

    const last = startB()
    expect(await last.exited, last.err()).toEqual({ code: 0, signal: null })
    expect(await checkB()).toBe(target)
    B = await terminal('B', bDir)
    try {
      await A.replica.pullFrom(linkTo(B))
      expect(await sameData(A, B)).toBe(true)
      expect(await B.replica.vector()).toEqual(await A.replica.vector())
      expect((await B.db.read.all("SELECT id FROM buildings WHERE code LIKE 'K%'")).length).toBe(TX * 0.75 * 50)
    } finally {
      await B.close()
    }
  }, 240_000)
})
