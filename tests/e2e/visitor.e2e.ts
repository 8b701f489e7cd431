import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { siteAroundNow } from './dutySite'
import { openDesk, SHOTS, type Desk, pollWithin, focusedLabel } from './harness'
import { readerBurst } from './reader'
import { pdfToPng } from '../helpers/pdf'

/**
 * Issue G · visitors: a clerk on duty signs a visitor in by keyboard only (the 80 mm slip downloads
 * with its QR), the visitor is listed as in, the slip's QR typed by a scanner at the verify screen reads
 * 有效 with who and which unit; sign-out by one click; the same slip then reads 已签离, and a QR with
 * an altered code reads 伪造 showing nothing of the visit.
 */

let desk: Desk
const poll = pollWithin(10_000)
let clerk: string

beforeAll(async () => {
  desk = await openDesk()
  await siteAroundNow(desk)
  clerk = (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
  await callOk(desk.core, 'duty.start', {}, clerk)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
})
afterAll(async () => desk?.close())

const focused = () => focusedLabel(desk.page)
const insideRows = () => desk.page.getByTestId('visitors-inside').locator('tbody tr.ant-table-row')

/** A USB scanner: the whole text in a burst (a few ms a key), then Enter. */
async function scan(text: string) {
  await readerBurst(desk.page, text)
}

describe('G · visitors', () => {
  it('a clerk signs a visitor in by keyboard; the slip prints with its QR; the visitor is listed as in', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '访客登记' }).click()
    await poll(focused).toBe('访客姓名')
    await page.keyboard.type('王五')
    await page.keyboard.press('Tab')
    await page.keyboard.type('13987654321')
    await page.keyboard.press('Tab')
    await page.keyboard.type('11010519491231002X')
    await page.keyboard.press('Tab')
    await poll(focused).toBe('被访房屋')
    await page.keyboard.type('3-2-1502')
    await page.keyboard.press('Tab')
    await page.keyboard.type('张伟')
    await page.keyboard.press('Tab')
    await page.keyboard.type('探望父母')
    await page.keyboard.press('Tab')
    // A plate with a wrong form is refused at the field, in Chinese, and nothing is saved.
    await page.keyboard.type('粤B1234')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Control+A')
    await page.keyboard.type('2')
    await page.keyboard.press('Enter')
    await poll(() => page.getByTestId('visitor-signin').locator('.ant-form-item-explain-error').allTextContents()).toContain('车牌号格式不正确(如 粤B12345,新能源 粤BD12345)')
    expect(await callOk(desk.core, 'visitor.inside', {}, clerk)).toEqual([])
    await desk.shot('visitor-plate-refused')
    await page.getByLabel('车牌(选填)').fill('粤B12345')
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByLabel('车牌(选填)').press('Enter')])
    expect(dl.suggestedFilename()).toBe('访客单-FK-2026-0001.pdf'.replace('2026', String(new Date().getFullYear())))
    const pdf = path.join(SHOTS, 'visitor-slip.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'visitor-slip'), 110)
    expect(fs.statSync(pdf).size).toBeGreaterThan(1000)
    await poll(() => insideRows().count()).toBe(1)
    const row = await insideRows().first().textContent()
    expect(row).toContain('王五(2人)')
    expect(row).toContain('139****4321')
    expect(row).toContain('3栋2单元1502 · 张伟')
    expect(row).toContain('粤B12345')
    // The form is empty again, the name field focused for the next visitor.
    await poll(focused).toBe('访客姓名')
    expect(await page.getByLabel('访客姓名').inputValue()).toBe('')
    // The visit stands in the duty log as a pending item.
    const pending = await callOk(desk.core, 'log.pending', {}, clerk)
    expect(pending.map((e) => [e.sourceKind, e.state])).toEqual([['visitor', 'pending']])
    await desk.shot('visitor-signed-in')
    // The duty desk shows who is in at a glance.
    await page.getByRole('menuitem', { name: '值班台' }).click()
    await poll(() => page.getByTestId('reception-glance').textContent()).toContain('在访访客 1 批')
    expect(await page.getByTestId('reception-glance').textContent()).toContain('王五→3栋2单元1502')
    await desk.shot('visitor-duty-glance')
  })

  it('the slip is read at the gate’s verify screen: valid today, who and which unit; a forged code shows nothing', async () => {
    const { page } = desk
    const [v] = await callOk(desk.core, 'visitor.inside', {}, clerk)
    await page.getByRole('menuitem', { name: '证件核验' }).click()
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('verify-input')
    await scan(v.slipPayload)
    await poll(() => page.getByTestId('verify-outcome').textContent()).toBe('有效')
    const details = await page.getByTestId('verify-visitor').textContent()
    expect(details).toContain('王五(共2人)')
    expect(details).toContain('3栋2单元1502')
    expect(details).toContain('在访,未签离')
    expect(details).toContain(`仅限 ${v.signedInAt ? new Date(v.signedInAt).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }) : ''} 当天`)
    expect(await page.getByTestId('verify-outcome').getAttribute('data-status')).toBe('success')
    await desk.shot('visitor-verify-valid')
    const code = v.slipPayload.split(':')[2]
    await scan(`WYQT:${v.serial}:${code.slice(0, 9)}${code[9] === 'A' ? 'B' : 'A'}`)
    await poll(() => page.getByTestId('verify-outcome').textContent()).toBe('伪造')
    expect(await page.getByTestId('verify-visitor').count()).toBe(0)
    expect(await page.getByTestId('verify-detail').textContent()).not.toContain('王五')
    await desk.shot('visitor-verify-forged')
  })

  it('the visitor signs out with one click; the log item closes; the slip then reads 已签离 at the gate', async () => {
    const { page } = desk
    const [v] = await callOk(desk.core, 'visitor.inside', {}, clerk)
    await page.getByRole('menuitem', { name: '访客登记' }).click()
    await poll(() => insideRows().count()).toBe(1)
    await insideRows().first().getByTestId('visitor-signout').click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: '签离' }).click()
    await poll(() => insideRows().count()).toBe(0)
    expect(await callOk(desk.core, 'log.pending', {}, clerk)).toEqual([])
    await page.getByRole('tab', { name: '业户访问记录' }).click()
    await poll(() => page.getByTestId('visit-book').locator('tbody tr.ant-table-row').count()).toBe(1)
    expect(await page.getByTestId('visit-book').locator('tbody tr.ant-table-row').first().textContent()).toContain('李娜')
    await desk.shot('visitor-book')
    await page.getByRole('menuitem', { name: '证件核验' }).click()
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('verify-input')
    await scan(v.slipPayload)
    await poll(() => page.getByTestId('verify-outcome').textContent()).toBe('已签离')
    expect(await page.getByTestId('verify-visitor').textContent()).toContain('签离')
    await desk.shot('visitor-verify-signed-out')
  })

  it('an expected visitor of today signs in from the list: the form is filled, the phone the owner gave is taken', async () => {
    const { page } = desk
    const unitId = (await callOk(desk.core, 'search.query', { q: '1502', limit: 5 }, clerk))[0].unitId
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
    await callOk(desk.core, 'visitor.expect', { unitId, visitorName: '孙七', phone: '13711112222', purpose: '送家具', people: 1, expectedDate: today, calledBy: '张伟' }, clerk)
    await page.getByRole('menuitem', { name: '访客登记' }).click()
    await page.getByRole('tab', { name: '访客签到/签离' }).click()
    const expected = page.getByTestId('visitors-expected').locator('tbody tr.ant-table-row')
    await poll(() => expected.count()).toBe(1)
    await expected.first().getByTestId('expected-signin').click()
    await poll(focused).toBe('访客姓名')
    expect(await page.getByLabel('访客姓名').inputValue()).toBe('孙七')
    expect(await page.getByLabel('访客电话').getAttribute('placeholder')).toBe('留空沿用预约电话 137****2222')
    expect(await page.getByLabel('被访房屋').inputValue()).toBe('3栋2单元1502')
    await desk.shot('visitor-expected-filled')
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    expect(dl.suggestedFilename()).toMatch(/^访客单-FK-\d{4}-0002\.pdf$/)
    await poll(() => expected.first().textContent()).toContain('已签到')
    const inside = await callOk(desk.core, 'visitor.inside', {}, clerk)
    expect(inside.map((v) => [v.visitorName, v.phone, v.unitLabel])).toEqual([['孙七', '137****2222', '3栋2单元1502']])
    await page.getByRole('tab', { name: '预约访客' }).click()
    await poll(() => page.getByTestId('visitor-expect').isVisible()).toBe(true)
    await page.waitForTimeout(300)
    await desk.shot('visitor-expected-tab')
  })
})
