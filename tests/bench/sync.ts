/**
 * LAN sync figures (issue H), through the real transport (mutual TLS on 127.0.0.1, two terminals,
 * two data folders, in this process):
 *   - 10,000 changes made on A reach B and apply there (B's sync switched on after A wrote them):
 *     seconds until B holds all of A's changes;
 *   - one change on A shown on B while both are online (the poke after A's commit, then B's pull):
 *     ms until the row is readable on B, p50/p95 of 30;
 *   - the change log's size per 1,000 duty-log entries made over the API (each also audits).
 */
import { newId } from '../../electron/core/ids'
import { callOk } from '../../electron/core/app'
import { setUpSite, tempDir } from '../helpers/core'
import { pair, sameData, terminal, until } from '../helpers/sync'

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]

export async function benchSync(report: (k: string, v: string) => void) {
  const A = await terminal('bench-A', tempDir('desk-bench-sync-'))
  const B = await terminal('bench-B', tempDir('desk-bench-sync-'))
  try {
    const admin = await setUpSite(A)
    await pair(A, B)
    await until('B has the site', () => sameData(A, B), 60_000)

    // 10,000 changes on A while B's sync is off (200 transactions of 50 new buildings).
    await B.sync!.setEnabled(false)
    const at = new Date().toISOString()
    for (let t = 0; t < 200; t++)
      await A.db.tx(async (w) => {
        for (let i = 0; i < 50; i++) await w.run('INSERT INTO buildings (id, created_at, updated_at, terminal_id, code, name) VALUES (?,?,?,?,?,?)', [newId(), at, at, A.terminalId, `B${t}-${i}`, `压测楼${t}-${i}`])
      })
    const target = (await A.replica.vector())[A.terminalId]
    const t0 = performance.now()
    await B.sync!.setEnabled(true)
    await until('10,000 changes on B', async () => ((await B.replica.vector())[A.terminalId] ?? 0) >= target, 120_000)
    const secs = (performance.now() - t0) / 1000
    if (!(await sameData(A, B))) throw new Error('A and B differ after the 10,000 changes')
    report('LAN sync: 10,000 changes from A converged on B (mutual TLS, 127.0.0.1)', `${secs.toFixed(2)} s`)

    // One change shown on the other terminal while both are online.
    await until('idle', () => sameData(A, B), 30_000)
    const lat: number[] = []
    for (let i = 0; i < 30; i++) {
      const id = newId()
      const t1 = performance.now()
      await A.db.tx((w) => w.run('INSERT INTO buildings (id, created_at, updated_at, terminal_id, code, name) VALUES (?,?,?,?,?,?)', [id, at, at, A.terminalId, `L${i}`, `延迟测试楼${i}`]))
      for (;;) {
        if (await B.db.read.get('SELECT 1 AS x FROM buildings WHERE id = ?', [id])) break
        await new Promise((r) => setTimeout(r, 2))
      }
      lat.push(performance.now() - t1)
    }
    report('LAN sync: one change on A readable on B while online: p50 / p95', `${pct(lat, 50).toFixed(0)} ms / ${pct(lat, 95).toFixed(0)} ms`)

    // The change log per 1,000 duty-log entries (each log.add also writes its audit event).
    await callOk(A, 'staff.create', { staffNo: 'S1', name: '陈静', roles: ['supervisor'], pin: '1234' }, admin)
    await callOk(A, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
    const q1 = (await callOk(A, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    await callOk(A, 'duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '压测' } }, q1)
    const size = async () => (await A.db.read.get<{ n: number; bytes: number }>('SELECT count(*) AS n, sum(length(origin) + length(hlc) + length(tbl) + length(row_id) + length(vals) + coalesce(length(hash), 0) + coalesce(length(sig), 0) + 16) AS bytes FROM sync_changes'))!
    const before = await size()
    for (let i = 0; i < 1000; i++) await callOk(A, 'log.add', { kind: 'call', content: `业主来电咨询停车位租赁事宜,已告知物业服务中心电话 ${i}`, status: 'done' }, q1)
    const after = await size()
    report(
      'LAN sync: change log per 1,000 log entries (records / size of their fields)',
      `${after.n - before.n} changes / ${((after.bytes - before.bytes) / 1024).toFixed(0)} KiB`,
    )
  } finally {
    await B.close()
    await A.close()
  }
}
