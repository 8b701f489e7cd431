import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDesk, type Desk } from './harness'

let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
})
afterAll(async () => desk?.close())

describe('A · foundation, as a clerk uses it', () => {
  it('first start: creates the site and its administrator', async () => {
    const { page } = desk
    await page.goto(desk.url)
    await expect.poll(() => page.getByText('首次使用 · 创建项目').isVisible()).toBe(true)
    await desk.shot('a01-setup')
    await page.getByLabel('项目名称').fill('阳光花园')
    await page.getByLabel('管理处').fill('阳光花园物业服务中心')
    await page.getByLabel('管理员工号').fill('admin')
    await page.getByLabel('管理员姓名').fill('赵敏')
    await page.getByLabel('管理员PIN(至少4位)').fill('12')
    await page.getByRole('button', { name: '创建项目' }).click()
    await expect.poll(() => page.getByText('管理员PIN至少4位').isVisible()).toBe(true)
    await page.getByLabel('管理员PIN(至少4位)').fill('246810')
    await page.getByLabel('再次输入PIN').fill('246810')
    await page.getByRole('button', { name: '创建项目' }).click()
    await expect.poll(() => page.getByTestId('login-card').isVisible()).toBe(true)
  })

  it('login: a wrong PIN is refused with a clear message, the right one opens the desk', async () => {
    const { page } = desk
    await page.getByLabel('工号').fill('admin')
    await page.getByLabel('PIN').fill('999999')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByText('工号或PIN不正确,还可尝试 4 次').first().isVisible()).toBe(true)
    await desk.shot('a02-login-wrong-pin')
    await page.getByLabel('PIN').fill('246810')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByTestId('me').textContent()).toContain('赵敏')
    expect(await page.getByTestId('me').textContent()).toContain('客服管理员')
    await expect.poll(() => page.getByTestId('site-name').textContent()).toBe('阳光花园')
  })

  it('imports a CSV with one bad row: nothing on "all", the valid rows on request', async () => {
    const { page } = desk
    const csv = [
      '楼栋,单元,房号,姓名,类型,电话,身份证号,入住日期',
      '3,2,1502,张伟,业主,13812345678,11010519491231002X,2020-05-01',
      '3,2,1502,李秀英,家属,13912340001,,',
      '3,2,1501,王强,租户,13700001111,110105194912310021,2021-03-15',
      '5,1,801,欧阳晓丽,业主,15800005555,,2019-10-01',
    ].join('\n')
    const file = path.join(desk.dataDir, '住户.csv')
    fs.writeFileSync(file, csv)
    await page.getByRole('menuitem', { name: '导入住户' }).click()
    await page.locator('input[type=file]').setInputFiles(file)
    await expect.poll(() => page.getByTestId('import-preview').isVisible()).toBe(true)
    expect(await page.getByTestId('import-errors').textContent()).toContain('身份证号校验位不正确')
    expect(await page.getByRole('button', { name: '全部导入' }).isDisabled()).toBe(true)
    await desk.shot('a03-import-preview')
    await page.getByTestId('import-valid-only').click()
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('已导入住户 3 人')
    const n = await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM residents')
    expect(n!.n).toBe(3)
  })

  it('finds a resident by pinyin initials and by room, and opens the unit', async () => {
    const { page } = desk
    const search = page.getByTestId('global-search').locator('input')
    await search.fill('oyxl')
    await expect.poll(() => page.getByTestId('search-hit').first().textContent()).toContain('欧阳晓丽')
    await desk.shot('a04-search-pinyin')
    await search.fill('3-2-1502')
    await expect.poll(() => page.getByTestId('search-hit').first().textContent()).toContain('3栋2单元1502')
    await page.getByTestId('search-hit').first().click()
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('3栋2单元1502')
    const table = await page.getByTestId('residents-table').textContent()
    expect(table).toContain('张伟')
    expect(table).toContain('138****5678')
    expect(table).toContain('110105********002X')
  })

  it('adds a resident: a bad ID number is named and nothing is saved; a good one is saved', async () => {
    const { page } = desk
    const before = (await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM residents'))!.n
    await page.getByTestId('add-resident').click()
    const form = page.getByTestId('resident-form')
    await form.getByLabel('姓名').fill('陈静')
    await form.getByLabel('联系电话').fill('13600002222')
    await form.getByLabel('身份证号').fill('110105194912310021')
    await page.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => form.getByText('身份证号校验位不正确').isVisible()).toBe(true)
    await desk.shot('a05-resident-bad-id')
    expect((await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM residents'))!.n).toBe(before)
    // 张伟's number: an ID number belongs to one person, refused at the field with where it is registered.
    await form.getByLabel('身份证号').fill('11010519491231002X')
    await page.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => form.getByText('该身份证号已登记在 3栋2单元1502 的 张伟 名下').isVisible()).toBe(true)
    expect((await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM residents'))!.n).toBe(before)
    await form.getByLabel('身份证号').fill('110101199003070011')
    await page.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => page.getByTestId('residents-table').textContent()).toContain('陈静')
    expect((await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM residents'))!.n).toBe(before + 1)
    await page.getByRole('row', { name: /陈静/ }).getByRole('button', { name: '详情' }).click()
    await expect.poll(() => page.getByTestId('resident-detail').textContent()).toContain('110101199003070011')
    await page.waitForTimeout(400) // the drawer's slide-in, for the picture
    await desk.shot('a06-unit-page')
  })
})

describe('A · administration', () => {
  it('the administrator adds a clerk, who then logs in and sees only desk areas', async () => {
    const { page } = desk
    await page.keyboard.press('Escape') // the resident drawer from the last step
    await expect.poll(() => page.getByTestId('resident-detail').isVisible()).toBe(false)
    await page.getByRole('menuitem', { name: '员工管理' }).click()
    await page.getByRole('button', { name: '新增员工' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('工号').fill('Q001')
    await dialog.getByLabel('姓名').fill('王晓丽')
    await dialog.getByLabel('初始PIN(至少4位)').fill('1357')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => page.getByRole('row', { name: /Q001/ }).textContent()).toContain('前台值班员')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await desk.shot('a07-staff')
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    await page.getByTestId('backup-now').click()
    await expect.poll(() => page.getByTestId('backup-card').textContent()).toContain('手动')
    await desk.shot('a10-site-settings')
    await page.getByRole('menuitem', { name: '审计日志' }).click()
    await page.getByRole('button', { name: '校验完整性' }).click()
    await expect.poll(() => page.getByTestId('audit-verify').textContent()).toContain('审计链完整')
    await desk.shot('a08-audit')
    await page.getByRole('button', { name: '退出' }).click()
    await page.getByLabel('工号').fill('Q001')
    await page.getByLabel('PIN').fill('1357')
    await page.getByRole('button', { name: '登录' }).click()
    await expect.poll(() => page.getByTestId('me').textContent()).toContain('王晓丽')
    const menu = await page.getByRole('menu').textContent()
    expect(menu).toContain('房屋住户')
    expect(menu).not.toContain('员工管理')
    expect(menu).not.toContain('导入住户')
    await page.getByTestId('global-search').locator('input').fill('1502')
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeGreaterThan(0)
    await desk.shot('a09-clerk-search')
  })
})
