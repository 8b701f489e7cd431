/**
 * Keys and cards figures (issue F): a key loan saved and a key taken back over the API (p50/p95 of
 * 300 pairs over 50 keys), and the 门禁黑名单 export of 20,000 issued cards (all, and the changes
 * since the last export), median of 3; the unit page's unit.holdings read among them (p50/p95). The 20,000 cards are written by bulk SQL in one transaction
 * (issuing each through card.issue would take minutes and measure nothing the figure asks for);
 * the export reads them exactly as it reads cards issued at the desk.
 */
import { callOk, openCore } from '../../electron/core/app'
import { newRowMeta } from '../../electron/core/context'
import { newId } from '../../electron/core/ids'
import { MIGRATIONS, setUpSite, tempDir } from '../helpers/core'

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
const ms = (x: number) => `${x.toFixed(2)} ms`
const CARDS = 20_000
const UNITS = 400
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马']
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂兰', '志强']

export async function benchKeysCards(report: (k: string, v: string) => void) {
  const core = await openCore({ dataDir: tempDir('desk-bench-keys-'), terminalId: 'T-BENCH', migrationsDir: MIGRATIONS })
  const admin = await setUpSite(core)
  await callOk(core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
  const q1 = (await callOk(core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token

  // Keys: 50 on the board, 300 lend + return pairs spread over them.
  const tags: string[] = []
  for (let i = 0; i < 50; i++) {
    const k = await callOk(core, 'key.create', { name: `机房钥匙${i + 1}`, opens: `设备房${i + 1}`, area: `${1 + (i % 9)}栋`, hook: `A-${String(i + 1).padStart(2, '0')}`, copies: 1, mayLeaveSite: false, defaultLoanHours: 2 }, admin)
    tags.push(k.tagNo)
  }
  const borrower = { borrowerKind: 'outsider' as const, name: '孙工', company: '蓝天电梯维保公司', phone: '13912345678', idNumber: '11010519491231002X', purpose: '检修电梯机房' }
  const lend: number[] = []
  const back: number[] = []
  for (let i = 0; i < 320; i++) {
    const tagNo = tags[i % tags.length]
    let t = performance.now()
    await callOk(core, 'keyLoan.lend', { ...borrower, tagNo }, q1)
    const l = performance.now() - t
    t = performance.now()
    await callOk(core, 'keyLoan.return', { tagNo, returnedBy: '孙工', condition: '完好' }, q1)
    const r = performance.now() - t
    // The first 20 pairs warm up.
    if (i >= 20) {
      lend.push(l)
      back.push(r)
    }
  }
  report('key loan saved (keyLoan.lend over the API, 50 keys): p50 / p95', `${ms(pct(lend, 50))} / ${ms(pct(lend, 95))}  (n=${lend.length})`)
  report('key taken back (keyLoan.return over the API): p50 / p95', `${ms(pct(back, 50))} / ${ms(pct(back, 95))}  (n=${back.length})`)

  // Cards: 400 units with an owner each (API), then 20,000 cards by bulk SQL in one transaction.
  const kind = await callOk(core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, admin)
  const holders: Array<{ unitId: string; residentId: string; name: string }> = []
  for (let b = 1; b <= 4; b++) {
    const building = await callOk(core, 'building.create', { code: String(b) }, admin)
    for (let u = 0; u < UNITS / 4; u++) {
      const room = `${1 + Math.floor(u / 4)}0${1 + (u % 4)}`
      const unit = await callOk(core, 'unit.create', { buildingId: building.id, entrance: String(1 + (u % 2)), room }, admin)
      const name = SURNAMES[(b * 7 + u) % SURNAMES.length] + GIVEN[u % GIVEN.length]
      const r = await callOk(core, 'resident.create', { unitId: unit.id, name, kind: 'owner', phone: `138${String(b * 1000 + u).padStart(8, '0')}` }, admin)
      holders.push({ unitId: unit.id, residentId: r.id, name })
    }
  }
  const staffId = (await callOk(core, 'auth.me', {}, q1)).staff.id
  const t0 = performance.now()
  const cardIds: string[] = []
  await core.db.tx(async (w) => {
    for (let i = 0; i < CARDS; i++) {
      const h = holders[i % holders.length]
      const m = newRowMeta({ terminalId: 'T-BENCH', now: () => new Date(Date.now() - (CARDS - i) * 60_000) } as never, newId())
      await w.run(
        `INSERT INTO cards (id, created_at, updated_at, terminal_id, deleted_at, card_no, kind_id, unit_id, holder_resident_id, holder_name, holder_kind,
           owner_consent, entry, deposit_fen, fee_fen, replaces_card_id, staff_id, note) VALUES (?,?,?,?,NULL,?,?,?,?,?,'owner',NULL,'reader',5000,1000,NULL,?,NULL)`,
        [m.id, m.createdAt, m.updatedAt, m.terminalId, (0x10000000 + i).toString(16).toUpperCase(), kind.id, h.unitId, h.residentId, h.name, staffId],
      )
      cardIds.push(m.id)
    }
  })
  report(`fill ${CARDS.toLocaleString('en')} issued cards over ${UNITS} units (bulk SQL, one db.tx, not card.issue)`, `${((performance.now() - t0) / 1000).toFixed(2)} s`)

  // Some were lost over the years (card.lost through the API), as on a real site.
  for (let i = 0; i < 200; i++) await callOk(core, 'card.lost', { id: cardIds[i * 97], reporter: '业主' }, q1)

  const all: number[] = []
  let allCount = 0
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const x = await callOk(core, 'card.exportBlockList', { scope: 'all' }, q1)
    all.push(performance.now() - t)
    allCount = x.count
  }
  if (allCount !== CARDS) throw new Error(`the export listed ${allCount} cards, not ${CARDS}`)
  report(`block-list export, all ${allCount.toLocaleString('en')} cards (card.exportBlockList over the API): median of 3`, `${pct(all, 50).toFixed(0)} ms  (${all.map((x) => x.toFixed(0)).join(', ')})`)

  // Each round: 50 more cards lost through the API, then the changes since the last export.
  const changes: number[] = []
  let changed = 0
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 50; i++) await callOk(core, 'card.lost', { id: cardIds[CARDS - 1 - (round * 50 + i)], reporter: '业主' }, q1)
    const t = performance.now()
    const x = await callOk(core, 'card.exportBlockList', { scope: 'changes' }, q1)
    changes.push(performance.now() - t)
    changed = x.count
    if (changed !== 50) throw new Error(`changes export listed ${changed} cards, not the 50 just lost`)
  }
  report(`block-list export, changes since last export (${changed} of ${allCount.toLocaleString('en')} cards): median of 3`, `${pct(changes, 50).toFixed(0)} ms  (${changes.map((x) => x.toFixed(0)).join(', ')})`)

  // The unit page's one read (unit.holdings: cards, live permits, passes out) among these cards, 50 a unit.
  const hold: number[] = []
  for (let i = 0; i < 220; i++) {
    const t = performance.now()
    await callOk(core, 'unit.holdings', { id: holders[(i * 37) % holders.length].unitId }, q1)
    if (i >= 20) hold.push(performance.now() - t)
  }
  report(`unit.holdings (unit page) among ${CARDS.toLocaleString('en')} cards, ${CARDS / UNITS} a unit: p50 / p95`, `${ms(pct(hold, 50))} / ${ms(pct(hold, 95))}  (n=${hold.length})`)
  await core.close()
}
