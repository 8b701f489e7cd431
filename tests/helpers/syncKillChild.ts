/**
 * Terminal B as a process of its own, for tests/integration/syncKill.test.ts (run with tsx):
 *   syncKillChild.ts <B's data folder> <A's desk.sqlite> <page size>
 * Opens B's database and replica as the app's core does (DeskDb + Replica: capture, clock, sealing
 * hooks; the rest of the core is left out to start fast), then pulls everything from A until nothing is left. A is read from its
 * file (read-only, A's own serve code), one page at a time, so B applies the batch as many
 * transactions; the parent kills this process with SIGKILL at random moments. Prints "ready" just
 * before the pull starts, "page <ms>" after each page is committed, and "done" once B holds all of A's changes.
 */
import fs from 'node:fs'
import path from 'node:path'
import sqlite3 from 'sqlite3'
import { DeskDb } from '../../electron/core/db/connection'
import { changesSince, vectorOf } from '../../electron/core/sync/changes'
import { Replica, type PeerLink } from '../../electron/core/sync/replica'

const [bDir, aFile, pageArg] = process.argv.slice(2)
const page = Number(pageArg) || 500

const conn = await new Promise<sqlite3.Database>((res, rej) => {
  const c = new sqlite3.Database(aFile, sqlite3.OPEN_READONLY, (e) => (e ? rej(e) : res(c)))
})
const a = {
  all: <T>(sql: string, params: unknown[] = []) => new Promise<T[]>((res, rej) => conn.all(sql, params, (e, rows) => (e ? rej(e) : res(rows as T[])))),
}
const link: PeerLink = {
  pull: async (req) => {
    const { changes, more } = await changesSince(a, req.vector, page)
    // Through JSON, as over the wire.
    return JSON.parse(JSON.stringify({ changes, more, vector: await vectorOf(a), now: new Date().toISOString() }))
  },
}

const db = await DeskDb.open(path.join(bDir, 'desk.sqlite'))
const { keyPem } = JSON.parse(fs.readFileSync(path.join(bDir, 'sync-identity.json'), 'utf8')) as { keyPem: string }
const replica = new Replica(() => db, 'B', () => new Date(), keyPem)
await replica.attach()
// Each page's apply (one transaction) reported with its duration, so the parent can aim its kill.
const apply = replica.apply.bind(replica)
replica.apply = async (changes) => {
  const t = performance.now()
  const r = await apply(changes)
  process.stdout.write(`page ${Math.round(performance.now() - t)}\n`)
  return r
}
process.stdout.write('ready\n')
const r = await replica.pullFrom(link)
await db.close()
process.stdout.write(`done ${r.applied} ${r.batches}\n`)
conn.close()
