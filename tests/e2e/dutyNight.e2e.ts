import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { Clock } from '../helpers/duty'
import { openDesk, type Desk } from './harness'

/**
 * A night duty (夜值 22:00–08:00) on the desk: an entry made at 02:10 is filed under the shift's
 * date (12-01) but shown at its real calendar moment (12-02 02:10); and the log search with a room
 * that is not one unit stops with the reason instead of searching without it.
 */
let desk: Desk
const clock = new Clock('2026-12-01 21:00')
const token = async (staffNo: string) => (await callOk(desk.core, 'auth.login', { staffNo, pin: staffNo === 'admin' ? '246810' : '1234' })).token
const poll = expect.poll

beforeAll(async () => {
  desk = await openDesk({ now: clock.now })
  const admin = await setUpSite(desk.core)
  const site = await callOk(desk.core, 'site.get', {}, admin)
  await callOk(desk.core, 'site.update', { name: site.name, office: site.office, timeZone: 'Asia/Shanghai', shifts: [...site.shifts, { code: 'night', name: '夜值', start: '22:00', end: '08:00' }] }, admin)
  const q1 = await callOk(desk.core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
  await callOk(desk.core, 'roster.saveDraft', { month: '2026-12', cells: [{ date: '2026-12-01', staffId: q1.id, shiftCode: 'night' }] }, admin)
  await callOk(desk.core, 'roster.publish', { month: '2026-12' }, admin)
  const b3 = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const b5 = await callOk(desk.core, 'building.create', { code: '5' }, admin)
  const u3 = await callOk(desk.core, 'unit.create', { buildingId: b3.id, entrance: '2', room: '1502' }, admin)
  await callOk(desk.core, 'unit.create', { buildingId: b5.id, entrance: '1', room: '1502' }, admin)
  const u806 = await callOk(desk.core, 'unit.create', { buildingId: b5.id, entrance: '1', room: '806' }, admin)
  clock.set('2026-12-01 22:05')
  const t = await token('Q1')
  await callOk(desk.core, 'duty.start', {}, t)
  clock.set('2026-12-01 22:30')
  await callOk(desk.core, 'log.add', { kind: 'visit', unitId: u806.id, content: '夜间巡查发现5栋单元门未关', status: 'done' }, t)
  clock.set('2026-12-02 02:10')
  await callOk(desk.core, 'log.add', { kind: 'call', unitId: u3.id, content: '凌晨住户来电反映停电', status: 'done' }, t)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
})
afterAll(async () => desk?.close())

const rowOf = (table: string, text: string) => desk.page.getByTestId(table).locator('tbody tr', { hasText: text })
const timeCell = (table: string, text: string) => rowOf(table, text).locator('td').first()
const rows = (table: string) => desk.page.getByTestId(table).locator('tbody tr.ant-table-row')

async function searchRange(from: string, to: string) {
  const { page } = desk
  await page.getByPlaceholder('开始日期').click()
  await page.getByPlaceholder('开始日期').fill(from)
  await page.getByPlaceholder('至今').fill(to)
  await page.getByPlaceholder('至今').press('Enter')
  await page.keyboard.press('Escape')
}

describe('D · a night entry at its real calendar moment', () => {
  it('the duty desk shows 02:10 with its calendar day 12-02 beneath', async () => {
    const { page } = desk
    await page.goto(desk.url + '#/duty')
    await desk.login('Q1')
    await poll(() => rowOf('shift-entries', '凌晨住户来电').count()).toBe(1)
    const night = await timeCell('shift-entries', '凌晨住户来电').textContent()
    expect(night).toContain('02:10')
    expect(night).toContain('12-02')
    // Before midnight: the time alone (the shift's own day).
    expect(await timeCell('shift-entries', '夜间巡查').textContent()).toBe('22:30')
  })

  it('the log search files it under the shift date 12-01 and shows 12-02 02:10 with the shift named', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '值班记录查询' }).click()
    await searchRange('2026-12-01', '2026-12-01')
    await page.getByRole('button', { name: '查询' }).click()
    await poll(() => rowOf('log-results', '凌晨住户来电').count()).toBe(1)
    const night = await timeCell('log-results', '凌晨住户来电').textContent()
    expect(night).toContain('12-02 02:10')
    expect(night).toContain('12-01 夜值')
    expect(night).not.toContain('12-01 02:10')
    const evening = await timeCell('log-results', '夜间巡查').textContent()
    expect(evening).toBe('12-01 22:30夜值')
    await desk.shot('d-night-01-log-search')
    // Filed by shift date: the calendar day 12-02 holds no entry of this shift.
    await searchRange('2026-12-02', '2026-12-02')
    await page.getByRole('button', { name: '查询' }).click()
    await poll(() => rows('log-results').count()).toBe(0)
  })

  it('a room matching two units stops the search with the reason at 房屋; one match narrows it', async () => {
    const { page } = desk
    const unitItem = page.getByTestId('log-search-page').locator('.ant-form-item', { has: page.locator('#unitId') })
    // The list shows the empty day 12-02; a search over 12-01 with an ambiguous room must not run,
    // neither by Enter in 日期 nor by 查询.
    expect(await rows('log-results').count()).toBe(0)
    await page.locator('#unitId').click()
    await page.keyboard.type('1502', { delay: 30 })
    await searchRange('2026-12-01', '2026-12-01')
    await poll(() => unitItem.locator('.ant-form-item-explain').textContent()).toContain('「1502」对应 2 套房屋')
    await page.getByRole('button', { name: '查询' }).click()
    await poll(() => unitItem.locator('.ant-form-item-explain').textContent()).toContain('「1502」对应 2 套房屋')
    await page.waitForTimeout(300)
    expect(await rows('log-results').count()).toBe(0)
    expect(await page.locator('#unitId').inputValue()).toBe('1502')
    await desk.shot('d-night-02-ambiguous-room-stops-search')
    // A single match is taken and shown, and narrows the search to it.
    await page.locator('#unitId').click()
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    await page.keyboard.type('806', { delay: 30 })
    await page.getByRole('button', { name: '查询' }).click()
    await poll(() => page.locator('#unitId').inputValue()).toBe('5栋1单元806')
    await poll(() => rows('log-results').count()).toBe(1)
    expect(await rows('log-results').first().textContent()).toContain('夜间巡查')
  })
})
