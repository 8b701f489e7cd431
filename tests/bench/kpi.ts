/**
 * KPI figures (issue G): the KPI report for one year of a 3,000-unit site. The hand-worked December of
 * tests/helpers/kpiMonth.ts (made through the desk's own methods) is copied back over the year in SQL —
 * each copy with its own ids and serials, its times moved back — to a year's volume: ≈ 4,500 repair
 * orders with their steps, 300 complaints, 600 home-service bookings, their duty-log entries, and
 * 3,004 occupied units. Then kpi.report over the API for the 365 days, p50/p95, and the A4 report.
 */
import { callOk } from '../../electron/core/app'
import type { Writer } from '../../electron/core/db/connection'
import { seedKpiMonth } from '../helpers/kpiMonth'

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const ms = (x: number) => `${x.toFixed(1)} ms`

/** Copies the rows of `table` matching `where` `copies` times: new ids (and the references listed), unique columns suffixed, instants moved back by i × `spreadMin`. */
async function copyBack(w: Writer, table: string, where: string, copies: number, spreadMin: number, refs: string[], unique: string[] = []) {
  const cols = (await w.all<{ name: string }>(`PRAGMA table_info(${table})`)).map((c) => c.name)
  const expr = cols.map((c) =>
    c === 'id' || refs.includes(c)
      ? `CASE WHEN ${c} IS NULL THEN NULL ELSE 'c' || n.i || '-' || ${c} END`
      : unique.includes(c)
        ? `${c} || '-' || n.i`
        : /_at$/.test(c) || c === 'at'
          ? `CASE WHEN ${c} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${c}, '-' || (n.i * ${spreadMin}) || ' minutes') END`
          : c,
  )
  await w.run(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${copies})
    INSERT INTO ${table} (${cols.join(', ')}) SELECT ${expr.join(', ')} FROM ${table}, n WHERE ${where}`)
}

export async function benchKpi(report: (k: string, v: string) => void) {
  const s = await seedKpiMonth()
  const core = s.desk.core
  const year = 365 * 1440
  await core.db.tx(async (w) => {
    const orig = "id NOT LIKE 'c%-%'"
    await copyBack(w, 'repair_orders', orig, 1125, Math.floor(year / 1125), [], ['serial'])
    await copyBack(w, 'repair_steps', orig, 1125, Math.floor(year / 1125), ['order_id'])
    await copyBack(w, 'complaints', orig, 100, Math.floor(year / 100), [], ['serial'])
    await copyBack(w, 'complaint_steps', orig, 100, Math.floor(year / 100), ['complaint_id'])
    await copyBack(w, 'home_services', orig, 300, Math.floor(year / 300), [], ['serial'])
    await copyBack(w, 'home_service_steps', orig, 300, Math.floor(year / 300), ['home_service_id'])
    for (const [kind, copies] of [['repair', 1125], ['complaint', 100], ['homeService', 300]] as const)
      await copyBack(w, 'log_entries', `source_kind = '${kind}'`, copies, Math.floor(year / copies), ['source_id'])
    await copyBack(w, 'units', "id IN (SELECT unit_id FROM residents)", 750, 0, [], ['room_key', 'room'])
    await copyBack(w, 'residents', orig, 750, 0, ['unit_id'])
  })
  const period = { from: '2025-12-02', to: '2026-12-01' }
  const v = await callOk(core, 'kpi.report', period, s.q1)
  if (v.households < 3000 || v.counts.repairs < 4000) throw new Error(`bench data too small: ${JSON.stringify(v.counts)} / ${v.households}`)
  const times: number[] = []
  for (let i = 0; i < 12; i++) {
    const t = performance.now()
    await callOk(core, 'kpi.report', period, s.q1)
    if (i >= 2) times.push(performance.now() - t)
  }
  report(
    `KPI report for one year of a ${v.households}-household site (${v.counts.repairs} repairs, ${v.counts.complaints} complaints, ${v.counts.homeServices} home services; kpi.report over the API): p50 / p95`,
    `${ms(pct(times, 50))} / ${ms(pct(times, 95))}  (n=${times.length})`,
  )
  const t = performance.now()
  await callOk(core, 'kpi.print', period, s.q1)
  report('the same year printed as the A4 monthly-report PDF (kpi.print)', ms(performance.now() - t))
  await core.close()
}
