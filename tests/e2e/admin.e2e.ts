import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { openDesk, type Desk } from './harness'

let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
})
afterAll(async () => desk?.close())

describe('D · the administrator: setup, 项目设置, 审计日志, restore from a backup', () => {
  it('setup asks the first administrator PIN twice and refuses two different ones', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await expect.poll(() => page.getByText('首次使用 · 创建项目').isVisible()).toBe(true)
    await page.getByLabel('项目名称').fill('阳光花园')
    await page.getByLabel('管理处').fill('阳光花园物业服务中心')
    await page.getByLabel('管理员工号').fill('admin')
    await page.getByLabel('管理员姓名').fill('赵敏')
    await page.getByLabel('管理员PIN(至少4位)').fill('246810')
    await page.getByLabel('再次输入PIN').fill('246801')
    await page.getByLabel('再次输入PIN').press('Enter')
    await expect.poll(() => page.getByText('两次输入的PIN不一致').isVisible()).toBe(true)
    await desk.shot('d-admin-01-setup-pin-mismatch')
    expect(await callOk(desk.core, 'setup.status', {})).toEqual({ needsSetup: true })
    await page.getByLabel('再次输入PIN').fill('246810')
    await page.getByLabel('再次输入PIN').press('Enter')
    await expect.poll(() => page.getByTestId('login-card').isVisible()).toBe(true)
    await desk.login('admin', '246810')
  })

  it('项目设置 asks for names only; a new shift gets its code from the desk; the terminal gets a name', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    const form = page.getByTestId('site-form')
    await expect.poll(() => form.isVisible()).toBe(true)
    expect(await form.locator('th', { hasText: '代码' }).count()).toBe(0)
    await page.getByRole('button', { name: '添加班次' }).click()
    const names = page.getByLabel('班次名称')
    await names.last().fill('夜班')
    await page.getByPlaceholder('07:30').last().fill('20:00')
    await page.getByPlaceholder('15:30').last().fill('08:00')
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(() => page.getByText('项目设置已保存').isVisible()).toBe(true)
    const shifts = (await callOk(desk.core, 'site.get', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token)).shifts
    expect(shifts.find((s) => s.name === '夜班')?.code).toMatch(/^shift-/)
    // A name twice is refused at the field, nothing saved.
    await page.getByRole('button', { name: '添加班次' }).click()
    await names.last().fill('夜班')
    await page.getByPlaceholder('07:30').last().fill('21:00')
    await page.getByPlaceholder('15:30').last().fill('09:00')
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(() => page.getByText('班次名称"夜班"重复').first().isVisible()).toBe(true)
    await page.getByTestId('site-form').locator('.ant-card').nth(1).getByRole('button', { name: '删除' }).last().click()
    await page.getByLabel('本终端名称').fill('一号前台')
    await page.getByTestId('terminal-rename').click()
    await expect.poll(() => page.getByText('终端名称已保存').isVisible()).toBe(true)
    expect(await page.getByLabel('项目名称').inputValue()).toBe('阳光花园')
    await desk.shot('d-admin-02-site-settings')
  })

  it('审计日志 in Chinese, filtered by who, what and when, the terminal by its name; the check passes', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    const table = page.getByTestId('audit-table')
    await expect.poll(() => table.textContent()).toContain('修改项目设置')
    const text = (await table.textContent()) ?? ''
    expect(text).toContain('一号前台')
    expect(text).toContain('修改终端名称')
    expect(text).not.toMatch(/site\.update|auth\.login/)
    // What: 修改项目设置 only.
    await page.getByLabel('操作', { exact: true }).click()
    await page.getByLabel('操作', { exact: true }).fill('修改项目')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 1 条')
    // Who: 赵敏 (all of the above are hers), when: today.
    await page.getByLabel('操作人').click()
    await page.getByLabel('操作人').fill('赵敏')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 1 条')
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date())
    await page.getByPlaceholder('开始日期').fill('2020-01-01')
    await page.getByPlaceholder('结束日期').fill('2020-01-31')
    await page.getByPlaceholder('结束日期').press('Enter')
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 0 条')
    await page.getByPlaceholder('开始日期').click()
    await page.getByPlaceholder('开始日期').fill(today)
    await page.getByPlaceholder('结束日期').fill(today)
    await page.getByPlaceholder('结束日期').press('Enter')
    await expect.poll(() => page.getByTestId('audit-total').textContent()).toBe('共 1 条')
    await page.getByTestId('audit-verify-button').click()
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toContain('审计链完整')
    await desk.shot('d-admin-03-audit-filtered')
  })

  it('项目设置: 备用金 with three decimals is refused at the field, never rounded; a count must be whole', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    await expect.poll(() => page.getByTestId('site-form').isVisible()).toBe(true)
    // 备用金 (kept in fen) typed with three decimals: refused at the field, never rounded, nothing saved.
    const cashExpected = async () => (await callOk(desk.core, 'site.get', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token)).custodyItems.find((c) => c.code === 'cash')?.expected
    const cashRow = page.getByTestId('site-form').locator('tr', { has: page.locator('input[value="备用金"]') })
    const cash = cashRow.getByLabel('应有数')
    expect(await cash.inputValue()).toBe('500.00')
    await cash.fill('500.505')
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(() => cashRow.locator('.ant-form-item-explain').textContent()).toBe('备用金应有数最多两位小数(到分),请按实际金额填写')
    expect(await cashExpected()).toBe(50000)
    await desk.shot('d-admin-02b-money-refused')
    await cash.fill('500.50')
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(cashExpected).toBe(50050)
    // A count is a whole number: 2.5 对讲机 is refused.
    const radio = page.getByTestId('site-form').locator('tr', { has: page.locator('input[value="对讲机"]') }).getByLabel('应有数')
    await radio.fill('2.5')
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(() => page.getByText('对讲机应有数应为整数,如 3').isVisible()).toBe(true)
    await radio.fill('2')
    await cash.fill('500')
    await page.getByRole('button', { name: '保存设置' }).click()
    await expect.poll(cashExpected).toBe(50000)
  })

  it('restores a backup: date and counts shown, the current file kept first, back to the login page, then the old data', async () => {
    const { page } = desk
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    await page.getByTestId('backup-now').click()
    await expect.poll(() => page.getByText('备份完成').isVisible()).toBe(true)
    // After the backup: a new clerk, who must be gone after the restore.
    const token = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    await callOk(desk.core, 'staff.create', { staffNo: 'Q9', name: '后来的人', roles: ['clerk'], pin: '1234' }, token)
    await page.getByTestId('backup-restore').first().click()
    const detail = page.getByTestId('restore-detail')
    await expect.poll(() => detail.textContent()).toContain('员工 1')
    expect(await detail.textContent()).toContain('阳光花园')
    expect(await detail.textContent()).toContain('已校验')
    await desk.shot('d-admin-04-restore-dialog')
    await page.getByTestId('restore-confirm').click()
    await expect.poll(() => page.getByTestId('login-card').isVisible()).toBe(true)
    await desk.login('admin', '246810')
    const again = (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    expect((await callOk(desk.core, 'staff.list', {}, again)).map((s) => s.staffNo)).not.toContain('Q9')
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    await expect.poll(() => page.getByTestId('backup-card').textContent()).toContain('恢复前')
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    await expect.poll(() => page.getByTestId('audit-table').textContent()).toContain('从备份恢复')
    await page.getByTestId('audit-verify-button').click()
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toContain('审计链完整')
    await desk.shot('d-admin-05-after-restore-audit')
  })

  it('the database file lost: the setup screen offers the backups; a new site needs the explicit tick', async () => {
    const { page } = desk
    // The file goes away while the desk runs (reopen without it = a start on a folder without desk.sqlite).
    await desk.core.reopen(async (file) => {
      fs.rmSync(file)
    })
    await page.goto(desk.url)
    await expect.poll(() => page.getByTestId('setup-backups').isVisible()).toBe(true)
    expect(await page.getByTestId('setup-backups').textContent()).toContain('当前数据库中没有项目')
    await page.getByLabel('项目名称').fill('新项目')
    await page.getByLabel('管理处').fill('新项目物业服务中心')
    await page.getByLabel('管理员工号').fill('root')
    await page.getByLabel('管理员姓名').fill('钱七')
    await page.getByLabel('管理员PIN(至少4位)').fill('135790')
    await page.getByLabel('再次输入PIN').fill('135790')
    await page.getByRole('button', { name: '创建项目' }).click()
    await expect.poll(() => page.getByText('不从备份恢复时,请勾选「新建空项目」').isVisible()).toBe(true)
    expect(await callOk(desk.core, 'setup.status', {})).toMatchObject({ needsSetup: true })
    await desk.shot('d-admin-06-setup-backups-found')
    await page.getByTestId('setup-restore').first().click()
    await page.getByRole('button', { name: '恢复此备份' }).click()
    await expect.poll(() => page.getByTestId('login-card').isVisible()).toBe(true)
    await desk.login('admin', '246810')
    expect(await callOk(desk.core, 'setup.status', {})).toMatchObject({ needsSetup: false, siteName: '阳光花园' })
  })

  it('a row edited behind the app: 校验完整性 names the first broken row in red', async () => {
    const { page } = desk
    await desk.core.db.tx(async (w) => {
      await w.exec('DROP TRIGGER IF EXISTS audit_events_no_update')
      await w.run("UPDATE audit_events SET summary = '被改过的内容' WHERE seq = 4")
    })
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    await page.getByTestId('audit-verify-button').click()
    const alert = page.getByTestId('audit-verify')
    await expect.poll(() => alert.textContent()).toContain('审计链被破坏')
    expect(await alert.textContent()).toContain('第 4 条记录内容被改动')
    expect(await alert.getAttribute('class')).toContain('error')
    expect(await page.getByTestId('audit-broken-row').textContent()).toContain('被改过的内容')
    await desk.shot('d-admin-07-audit-broken')
  })
})
