/**
 * Figures for the duty area on a site with ten years of log: ≈500,000 entries in ≈11,000 closed
 * shifts and ≈2,000 pending items (most closed long ago, ~200 still open).
 */
import { callOk, openCore } from '../../electron/core/app'
import { newId } from '../../electron/core/ids'
import { addDays } from '../../shared/time/calendar'
import { zonedIso } from '../../shared/time/zone'
import { MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

const TZ = 'Asia/Shanghai'
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const CONTENTS = ['业主来电咨询物业费缴纳', '访客来访登记,已电话通知业主', '厨房水管漏水报修', '楼道灯不亮报修', '投诉楼上装修噪音', '巡查发现消防通道堆放杂物', '代收快递,通知业主领取', '电梯按钮失灵报修']
const KINDS = ['call', 'visit', 'repair', 'repair', 'complaint', 'patrol', 'other', 'repair']

export async function benchDuty(report: (k: string, v: string) => void) {
  const core = await openCore({ dataDir: tempDir('desk-bench-duty-'), terminalId: 'T-BENCH', migrationsDir: MIGRATIONS })
  const admin = await setUpSite(core)
  const clerks: string[] = []
  for (const [no, name] of [['Q1', '李娜'], ['Q2', '王芳'], ['Q3', '张伟']]) clerks.push((await callOk(core, 'staff.create', { staffNo: no, name, roles: ['clerk'], pin: '1234' }, admin)).id)
  const days = 3650
  const today = new Date().toISOString().slice(0, 10)
  const first = addDays(today, -days)
  const t0 = performance.now()
  let entries = 0
  let pendingItems = 0
  await core.db.tx(async (w) => {
    // A bulk load of ten years of handed-over shifts: the guard against adding entries to a closed
    // shift is lifted for the load and put back as it was (the same transaction).
    const guard = (await w.get<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'log_entries_closed_shift_no_insert'"))!.sql
    await w.exec('DROP TRIGGER log_entries_closed_shift_no_insert')
    const at = new Date().toISOString()
    const meta = (id: string) => [id, at, at, 'T-BENCH', null]
    let shiftRows: unknown[][] = []
    let entryRows: unknown[][] = []
    let followRows: unknown[][] = []
    const flush = async () => {
      const put = async (table: string, cols: string, rows: unknown[][]) => {
        const n = cols.split(',').length
        const per = Math.floor(30000 / n)
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per)
          await w.run(`INSERT INTO ${table} (${cols}) VALUES ${chunk.map(() => `(${Array(n).fill('?').join(',')})`).join(',')}`, chunk.flat())
        }
      }
      await put('duty_shifts', 'id,created_at,updated_at,terminal_id,deleted_at,date,shift_code,shift_name,starts_at,ends_at,staff_id,status,opened_at,rostered,closed_at', shiftRows)
      await put('log_entries', 'id,created_at,updated_at,terminal_id,deleted_at,shift_id,at,kind,content,action,status,recorded_by,locked_at', entryRows)
      await put('log_follow_ups', 'id,created_at,updated_at,terminal_id,deleted_at,entry_id,at,staff_id,kind,note', followRows)
      shiftRows = []
      entryRows = []
      followRows = []
    }
    for (let d = 0; d < days; d++) {
      const date = addDays(first, d)
      for (const [i, [code, name, start, end]] of [['early', '早班', '07:30', '15:30'], ['middle', '中班', '09:30', '17:30'], ['late', '晚班', '12:00', '20:00']].entries()) {
        const sid = newId()
        const startsAt = zonedIso(date, start, TZ)
        const endsAt = zonedIso(date, end, TZ)
        shiftRows.push([...meta(sid), date, code, name, startsAt, endsAt, clerks[i], 'closed', startsAt, 1, endsAt])
        // ≈46 entries a shift (≈137 a day); the last day has 27 a shift, ≈80, for the day-log PDF.
        const n = d === days - 1 ? 27 : 46 + ((d * 7 + i) % 7) - 3
        for (let k = 0; k < n; k++) {
          const eid = newId()
          const c = (d + k + i) % CONTENTS.length
          const pending = (entries % 250) === 0
          const when = new Date(Date.parse(startsAt) + k * 10 * 60_000).toISOString()
          entryRows.push([...meta(eid), sid, when, KINDS[c], CONTENTS[c], '已处理', pending ? 'pending' : 'done', clerks[i], endsAt])
          if (pending) {
            pendingItems++
            if (d < days - 60) followRows.push([...meta(newId()), eid, endsAt, clerks[i], 'close', '已处理完毕'])
          }
          entries++
        }
      }
      if (shiftRows.length >= 300) await flush()
    }
    await flush()
    await w.exec(guard)
  })
  report(`duty bench site: ${entries} log entries, ${pendingItems} pending items, 10 years`, `${((performance.now() - t0) / 1000).toFixed(1)} s to generate`)

  // The desk today: 李娜 opens a shift (authorised) and starts the handover.
  const sup = (await callOk(core, 'staff.create', { staffNo: 'S1', name: '陈静', roles: ['supervisor'], pin: '1234' }, admin)).id
  void sup
  const q1 = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  await callOk(core, 'duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '压测' } }, q1)
  const saves: number[] = []
  for (let i = 0; i < 200; i++) {
    const t = performance.now()
    await callOk(core, 'log.add', { kind: 'call', content: `压测来电记录 ${i}`, status: i % 20 === 0 ? 'pending' : 'done' }, q1)
    saves.push(performance.now() - t)
  }
  report('log entry save (log.add over the API, WAL + synchronous=FULL): p50 / p95', `${pct(saves, 50).toFixed(2)} ms / ${pct(saves, 95).toFixed(2)} ms`)
  const h = await callOk(core, 'handover.start', {}, q1)
  const opens: number[] = []
  for (let i = 0; i < 30; i++) {
    const t = performance.now()
    await callOk(core, 'duty.current', {}, q1)
    await callOk(core, 'handover.get', { id: h.id }, q1)
    opens.push(performance.now() - t)
  }
  report(`open the handover screen (duty.current + handover.get, ${h.pending.length} open items): p50 / p95`, `${pct(opens, 50).toFixed(1)} ms / ${pct(opens, 95).toFixed(1)} ms`)
  const day = addDays(first, days - 1)
  const dayCount = (await core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM log_entries e JOIN duty_shifts d ON d.id = e.shift_id WHERE d.date = ?', [day]))!.n
  const pdfs: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    await callOk(core, 'print.dayLog', { date: day }, q1)
    pdfs.push(performance.now() - t)
  }
  report(`day log PDF (${dayCount} entries, A4 landscape): median of 5`, `${pct(pdfs, 50).toFixed(0)} ms`)
  const search: number[] = []
  for (const q of ['漏水', '装修噪音', '快递', '消防通道']) {
    const t = performance.now()
    await callOk(core, 'log.list', { q, page: 1, pageSize: 50 }, q1)
    search.push(performance.now() - t)
  }
  report('log search by text over 10 years (2–4 chars): max of 4', `${Math.max(...search).toFixed(1)} ms`)
  await core.close()
}
