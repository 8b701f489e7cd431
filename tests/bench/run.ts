/**
 * npm run bench: prints the figures the issues ask for. Figures, not pass/fail timings.
 *   - type-ahead search p50/p95 over the API (dispatcher, and HTTP through host mode) on the demo
 *     site (~9,000 residents) and on a 20,000-resident site, and per query kind (room, room tail,
 *     1–2-character name, initials, phone tail, phone digits, middle of a name) on the latter, idle
 *     and under a fixed desk write load (deskLoad.ts)
 *   - DB open + migrate (fresh and existing), cold start of host mode until the login page is served
 *   - PDF generation, the duty desk on a 10-year log, the renovation permits
 *   - key loan save/return p50/p95, block-list export of 20,000 access cards (keysCards.ts)
 *   - the repair desk opened with 200 open repair orders and their clocks, p95 (repairs.ts)
 *   - the KPI report for one year of a 3,000-unit site, p50/p95, and its PDF (kpi.ts)
 *   - LAN sync: 10,000 changes converged, one change's delay while online, change-log size (sync.ts)
 * `npm run bench -- --only search` (or db, cold, print, duty, permit, keys, repair, kpi, sync; comma-separated) runs some parts.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { callOk, openCore, type Core } from '../../electron/core/app'
import { DEMO_SITE, fillDemo } from '../../electron/core/demo/demoData'
import { createHostServer } from '../../electron/host/server'
import { MIGRATIONS, setUpSite, tempDir } from '../helpers/core'
import { benchDuty } from './duty'
import { benchKeysCards } from './keysCards'
import { benchPermit } from './permit'
import { benchPrint } from './print'
import { benchKpi } from './kpi'
import { benchRepairs } from './repairs'
import { benchSearchKinds } from './search'
import { benchSync } from './sync'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rows: Array<[string, string]> = []
const report = (k: string, v: string) => {
  rows.push([k, v])
  console.log(`${k.padEnd(66)} ${v}`)
}
/** Kept for latest.json without printing (the caller prints its own table). */
const record = (k: string, v: string) => void rows.push([k, v])
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const ms = (x: number) => `${x.toFixed(2)} ms`

async function queriesFor(core: Core): Promise<string[]> {
  const r = core.db.read
  const units = await r.all<{ room: string; room_key: string }>('SELECT room, room_key FROM units ORDER BY random() LIMIT 60')
  const people = await r.all<{ name: string; initials: string; phone_tail: string }>('SELECT name, initials, phone_tail FROM residents ORDER BY random() LIMIT 100')
  return [
    ...units.slice(0, 30).map((u) => u.room),
    ...units.slice(30).map((u) => u.room_key),
    ...people.slice(0, 25).map((p) => p.name.slice(0, 2)),
    ...people.slice(25, 35).map((p) => p.name.slice(0, 1)),
    ...people.slice(35, 60).map((p) => p.initials),
    ...people.slice(60, 85).map((p) => p.phone_tail),
    ...people.slice(85).map((p) => p.name.slice(1)),
  ]
}

async function benchSearch(label: string, core: Core, token: string) {
  const qs = await queriesFor(core)
  for (const q of qs.slice(0, 20)) await core.call('search.query', { q, limit: 12 }, token) // warm-up
  const direct: number[] = []
  for (let round = 0; round < 3; round++)
    for (const q of qs) {
      const t = performance.now()
      await core.call('search.query', { q, limit: 12 }, token)
      direct.push(performance.now() - t)
    }
  report(`search over the API (dispatcher), ${label}: p50 / p95`, `${ms(pct(direct, 50))} / ${ms(pct(direct, 95))}  (n=${direct.length})`)
  const server = createHostServer(core, path.join(ROOT, 'out', 'renderer'))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/search.query`
  const http: number[] = []
  for (let round = 0; round < 3; round++)
    for (const q of qs) {
      const t = performance.now()
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': token }, body: JSON.stringify({ q, limit: 12 }) })
      await res.json()
      http.push(performance.now() - t)
    }
  server.close()
  report(`search over HTTP (host mode), ${label}: p50 / p95`, `${ms(pct(http, 50))} / ${ms(pct(http, 95))}  (n=${http.length})`)
}

async function site(residentsTarget: 'demo' | '20k') {
  const dir = tempDir('desk-bench-')
  const core = await openCore({ dataDir: dir, terminalId: 'T-BENCH', migrationsDir: MIGRATIONS })
  const token = await setUpSite(core)
  const me = (await callOk(core, 'auth.me', {}, token)).staff
  const size = residentsTarget === 'demo' ? DEMO_SITE : { ...DEMO_SITE, buildings: 27 }
  const t = performance.now()
  const r = await fillDemo({ db: core.db, terminalId: 'T-BENCH', now: () => new Date(), staff: me, token, sessions: undefined as never, backupDir: '' }, size, false)
  report(`fill ${residentsTarget} site (${r.units} units, ${r.residents} residents)`, `${((performance.now() - t) / 1000).toFixed(2)} s`)
  return { dir, core, token }
}

async function coldStart(dataDir: string): Promise<number> {
  const port = 20000 + Math.floor(Math.random() * 20000)
  const t = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/host/main.ts'), '--port', String(port), '--data-dir', dataDir], { cwd: ROOT, stdio: 'ignore' })
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`)
        if (res.ok && (await res.text()).includes('<div id="root">')) return performance.now() - t
      } catch {
        /* not listening yet */
      }
      if (performance.now() - t > 30_000) throw new Error('host mode did not start in 30 s')
      await new Promise((r) => setTimeout(r, 10))
    }
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.on('exit', r))
  }
}

/** The parts `--only` can pick (comma-separated, or the flag repeated): `npm run bench -- --only search`. */
const PARTS = ['db', 'search', 'cold', 'print', 'duty', 'permit', 'keys', 'repair', 'kpi', 'sync'] as const
type Part = (typeof PARTS)[number]

function parseArgs(argv: string[]): Set<Part> {
  const only: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--only' && argv[i + 1]) only.push(...argv[++i].split(','))
    else if (a.startsWith('--only=')) only.push(...a.slice('--only='.length).split(','))
    else {
      console.error(`unknown argument "${a}"; usage: npm run bench [-- --only ${PARTS.join(',')}]`)
      process.exit(2)
    }
  }
  const bad = only.filter((p) => !(PARTS as readonly string[]).includes(p))
  if (bad.length) {
    console.error(`unknown part ${bad.join(', ')}; parts: ${PARTS.join(', ')}`)
    process.exit(2)
  }
  return new Set(only.length ? (only as Part[]) : PARTS)
}

async function main() {
  const parts = parseArgs(process.argv.slice(2))
  const all = parts.size === PARTS.length
  const started = performance.now()
  console.log(`desk bench — node ${process.version}, ${new Date().toISOString()}${all ? '' : `, only: ${[...parts].join(', ')}`}\n`)
  if ((parts.has('search') || parts.has('cold')) && !fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) {
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' })
  }
  if (parts.has('db')) {
    // DB open + migrate on an empty folder (creates every table).
    const fresh = tempDir('desk-bench-')
    const c0 = await openCore({ dataDir: fresh, terminalId: 'T', migrationsDir: MIGRATIONS })
    report('DB open + migrate, new database', ms(c0.openMs))
    await c0.close()
  }

  // The demo site serves the search figures, the reopen figure and a cold start on a full folder.
  let demoDir: string | undefined
  if (parts.has('search') || parts.has('db') || parts.has('cold')) {
    const demo = await site('demo')
    demoDir = demo.dir
    if (parts.has('search')) await benchSearch('demo site', demo.core, demo.token)
    await demo.core.close()
    if (parts.has('db')) {
      const reopen = await openCore({ dataDir: demo.dir, terminalId: 'T', migrationsDir: MIGRATIONS })
      report('DB open (header + integrity_check) + migrate check, demo site', ms(reopen.openMs))
      await reopen.close()
    }
  }

  if (parts.has('search')) {
    const big = await site('20k')
    await benchSearch('20,000-resident site', big.core, big.token)
    await benchSearchKinds('20,000-resident site', big.core, big.token, record)
    await big.core.close()
  }

  if (parts.has('cold')) {
    const cold = [await coldStart(tempDir('desk-bench-')), await coldStart(tempDir('desk-bench-')), await coldStart(demoDir!)]
    report('cold start of host mode → login page served, new data folder', `${cold[0].toFixed(0)} ms, ${cold[1].toFixed(0)} ms`)
    report('cold start of host mode → login page served, demo site', `${cold[2].toFixed(0)} ms`)
  }

  if (parts.has('print')) {
    const p = await benchPrint()
    report('A5 permit PDF with embedded CJK font + QR: p50 / p95', `${ms(p.p50Ms)} / ${ms(p.p95Ms)}`)
  }

  if (parts.has('duty')) await benchDuty(report)
  if (parts.has('permit')) await benchPermit(report)
  if (parts.has('keys')) await benchKeysCards(report)
  if (parts.has('repair')) await benchRepairs(report)
  if (parts.has('kpi')) await benchKpi(report)
  if (parts.has('sync')) await benchSync(report)

  const total = `${((performance.now() - started) / 1000).toFixed(0)} s`
  console.log(`\nbench total: ${total}`)
  // A partial run updates its own figures and keeps the others from the last runs.
  const file = path.join(ROOT, 'bench-results', 'latest.json')
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const kept = !all && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>) : {}
  const run = { [`bench run (${all ? 'all parts' : [...parts].join(', ')})`]: `${new Date().toISOString()}, ${total}, node ${process.version}` }
  fs.writeFileSync(file, JSON.stringify({ ...kept, ...run, ...Object.fromEntries(rows) }, null, 2))
}

void main()
