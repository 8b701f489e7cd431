import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { openDesk, type Desk } from './harness'

/** The lock-out as the clerk and the administrator see it: locked on the login card, lifted by a PIN reset. */
let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
  await callOk(desk.core, 'setup.create', { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' })
  const admin = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
  await callOk(desk.core, 'staff.create', { staffNo: 'Q001', name: '王晓丽', roles: ['clerk'], pin: '1357' }, admin)
  await desk.page.goto(desk.url)
}, 60_000)
afterAll(async () => desk?.close())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** The last refusals' toasts have faded, for a clean picture. */
const toastsGone = () => expect.poll(() => desk.page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0)

describe('lock-out on the login card', () => {
  it('the 5th wrong PIN locks the number; the right PIN is refused while locked; a reset lifts it', async () => {
    const { page } = desk
    // Four wrong PINs from elsewhere, each after the wait the desk asks for (1 s after the 3rd, 2 s after the 4th).
    for (const wait of [0, 0, 0, 1100]) {
      await sleep(wait)
      expect((await desk.core.call('auth.login', { staffNo: 'Q001', pin: '0000' }, null)).ok).toBe(false)
    }
    await sleep(2100)
    await expect.poll(() => page.getByTestId('login-card').isVisible()).toBe(true)
    await page.getByLabel('工号', { exact: true }).fill('Q001')
    await page.getByLabel('PIN', { exact: true }).fill('9999')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByText(/连续5次输错PIN,已锁定5分钟/).first().isVisible()).toBe(true)
    // The refused PIN is cleared for the next try.
    expect(await page.getByLabel('PIN', { exact: true }).inputValue()).toBe('')
    await desk.shot('e01-login-locked')
    await page.getByLabel('PIN', { exact: true }).fill('1357')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByText(/已锁定至 \d\d:\d\d,请稍后再试/).first().isVisible()).toBe(true)

    await desk.login('admin', '246810')
    await page.getByRole('menuitem', { name: '员工管理' }).click()
    const row = page.getByRole('row', { name: /Q001/ })
    await expect.poll(() => row.textContent()).toMatch(/已锁定至 \d\d:\d\d/)
    await toastsGone()
    await desk.shot('e02-staff-locked')
    await row.getByRole('button', { name: '重置PIN' }).click()
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.textContent()).toContain('已登录的会话全部退出')
    await dialog.getByLabel('新PIN').fill('8642')
    await page.waitForTimeout(400) // the modal's fade-in, for the picture
    await desk.shot('e03-reset-pin')
    await dialog.getByRole('button', { name: '重置' }).click()
    await expect.poll(() => row.textContent()).toContain('在用')
    await desk.login('Q001', '8642')
    expect(await page.getByTestId('me').textContent()).toContain('王晓丽')
  })
})
