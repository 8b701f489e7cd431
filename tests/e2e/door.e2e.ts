import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDesk, type Desk } from './harness'

let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
})
afterAll(async () => desk?.close())

declare global {
  interface Window {
    __cspViolations: string[]
  }
}

describe('the HTTP door’s headers do not break the desk', () => {
  it('CSP, nosniff and no-framing: the app sets up, logs in and shows its screens with no CSP violation', async () => {
    const { page } = desk
    const consoleErrors: string[] = []
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()))
    await page.addInitScript(() => {
      window.__cspViolations = []
      document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`))
    })
    const res = await page.goto(desk.url)
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res!.headers()['x-content-type-options']).toBe('nosniff')
    await expect.poll(() => page.getByText('首次使用 · 创建项目').isVisible(), { timeout: 15_000 }).toBe(true)
    await page.getByLabel('项目名称').fill('阳光花园')
    await page.getByLabel('管理处').fill('阳光花园物业服务中心')
    await page.getByLabel('管理员工号').fill('admin')
    await page.getByLabel('管理员姓名').fill('赵敏')
    await page.getByLabel('管理员PIN(至少4位)').fill('246810')
    await page.getByLabel('再次输入PIN').fill('246810')
    await page.getByRole('button', { name: '创建项目' }).click()
    await expect.poll(() => page.getByTestId('login-card').isVisible(), { timeout: 15_000 }).toBe(true)
    await desk.login('admin', '246810')
    for (const item of ['项目设置', '排班表', '证件办理', '值班台']) {
      await page.getByRole('menuitem', { name: item }).click()
      await page.waitForTimeout(300)
    }
    await page.evaluate(() => document.fonts.ready)
    await desk.shot('e-door-csp')
    // zod runs jitless (renderer/src/main.tsx), so not even its eval probe is reported.
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([])
    expect(consoleErrors.filter((t) => /Content Security Policy|Refused to/i.test(t)), consoleErrors.join('\n')).toEqual([])
    // The shipped Chinese font loaded (font-src), not a fallback.
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.status === 'loaded'))).toBe(true)
  })
})
