/**
 * npm run soak [-- --kills 100 --writers 4 --max-ms 1500 --startup-kills 10]
 *
 * Host mode as a child process on a temporary data folder, clerks saving duty-log entries over
 * HTTP, and kill -9 at random moments — mostly under write load, some during start-up (migrations,
 * the daily backup). After every kill, before the next start, the database file is opened directly:
 * every write the desk acknowledged (HTTP 200 with the saved record) must be there, and
 * integrity_check must say ok. Prints the figures; exits 1 if anything acknowledged was lost.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sqlite3 from 'sqlite3'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

function opt(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i > 0 ? Number(process.argv[i + 1]) : fallback
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} 应为非负数`)
  return v
}
const KILLS = opt('kills', 100)
const WRITERS = opt('writers', 4)
/** A kill under load lands 0…max-ms after the writers start. */
const MAX_MS = opt('max-ms', 1500)
/** Extra kills during start-up (before the desk listens), on top of the --kills under write load. */
const STARTUP_KILLS = opt('startup-kills', Math.round(KILLS / 10))
const ROUNDS = KILLS + STARTUP_KILLS

const rand = (n: number) => Math.floor(Math.random() * n)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Host {
  child: ChildProcess
  port: Promise<number>
  exited: Promise<void>
  log: () => string
}

function spawnHost(dataDir: string): Host {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/host/main.ts'), '--port', '0', '--data-dir', dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c))
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c))
  const exited = new Promise<void>((r) => child.on('exit', () => r()))
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const m = /主机模式已启动:http:\/\/[^:]+:(\d+)\//.exec(out)
      if (m) resolve(Number(m[1]))
    })
    void exited.then(() => reject(new Error(`host mode exited before listening:\n${out}`)))
  })
  port.catch(() => undefined)
  return { child, port, exited, log: () => out }
}

async function call<T>(port: number, method: string, input: unknown, token?: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-desk-token': token } : {}) },
    body: JSON.stringify(input ?? {}),
  })
  const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } }
  if (!body.ok) throw Object.assign(new Error(`${method}: ${body.error!.code} ${body.error!.message}`), { code: body.error!.code })
  return body.value as T
}

/** First start: the site, a clerk and a supervisor, and the clerk's duty shift opened with an override. */
async function setUpSite(port: number) {
  await call(port, 'setup.create', { name: '压力测试花园', office: '压力测试物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' })
  const admin = (await call<{ token: string }>(port, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
  await call(port, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
  await call(port, 'staff.create', { staffNo: 'S1', name: '陈静', roles: ['supervisor'], pin: '1234' }, admin)
}

/** A logged-in clerk on duty (sessions do not survive a restart; the open shift does). */
async function clerkOnDuty(port: number): Promise<string> {
  const token = (await call<{ token: string }>(port, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  const current = await call<{ shift: unknown } | null>(port, 'duty.current', {}, token).catch(() => null)
  if (!current || !(current as { shift?: unknown }).shift) {
    const site = await call<{ shifts: { code: string }[] }>(port, 'site.get', {}, token)
    await call(port, 'duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '断电压力测试' }, shiftCode: site.shifts[0].code }, token).catch((e: { code?: string }) => {
      if (e.code !== 'CONFLICT' && e.code !== 'RULE') throw e
    })
  }
  return token
}

function openDb(file: string): Promise<sqlite3.Database> {
  return new Promise((res, rej) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (e) => (e ? rej(e) : res(db)))
  })
}
const all = <T>(db: sqlite3.Database, sql: string) => new Promise<T[]>((res, rej) => db.all(sql, (e, rows) => (e ? rej(e) : res(rows as T[]))))
const closeDb = (db: sqlite3.Database) => new Promise<void>((res) => db.close(() => res()))

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-soak-'))
  const dbFile = path.join(dataDir, 'desk.sqlite')
  console.log(`desk soak — ${KILLS} × kill -9 under write load + ${STARTUP_KILLS} during start-up, ${WRITERS} writers, node ${process.version}\n数据文件夹 ${dataDir}\n`)
  const t0 = performance.now()
  const acknowledged = new Map<string, string>() // id → content
  let attempted = 0
  let refused = 0
  let integrityFailures = 0
  let lost = 0
  let committedUnanswered = 0
  const startMs: number[] = []
  const startupKillAt = new Set<number>()
  while (startupKillAt.size < Math.min(STARTUP_KILLS, ROUNDS - 1)) startupKillAt.add(1 + rand(Math.max(1, ROUNDS - 1)))

  let setUp = false
  let underLoad = 0
  for (let round = 0; round <= ROUNDS; round++) {
    const last = round === ROUNDS
    const s0 = performance.now()
    const host = spawnHost(dataDir)
    if (!last && startupKillAt.has(round)) {
      // Somewhere in the start: tsx loading, integrity check, migrations, the daily backup.
      await Promise.race([sleep(rand(1500)), host.exited])
      host.child.kill('SIGKILL')
      await host.exited
    } else {
      const port = await host.port
      startMs.push(performance.now() - s0)
      if (!setUp) {
        await setUpSite(port)
        setUp = true
      }
      const token = await clerkOnDuty(port)
      if (last) {
        // The desk itself must list them all too (through the API, after 100 crashes).
        const listed = await call<{ total: number }>(port, 'log.list', { pageSize: 1 }, token)
        console.log(`最终启动后 log.list 共 ${listed.total} 条(已确认 ${acknowledged.size} 条)`)
        if (listed.total < acknowledged.size) lost += acknowledged.size - listed.total
        host.child.kill('SIGTERM')
        await host.exited
        break
      }
      let alive = true
      const pending = new Map<string, true>()
      const writer = async (w: number) => {
        for (let i = 0; alive; i++) {
          const content = `压力测试 第${round}轮 写入者${w} 第${i}条`
          pending.set(content, true)
          attempted++
          try {
            const saved = await call<{ id: string }>(port, 'log.add', { kind: KINDS[i % KINDS.length], content, status: 'done' }, token)
            acknowledged.set(saved.id, content)
            pending.delete(content)
          } catch (e) {
            if ((e as { code?: string }).code) {
              refused++
              pending.delete(content)
            } else return // connection gone: the kill
          }
        }
      }
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w))
      await sleep(rand(MAX_MS))
      host.child.kill('SIGKILL')
      underLoad++
      alive = false
      await host.exited
      await Promise.all(writers)
      // Check now, before anything else opens the file.
      const db = await openDb(dbFile)
      const integrity = await all<{ integrity_check: string }>(db, 'PRAGMA integrity_check')
      if (integrity.map((r) => r.integrity_check).join() !== 'ok') {
        integrityFailures++
        console.error(`第${round}轮:integrity_check 失败:${JSON.stringify(integrity.slice(0, 3))}`)
      }
      const rows = await all<{ id: string; content: string }>(db, "SELECT id, content FROM log_entries WHERE content LIKE '压力测试%'")
      await closeDb(db)
      const present = new Map(rows.map((r) => [r.id, r.content]))
      for (const [id, content] of acknowledged) {
        if (present.get(id) !== content) {
          lost++
          console.error(`第${round}轮:已确认的记录丢失:${id} ${content}`)
          acknowledged.delete(id)
        }
      }
      const contents = new Set(rows.map((r) => r.content))
      for (const c of pending.keys()) if (contents.has(c)) committedUnanswered++
    }
    if ((round + 1) % 10 === 0) console.log(`  ${round + 1}/${ROUNDS} 次:已确认 ${acknowledged.size},丢失 ${lost},完整性失败 ${integrityFailures}`)
  }

  const secs = (performance.now() - t0) / 1000
  const sorted = [...startMs].sort((a, b) => a - b)
  console.log('\n—— 结果 ——')
  console.log(`kill -9 次数                         ${underLoad} 次在写入负载下 + ${ROUNDS - underLoad} 次在启动过程中`)
  console.log(`尝试写入                             ${attempted}`)
  console.log(`已确认写入(HTTP 200)               ${acknowledged.size + lost}`)
  console.log(`已确认但丢失                         ${lost}`)
  console.log(`已提交但未及应答(被杀时在途)       ${committedUnanswered}`)
  console.log(`被拒绝(业务错误)                   ${refused}`)
  console.log(`integrity_check 失败                 ${integrityFailures}`)
  console.log(`启动到可服务 p50 / max               ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms / ${sorted[sorted.length - 1]?.toFixed(0)} ms`)
  console.log(`用时                                 ${secs.toFixed(1)} s`)
  fs.rmSync(dataDir, { recursive: true, force: true })
  process.exit(lost === 0 && integrityFailures === 0 && refused === 0 ? 0 : 1)
}

const KINDS = ['call', 'visit', 'repair', 'complaint', 'inquiry', 'patrol', 'other']

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
