import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { localDateTime } from '../../shared/time/zone'
import { setUpSite } from '../helpers/core'
import { openDesk, type Desk, pollWithin } from './harness'

/**
 * The header clock reads the core's clock, not the PC's: in host mode the core runs on another PC.
 * Here the core's clock runs 5 h 17 min ahead of the real one (and later 9 h 41 min behind, taken up
 * when the screen is opened again): the header shows the core's time in the site's zone.
 */
let desk: Desk
let offset = (5 * 60 + 17) * 60_000
const poll = pollWithin(8000)
const TZ = 'Asia/Shanghai'

/** 'HH:mm' minutes of the day, to compare with a minute's tolerance (the clock may tick in between). */
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
const near = (a: string, b: string) => Math.min((minutes(a) - minutes(b) + 1440) % 1440, (minutes(b) - minutes(a) + 1440) % 1440) <= 1
const headerTime = async () => (await desk.page.getByTestId('shift-clock').textContent())?.match(/(\d{2}:\d{2})/)?.[1] ?? ''
const coreTime = () => localDateTime(new Date(Date.now() + offset), TZ).slice(11, 16)
const pcTime = () => localDateTime(new Date(), TZ).slice(11, 16)

beforeAll(async () => {
  desk = await openDesk({ now: () => new Date(Date.now() + offset) })
  const admin = await setUpSite(desk.core)
  await callOk(desk.core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
  desk.page.on('pageerror', (e) => console.error('page error:', e.message))
})
afterAll(async () => desk?.close())

describe('the header clock is the core\u2019s clock', () => {
  it('the core 5 h 17 min ahead: the header shows the core\u2019s time, not the PC\u2019s', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await desk.login('Q1')
    await poll(async () => near(await headerTime(), coreTime())).toBe(true)
    expect(near(await headerTime(), pcTime())).toBe(false)
    // The date too (MM/DD) is the core's day in the site's zone.
    expect(await page.getByTestId('shift-clock').textContent()).toContain(localDateTime(new Date(Date.now() + offset), TZ).slice(5, 10).replace('-', '/'))
    await desk.shot('core-clock-ahead')
  })

  it('the core\u2019s clock moved 9 h 41 min behind: the header follows once the screen is opened again', async () => {
    const { page } = desk
    offset = -(9 * 60 + 41) * 60_000
    await page.reload()
    await desk.login('Q1')
    await poll(async () => near(await headerTime(), coreTime())).toBe(true)
    expect(near(await headerTime(), pcTime())).toBe(false)
  })
})
