import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { Clock } from '../helpers/duty'
import { hotWorkFields, LEAD_ID, OWNER_ID, PERMIT_PEOPLE, releaseFields, renovationFields, worker } from '../helpers/permit'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { openDesk, SHOTS, type Desk } from './harness'
import { readerBurst } from './reader'

/**
 * Everything held for a unit, on the unit page, through the real UI in host mode: its cards in every
 * state, the live permits and the worker passes out (and nothing of the next unit's, nothing voided or
 * handed back); 发卡 from a resident's row by the reader and the holder's drawn signature to the printed
 * 门禁卡领用签收单, the clerk's actions counted; a card kind with cards issued retired in 项目设置 — its
 * card keeps it on the unit page, the issue form no longer offers it.
 */
let desk: Desk
const PIN = '1234'
const clock = new Clock('2026-03-02 09:00')
let unitId = ''
let ownerId = ''
const token = async (staffNo: string) => (await callOk(desk.core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : PIN })).token
const REVIEWERS: Record<string, string> = { engineering: 'E1', safety: 'F1', director: 'D1', admin: 'A1', supervisor: 'S1' }
async function approveAll(id: string) {
  let v = await callOk(desk.core, 'permit.get', { id }, await token('Q1'))
  while (v.nextStep) v = await callOk(desk.core, 'permit.review', { id, decision: 'approve', opinion: '同意' }, await token(REVIEWERS[v.nextStep.role]))
  return v
}
// A tiny real PNG, for the cards set up through the core once the site asks for signatures.
const DOT = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

beforeAll(async () => {
  desk = await openDesk({ now: clock.now })
  const admin = await setUpSite(desk.core)
  for (const p of PERMIT_PEOPLE) await callOk(desk.core, 'staff.create', { ...p, roles: [...p.roles], pin: PIN }, admin)
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)
  const next = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1202' }, admin)
  unitId = unit.id
  const owner = await callOk(desk.core, 'resident.create', { unitId, name: '刘龑', kind: 'owner', phone: '13812345678', idNumber: OWNER_ID }, admin)
  ownerId = owner.id
  await callOk(desk.core, 'resident.create', { unitId, name: '刘小龑', kind: 'family', phone: '13812345679' }, admin)
  const zhou = await callOk(desk.core, 'resident.create', { unitId: next.id, name: '周强', kind: 'owner', phone: '13712345678' }, admin)
  const agent = await callOk(desk.core, 'agent.create', { unitId, ownerId, name: '张喆', phone: '13912345678', idNumber: LEAD_ID, scopes: ['renovation'] }, admin)
  const q1 = await token('Q1')
  // Cards of 1201: 2001 in use, 2002 lost, 2004 returned; 1202's 3001 must not show on 1201's page.
  const kind = await callOk(desk.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, await token('A1'))
  await callOk(desk.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, q1)
  const issue = (cardNo: string, u = unitId, holder = ownerId) => callOk(desk.core, 'card.issue', { unitId: u, holderResidentId: holder, kindId: kind.id, cardNo, entry: 'typed' }, q1)
  await issue('2001')
  await callOk(desk.core, 'card.lost', { id: (await issue('2002')).id, reporter: '刘龑' }, q1)
  await callOk(desk.core, 'card.return', { id: (await issue('2004')).id }, q1)
  await issue('3001', next.id, zhou.id)
  // Permits: a renovation approved and printed, two passes out (a third handed back), hot work in review, a release slip voided.
  const lead = { role: 'lead' as const, agentId: agent.id, name: '张喆', phone: '13912345678', idNumber: LEAD_ID }
  const ownerApplicant = { role: 'owner' as const, residentId: ownerId, name: '刘龑', phone: '13812345678', idNumber: OWNER_ID }
  const ren = await callOk(desk.core, 'permit.apply', { kind: 'renovation', unitId, applicant: ownerApplicant, fields: renovationFields() }, q1)
  await approveAll(ren.id)
  await callOk(desk.core, 'permit.print', { id: ren.id }, q1)
  const passes = await callOk(desk.core, 'workerPass.issueBatch', { renovationId: ren.id, applicant: lead, receiptNo: 'SJ1', workers: [worker('王建国', 1), worker('李龑', 2), worker('赵大勇', 3)] }, q1)
  await callOk(desk.core, 'permit.printPasses', { ids: passes.map((p) => p.id) }, q1)
  await callOk(desk.core, 'permit.return', { id: passes[0].id }, q1)
  await callOk(desk.core, 'permit.apply', { kind: 'hotWork', unitId, applicant: lead, fields: hotWorkFields() }, q1)
  const slip = await callOk(desk.core, 'permit.apply', { kind: 'releaseSlip', unitId, applicant: ownerApplicant, fields: releaseFields() }, q1)
  await callOk(desk.core, 'permit.void', { id: slip.id, reason: '业主取消搬家' }, q1)
  const otherSlip = await callOk(desk.core, 'permit.apply', { kind: 'releaseSlip', unitId: next.id, applicant: { role: 'owner', residentId: zhou.id, name: '周强', phone: '13712345678' }, fields: releaseFields() }, q1)
  await approveAll(otherSlip.id)
  // The site asks the holder to draw their signature on the 发卡 screen.
  const site = await callOk(desk.core, 'site.get', {}, admin)
  await callOk(desk.core, 'site.update', { name: site.name, office: site.office, timeZone: site.timeZone as 'Asia/Shanghai', cardSignature: true }, admin)
  await desk.page.goto(desk.url)
}, 90_000)
afterAll(async () => desk?.close())

async function wedge(text: string) {
  await readerBurst(desk.page, text)
}

/** Draws a stroke on the signature pad with the mouse (as the holder does with a finger or pen). */
async function draw(testId: string, within: Pick<Desk['page'], 'getByTestId'> = desk.page) {
  const box = (await within.getByTestId(testId).boundingBox())!
  const m = desk.page.mouse
  await m.move(box.x + 20, box.y + 55)
  await m.down()
  for (const [dx, dy] of [[50, -25], [90, 20], [130, -25], [170, 15], [230, -10]]) await m.move(box.x + dx, box.y + 45 + dy, { steps: 6 })
  await m.up()
}

const rowsOf = (testId: string) => desk.page.getByTestId(testId).locator('.ant-table-row').allTextContents()
const errorsOf = async () => desk.page.locator('.ant-form-item-explain-error').allTextContents()

describe('everything held for a unit, on the unit page', () => {
  it('shows the unit’s cards in every state, live permits and the passes out — not voided, handed back or the next unit’s', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.goto(`${desk.url}#/units/${unitId}`)
    await expect.poll(() => rowsOf('unit-cards')).toHaveLength(3)
    const cards = await rowsOf('unit-cards')
    expect(cards.find((r) => r.startsWith('2001'))).toMatch(/门禁卡刘龑正常.*50\.00 元$/)
    expect(cards.find((r) => r.startsWith('2002'))).toContain('已挂失,已停用')
    expect(cards.find((r) => r.startsWith('2004'))).toMatch(/已退卡.*0\.00 元$/)
    expect(cards.join()).not.toContain('3001')
    await expect.poll(() => page.getByTestId('unit-cards').locator('.ant-card-head-title').textContent()).toBe('门禁卡(在用 1 张)')
    const permits = await page.getByTestId('unit-permits').locator('.ant-table').first().locator('.ant-table-row').allTextContents()
    expect(permits.map((r) => r.slice(0, 12)).sort()).toEqual(['DH-2026-0001', 'ZX-2026-0001'])
    expect(permits.find((r) => r.startsWith('DH'))).toContain('审批中(待工程主管审核)')
    expect(permits.find((r) => r.startsWith('ZX'))).toContain('已发证')
    expect(permits.join()).not.toContain('FX-')
    const passes = await rowsOf('unit-passes')
    expect(passes).toEqual([expect.stringMatching(/^CR-2026-0003赵大勇ZX-2026-0001.*已发证100\.00 元$/), expect.stringMatching(/^CR-2026-0002李龑ZX-2026-0001.*已发证100\.00 元$/)])
    await desk.shot('unit-holdings')
  }, 60_000)

  it('发卡 from a resident’s row: the reader, the holder’s drawn signature, Enter — the receipt prints with the drawing', async () => {
    const { page, core } = desk
    await page.goto(`${desk.url}#/units/${unitId}`)
    let actions = 0
    // 1: 发卡 on the holder's row: the drawer opens with the unit and the holder filled in, the site's one kind chosen.
    await page.getByTestId('issue-card-刘龑').click()
    actions += 1
    const drawer = page.getByTestId('unit-issue-drawer')
    const no = drawer.getByLabel('卡号', { exact: true })
    await expect.poll(() => no.evaluate((e) => e === document.activeElement)).toBe(true)
    expect(await drawer.getByLabel('房屋', { exact: true }).inputValue()).toBe('3栋2单元1201')
    const fieldText = (label: string) => drawer.locator('.ant-form-item', { has: page.getByLabel(label, { exact: true }) }).textContent()
    expect(await fieldText('持卡人')).toContain('刘龑(业主)')
    expect(await fieldText('卡类')).toContain('门禁卡')
    // 2: the card on the reader (a fast burst + Enter): read, and Enter did not save (the holder has not signed).
    await wedge('00c0ffee')
    actions += 1
    await expect.poll(() => no.inputValue()).toBe('00C0FFEE')
    // Saving without the drawing is refused at the pad, nothing written.
    const before = (await core.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards'))!.n
    await drawer.getByTestId('card-issue-save').click()
    await expect.poll(errorsOf).toContain('本项目要求持卡人手写签名:请持卡人在签名框内签名')
    expect((await core.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards'))!.n).toBe(before)
    // 3: the holder signs on the pad; the focus moves to 发卡并打印签收单.
    await draw('card-holder-signature')
    actions += 1
    await expect.poll(() => drawer.getByTestId('card-issue-save').evaluate((e) => e === document.activeElement)).toBe(true)
    await expect.poll(errorsOf).toEqual([])
    await desk.shot('unit-issue-signed')
    // 4: Enter: saved, and the receipt comes out.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    actions += 1
    const pdf = path.join(SHOTS, 'unit-card-receipt.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'unit-card-receipt'), 80)
    expect(actions).toBeLessThanOrEqual(8)
    console.log(`[figures] 房屋页发卡到签收单(读卡器+手写签名):${actions} 次操作`)
    const { readFileSync } = await import('node:fs')
    const buf = readFileSync(pdf)
    expect(buf.toString('latin1')).toContain('/Subtype /Image')
    const text = (await pdfText(buf))[0]
    for (const w of ['门禁卡领用签收单', '3栋2单元1201', '刘龑(业主)', '00C0FFEE', '持卡人签名', '日期:2026-03-02']) expect(text).toContain(w)
    // The drawer closed; the unit page lists the new card; the drawing is stored with it.
    await expect.poll(() => page.getByTestId('unit-issue-drawer').count()).toBe(0)
    await expect.poll(async () => (await rowsOf('unit-cards')).find((r) => r.startsWith('00C0FFEE')) ?? '').toMatch(/门禁卡刘龑正常/)
    const sig = await core.db.read.get<{ n: number }>("SELECT length(s.data_url) AS n FROM card_signatures s JOIN cards c ON c.id = s.card_id WHERE c.card_no = '00C0FFEE'")
    expect(sig!.n).toBeGreaterThan(500)
    expect((await core.db.read.get<{ entry: string }>("SELECT entry FROM cards WHERE card_no = '00C0FFEE'"))!.entry).toBe('reader')
    // 发卡 from the card list's header: the holder is asked first (the focus is there).
    await page.getByTestId('unit-issue-card').click()
    await expect.poll(() => drawer.getByLabel('持卡人', { exact: true }).evaluate((e) => e === document.activeElement)).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('unit-issue-drawer').count()).toBe(0)
  }, 60_000)

  it('a card kind with cards issued is retired in 项目设置: its card keeps it, 发卡 no longer offers it', async () => {
    const { page, core } = desk
    // An 电梯卡 with its one blank card issued to 1201 (nothing left on hand).
    const a1 = await token('A1')
    const q1 = await token('Q1')
    const lift = await callOk(core, 'card.kindSave', { name: '电梯卡', depositFen: 0, feeFen: 1500, replaceFeeFen: 1500 }, a1)
    await callOk(core, 'card.stockMove', { kindId: lift.id, move: 'received', count: 1 }, q1)
    await callOk(core, 'card.issue', { unitId, holderResidentId: ownerId, kindId: lift.id, cardNo: '8001', entry: 'typed', holderSignature: DOT }, q1)
    await desk.login('admin', '246810')
    await page.goto(`${desk.url}#/site`)
    const kinds = page.getByTestId('card-kinds')
    await expect.poll(() => kinds.locator('.ant-table-row').count()).toBe(2)
    await kinds.getByTestId('card-kind-retire-电梯卡').click()
    await page.locator('.ant-popover:visible').getByRole('button', { name: '停用' }).click()
    await expect.poll(() => kinds.locator('.ant-table-row').allTextContents()).toEqual([expect.stringMatching(/^MK-01门禁卡/)])
    expect((await core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM card_kinds WHERE name = '电梯卡' AND deleted_at IS NOT NULL"))!.n).toBe(1)
    await desk.shot('unit-kind-retired')
    // The clerk: the card keeps its kind on the unit page; the issue form offers 门禁卡 only.
    await desk.login('Q1')
    await page.goto(`${desk.url}#/units/${unitId}`)
    await expect.poll(async () => (await rowsOf('unit-cards')).find((r) => r.startsWith('8001')) ?? '').toMatch(/^8001电梯卡刘龑正常/)
    await page.getByTestId('unit-issue-card').click()
    const drawer = page.getByTestId('unit-issue-drawer')
    await drawer.getByLabel('卡类', { exact: true }).click()
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(['门禁卡'])
    await page.keyboard.press('Escape')
    await drawer.locator('.ant-drawer-close').click()
    await expect.poll(() => page.getByTestId('unit-issue-drawer').count()).toBe(0)
  }, 60_000)

  it('补卡 for the lost card asks for the holder’s drawing too; the unit page shows old → new', async () => {
    const { page, core } = desk
    await page.goto(`${desk.url}#/cards`)
    const row = page.locator('.ant-table-row', { has: page.getByTestId('card-2002') })
    await row.getByRole('button', { name: '补卡' }).click()
    const modal = page.locator('.ant-modal:visible')
    await expect.poll(() => modal.getByLabel('新卡号', { exact: true }).evaluate((e) => e === document.activeElement)).toBe(true)
    await wedge('00C0FFF1')
    await expect.poll(() => modal.getByLabel('新卡号', { exact: true }).inputValue()).toBe('00C0FFF1')
    await modal.getByRole('button', { name: '补卡' }).click()
    await expect.poll(errorsOf).toContain('本项目要求持卡人手写签名:请持卡人在签名框内签名')
    expect((await core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM cards WHERE card_no = '00C0FFF1'"))!.n).toBe(0)
    await draw('card-holder-signature', modal)
    await expect.poll(errorsOf).toEqual([])
    await page.screenshot({ path: path.join(SHOTS, 'unit-replace-signed.png') })
    const [dl] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: '补卡' }).click()])
    const pdf = path.join(SHOTS, 'unit-card-replace-receipt.pdf')
    await dl.saveAs(pdf)
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(pdf).toString('latin1')).toContain('/Subtype /Image')
    expect((await pdfText(readFileSync(pdf)))[0]).toContain('原卡号(已挂失停用)')
    await page.goto(`${desk.url}#/units/${unitId}`)
    await expect.poll(async () => (await rowsOf('unit-cards')).find((r) => r.startsWith('2002')) ?? '').toContain('已挂失 → 00C0FFF1')
    expect((await rowsOf('unit-cards')).find((r) => r.startsWith('00C0FFF1'))).toMatch(/^00C0FFF1\(补 2002\)门禁卡刘龑正常/)
  }, 60_000)
})
