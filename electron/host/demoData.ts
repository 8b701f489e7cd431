/**
 * npm run demo-data [-- --data-dir DIR]: fills an empty desk with a realistic demo site (run it
 * with the app stopped). A data folder without a site gets one, with administrator admin / 1234.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { callOk, openCore } from '../core/app'
import { DEMO_PIN, DEMO_STAFF } from '../core/demo/demoData'
import { addMonthsToMonth, datesOfMonth } from '../../shared/time/calendar'
import { localDate } from '../../shared/time/zone'
import { ROLE_LABELS } from '../../shared/roles'
import { defaultDataDir } from './paths'
import { terminalSettings } from './terminal'

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const i = process.argv.indexOf('--data-dir')
const dataDir = path.resolve(i > 0 ? process.argv[i + 1] : defaultDataDir())

const terminal = terminalSettings(dataDir)
const core = await openCore({ dataDir, terminalId: terminal.terminalId, terminalName: terminal.terminalName, auditHeads: terminal.auditHeads, migrationsDir: path.join(repo, 'drizzle') })
try {
  if ((await callOk(core, 'setup.status', {})).needsSetup) {
    await callOk(core, 'setup.create', { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '系统管理员', adminPin: DEMO_PIN })
    console.log(`已创建项目"阳光花园",管理员 admin / ${DEMO_PIN}`)
  }
  const admin = process.env.DESK_ADMIN ?? 'admin'
  const pin = process.env.DESK_ADMIN_PIN ?? DEMO_PIN
  const { token } = await callOk(core, 'auth.login', { staffNo: admin, pin })
  const t0 = performance.now()
  const r = await callOk(core, 'demo.fill', {}, token)
  console.log(`演示数据:${r.buildings} 栋、${r.units} 套房屋、${r.residents} 位住户、${r.staff} 名员工(${((performance.now() - t0) / 1000).toFixed(1)} s)`)
  // A published roster for this month and next, so the duty desk can be used at once.
  const staff = await callOk(core, 'staff.list', {}, token)
  const clerks = ['Q001', 'Q002', 'Q003', 'G001'].map((no) => staff.find((x) => x.staffNo === no)?.id).filter((x): x is string => !!x)
  const codes = (await callOk(core, 'site.get', {}, token)).shifts.map((x) => x.code)
  const thisMonth = localDate(new Date(), 'Asia/Shanghai').slice(0, 7)
  for (const month of [thisMonth, addMonthsToMonth(thisMonth, 1)]) {
    const view = await callOk(core, 'roster.get', { month }, token)
    if (view.status === 'published' || clerks.length < 2) continue
    const cells = datesOfMonth(month).flatMap((date, d) =>
      // Four people on three shifts: each rests one day in four, and the shifts rotate.
      clerks.flatMap((staffId, i) => ((d + i) % 4 === 3 ? [] : [{ date, staffId, shiftCode: codes[(d + i) % codes.length] }])),
    )
    await callOk(core, 'roster.saveDraft', { month, cells }, token)
    await callOk(core, 'roster.publish', { month }, token)
    console.log(`已排班并发布:${month}`)
  }
  console.log(`员工PIN均为 ${DEMO_PIN}:${DEMO_STAFF.map((s) => `${s.staffNo} ${s.name}(${s.roles.map((x) => ROLE_LABELS[x]).join('/')})`).join(',')}`)
  console.log(`数据库:${core.dbFile}`)
} catch (e) {
  console.error(`生成演示数据失败:${(e as Error).message}`)
  process.exitCode = 1
} finally {
  await core.close()
}
