/**
 * npm run bench: prints the figures the issues ask for. Figures, not pass/fail timings.
 *   - type-ahead search p50/p95 over the API (dispatcher, and HTTP through host mode) on the demo
 *     site (~9,000 residents) and on a 20,000-resident site
 *   - DB open + migrate (fresh and existing), cold start of host mode until the login page is served
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
import { benchPermit } from './permit'
import { benchPrint } from './print'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const rows: Array<[string, string]> = []
const report = (k: string, v: string) => {
  rows.push([k, v])
  console.log(`${k.padEnd(66)} ${v}`)
}
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

async function main() {
  console.log(`desk bench — node ${process.version}, ${new Date().toISOString()}\n`)
  if (!fs.existsSync(path.join(ROOT, 'out/renderer/index.html'))) {
    spawnSync(process.execPath, [path.join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'ignore' })
  }
  // DB open + migrate on an empty folder (creates every table).
  const fresh = tempDir('desk-bench-')
  const c0 = await openCore({ dataDir: fresh, terminalId: 'T', migrationsDir: MIGRATIONS })
  report('DB open + migrate, new database', ms(c0.openMs))
  await c0.close()

  const demo = await site('demo')
  await benchSearch('demo site', demo.core, demo.token)
  await demo.core.close()
  const reopen = await openCore({ dataDir: demo.dir, terminalId: 'T', migrationsDir: MIGRATIONS })
  report('DB open (header + integrity_check) + migrate check, demo site', ms(reopen.openMs))
  await reopen.close()

  const big = await site('20k')
  await benchSearch('20,000-resident site', big.core, big.token)
  await big.core.close()

  const cold = [await coldStart(tempDir('desk-bench-')), await coldStart(tempDir('desk-bench-')), await coldStart(demo.dir)]
  report('cold start of host mode → login page served, new data folder', `${cold[0].toFixed(0)} ms, ${cold[1].toFixed(0)} ms`)
  report('cold start of host mode → login page served, demo site', `${cold[2].toFixed(0)} ms`)

  const p = await benchPrint()
  report('A5 permit PDF with embedded CJK font + QR: p50 / p95', `${ms(p.p50Ms)} / ${ms(p.p95Ms)}`)

  await benchDuty(report)
  await benchPermit(report)

  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true })
  fs.writeFileSync(path.join(ROOT, 'bench-results', 'latest.json'), JSON.stringify(Object.fromEntries(rows), null, 2))
}

void main()
