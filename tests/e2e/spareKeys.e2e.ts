import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { addDays } from '../../shared/time/calendar'
import { localDate } from '../../shared/time/zone'
import { setUpSite } from '../helpers/core'
import { openDesk, SHOTS, type Desk, pollWithin, focusedLabel } from './harness'
import { readerBurst } from './reader'
import { pdfToPng } from '../helpers/pdf'

/**
 * Issue F · owners' spare keys, through the real UI in host mode: the clerk takes a deposit from the
 * owner (the receipt comes out), a stranger's ID read by the USB reader is refused and the refusal is
 * in the history; the administrator adds the owner's mother as a collector with the scanned
 * authorisation; the clerk releases to her by the ID the reader types, then takes the bag back.
 */
let desk: Desk
const OWNER_ID = '110101198001010010'
const MOTHER_ID = '110101198505050024'
const STRANGER_ID = '310104199003030032'
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const poll = pollWithin(10_000)

beforeAll(async () => {
  desk = await openDesk()
  const admin = await setUpSite(desk.core)
  await callOk(desk.core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  await callOk(desk.core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678', idNumber: OWNER_ID }, admin)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
  await desk.page.goto(desk.url)
}, 60_000)
afterAll(async () => desk?.close())

/** What a USB ID reader does: the number in a burst of a few ms a key, then Enter. */
async function wedge(text: string) {
  await readerBurst(desk.page, text)
}
const errorsOf = () => desk.page.locator('.ant-form-item-explain-error').allTextContents()
const focused = () => focusedLabel(desk.page)
const count = async (sql: string) => (await desk.core.db.read.get<{ n: number }>(sql))!.n

async function openUnit() {
  const { page } = desk
  await page.getByRole('menuitem', { name: '钥匙管理' }).click()
  await page.getByRole('tab', { name: '业主寄存钥匙' }).click()
  const box = page.getByTestId('spare-keys').getByLabel('房屋', { exact: true })
  await box.focus()
  await page.keyboard.type('3-2-1502')
  await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/3栋2单元1502/)]))
  await page.keyboard.press('ArrowDown')
  // Enter once the list answers what was typed and the room is highlighted (a slow machine may still show older results).
  await poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').textContent()).toMatch(/3栋2单元1502/)
  await page.keyboard.press('Enter')
  await poll(() => page.getByTestId('unit-spare-keys').isVisible()).toBe(true)
}

describe('F · owners\' spare keys', () => {
  it('deposit by keyboard → receipt printed; a stranger refused by the reader, the refusal in the history', async () => {
    const { page } = desk
    await desk.login('Q1')
    await openUnit()
    // A clerk cannot enter collectors (the core refuses it too: tests/integration/spareKeys.test.ts).
    expect(await page.getByTestId('collector-add').count()).toBe(0)
    // Deposit: the owner, then Tab through the fields, Enter saves and the receipt comes out.
    const dep = page.getByTestId('spare-deposit')
    // The unit's one owner is already chosen: the clerk starts at 钥匙说明.
    await poll(() => dep.locator('.ant-form-item').first().textContent()).toContain('刘龑')
    await dep.getByLabel('钥匙说明', { exact: true }).focus()
    await page.keyboard.type('入户门钥匙')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('数量(把)')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2')
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('封袋编号')
    await page.keyboard.type('b-001')
    await poll(() => dep.getByLabel('封袋编号', { exact: true }).inputValue()).toBe('b-001')
    await poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0)
    await desk.shot('spareKeys-deposit')
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    const pdf = path.join(SHOTS, 'spareKeys-receipt-e2e.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'spareKeys-receipt-e2e'), 70)
    expect(dl.suggestedFilename()).toBe('业主钥匙寄存回执-JC-2026-0001.pdf'.replace('2026', String(new Date().getFullYear())))
    const deposits = page.getByTestId('unit-spare-keys').locator('.ant-table-row')
    await poll(() => deposits.first().textContent()).toContain('入户门钥匙 2把B-001')
    expect(await deposits.first().textContent()).toContain('在库')

    // A stranger: the reader types his ID into the focused field; the clerk adds the name he gave, Enter.
    const hand = page.getByTestId('spare-handover')
    await hand.getByLabel('领取人身份证号', { exact: true }).focus()
    // A burst cut by a stray key is refused and cleared at once.
    await wedge('3101041990;03030032')
    await poll(errorsOf).toContain('身份证号含有读卡器以外的字符(;),请重新读取')
    expect(await hand.getByLabel('领取人身份证号', { exact: true }).inputValue()).toBe('')
    await wedge(STRANGER_ID)
    await poll(() => hand.getByLabel('领取人身份证号', { exact: true }).inputValue()).toBe(STRANGER_ID)
    await hand.getByLabel('领取人姓名', { exact: true }).fill('张三')
    await hand.getByLabel('领取人姓名', { exact: true }).press('Enter')
    await poll(errorsOf).toEqual(expect.arrayContaining([expect.stringContaining('不是该房屋业主或登记的授权领取人')]))
    expect(await count("SELECT COUNT(*) AS n FROM spare_key_moves WHERE move = 'refused' AND entry = 'reader' AND person_name = '张三'")).toBe(1)
    expect(await count("SELECT COUNT(*) AS n FROM spare_key_moves WHERE move = 'release'")).toBe(0)
    await desk.shot('spareKeys-refused')
    await page.getByTestId('spare-history-open').click()
    const refused = page.getByTestId('spare-move-refused')
    await poll(() => refused.textContent()).toContain('拒绝领取')
    expect(await refused.textContent()).toContain('张三(未登记 310104********0032)')
    await desk.shot('spareKeys-history-refused')
    await page.keyboard.press('Escape')
  })

  it('the administrator adds the owner\'s mother as a collector with the scanned authorisation', async () => {
    const { page } = desk
    await desk.login('admin', '246810')
    await openUnit()
    await page.getByTestId('collector-add').click()
    const form = page.getByTestId('collector-form')
    await form.getByLabel('领取人姓名', { exact: true }).fill('刘母')
    await form.getByLabel('与业主关系', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '母亲' }).click()
    await form.getByLabel('领取人身份证号', { exact: true }).fill(MOTHER_ID)
    await form.getByLabel('领取人电话', { exact: true }).fill('13912345678')
    const today = localDate(new Date(), 'Asia/Shanghai')
    await form.getByLabel('授权截止日期', { exact: true }).fill(addDays(today, 30))
    // Enter takes the typed date (closing the calendar), the next Enter saves.
    await form.getByLabel('授权截止日期', { exact: true }).press('Enter')
    await poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0)
    await page.keyboard.press('Enter')
    // No written authorisation yet: refused, nothing saved.
    await poll(errorsOf).toContain('请上传业主书面授权书(扫描件或照片)')
    expect(await count('SELECT COUNT(*) AS n FROM spare_key_collectors')).toBe(0)
    await form.locator('input[type=file]').setInputFiles({ name: '授权书.png', mimeType: 'image/png', buffer: PNG })
    await poll(() => form.getByTestId('collector-file-picked').textContent()).toContain('业主授权书:授权书.png')
    await desk.shot('spareKeys-collector-form')
    await page.locator('.ant-modal:visible').getByRole('button', { name: '登 记' }).or(page.locator('.ant-modal:visible').getByRole('button', { name: '登记' })).click()
    const collectors = page.getByTestId('unit-spare-keys').locator('.ant-card').nth(1).locator('.ant-table-row')
    await poll(() => collectors.first().textContent()).toContain('刘母母亲110101********0024')
    expect(await collectors.first().textContent()).toContain('有效')
    expect(await count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'spareKeyCollector.add'")).toBe(1)
    await desk.shot('spareKeys-collector-added')
  })

  it('the clerk releases to the listed collector by the ID the reader types, then takes the bag back', async () => {
    const { page } = desk
    await desk.login('Q1')
    await openUnit()
    const hand = page.getByTestId('spare-handover')
    // The unit picked, the ID field has the focus: the reader's burst lands there.
    await poll(focused).toBe('领取人身份证号')
    await wedge(MOTHER_ID)
    await poll(() => hand.getByLabel('领取人身份证号', { exact: true }).inputValue()).toBe(MOTHER_ID)
    expect(await hand.textContent()).toContain('身份证号由读卡器读入')
    await page.keyboard.press('Enter')
    await poll(() => page.getByTestId('spare-done').textContent()).toContain('已领出:3栋2单元1502 入户门钥匙 2把(封袋 B-001),交 刘母')
    const deposits = page.getByTestId('unit-spare-keys').locator('.ant-card').first().locator('.ant-table-row')
    await poll(() => deposits.first().textContent()).toContain('已由 刘母 领出')
    expect(await count("SELECT COUNT(*) AS n FROM spare_key_moves WHERE move = 'release' AND person_role = 'collector' AND entry = 'reader'")).toBe(1)
    await desk.shot('spareKeys-released')
    // Back: 归还, the count checked, Enter.
    await deposits.first().getByRole('button', { name: '归还' }).click()
    const modal = page.locator('.ant-modal:visible')
    await poll(() => modal.getByLabel('归还人', { exact: true }).inputValue()).toBe('刘母')
    await modal.getByLabel('归还人', { exact: true }).press('Enter')
    await poll(() => deposits.first().textContent()).toContain('在库')
    await page.getByTestId('spare-history-open').click()
    await poll(() => page.getByTestId('spare-history').locator('.ant-timeline-item').count()).toBe(4)
    await desk.shot('spareKeys-history')
    await page.keyboard.press('Escape')
    // The written authorisation, opened to check it (the opening is audited).
    await page.getByTestId('unit-spare-keys').getByRole('button', { name: '业主授权书' }).click()
    await poll(() => page.locator('.ant-modal:visible img').count()).toBe(1)
    expect(await count("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'spareKeyCollector.file'")).toBe(1)
  })
  it('the unit page answers "can this person pick up the key for 3-2-1502?": the bag held and its valid collector', async () => {
    const { page } = desk
    const unitId = (await desk.core.db.read.get<{ id: string }>("SELECT id FROM units WHERE room = '1502'"))!.id
    await page.goto(`${desk.url}#/units/${unitId}`)
    await poll(() => page.getByTestId('unit-title').textContent()).toBe('3栋2单元1502')
    const held = page.getByTestId('unit-spare-keys')
    await poll(() => held.textContent()).toContain('B-001')
    expect(await held.textContent()).toContain('刘母')
    expect(await held.textContent()).toContain('在库')
    await desk.shot('spareKeys-unit-page')
  })
})
