import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { gbkBytes } from '../helpers/gbk'
import { openDesk, type Desk } from './harness'

/**
 * The first thing a site does: import its resident file, written the way sites write them — a GBK
 * CSV saved by Excel with its own column names, a UTF-8 CSV with a BOM, an .xlsx with dates as
 * dates — then find people in the type-ahead as a clerk types.
 */
let desk: Desk
beforeAll(async () => {
  desk = await openDesk()
  await callOk(desk.core, 'setup.create', { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai', adminStaffNo: 'admin', adminName: '赵敏', adminPin: '246810' })
})
afterAll(async () => desk?.close())

const ID_ZHANG = '11010519491231002X'
const ID_LI = '110101199003070011'

async function choose(page: Page, file: string) {
  await page.locator('input[type=file]').setInputFiles(file)
  await expect.poll(() => page.getByTestId('import-file').textContent()).toBe(path.basename(file))
  await expect.poll(() => page.getByTestId('import-preview').isVisible()).toBe(true)
}

async function mapField(page: Page, field: string, header: string) {
  await page.getByTestId(`map-${field}`).click()
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: header }).first().click()
}

describe('D · importing a real site file', () => {
  it('the administrator logs in', async () => {
    await desk.page.goto(desk.url)
    await desk.login('admin', '246810')
  })

  it('a GBK CSV with its own column names: the mapping is shown and changed, refused rows listed with their values and downloaded', async () => {
    const { page } = desk
    const csv = [
      '楼号,单元,房间号,住户姓名,身份,联系人手机,身份证,入住时间,备注',
      `3栋,2单元,0301,张伟,业主,13812345678,${ID_ZHANG},2019/5/1,`,
      '3栋,2单元,0301,李秀英,家属,13912340001,,2019.5.1,',
      `3号楼,2,1502,王强,租客,13700001111,${ID_LI},2020年3月8日,`,
      `3#,1,1502,刘洋,业主,13700002222,${ID_LI},43586,身份证与王强相同`,
      '5栋,1单元,801,欧阳晓丽,产权人,158 0000 5555,,2021-06-15,',
      '5栋,1单元,802,陈静,保姆,13700003333,,,',
      '5栋,1单元,803,赵六,业主,1380000,,明年,',
    ].join('\r\n')
    const file = path.join(desk.dataDir, '阳光花园住户名单.csv')
    fs.writeFileSync(file, gbkBytes(csv))
    await page.getByRole('menuitem', { name: '导入住户' }).click()
    await choose(page, file)

    // 联系人手机 is not a name the desk knows for 电话: it says so and asks, it does not guess.
    await expect.poll(() => page.getByTestId('import-missing').textContent()).toContain('电话')
    expect(await page.getByTestId('map-building').textContent()).toContain('楼号')
    expect(await page.getByTestId('map-room').textContent()).toContain('房间号')
    expect(await page.getByTestId('map-kind').textContent()).toContain('身份')
    expect(await page.getByTestId('map-moveInDate').textContent()).toContain('入住时间')
    await mapField(page, 'phone', '联系人手机')
    await expect.poll(() => page.getByTestId('import-counts').isVisible()).toBe(true)
    expect(await page.getByTestId('map-phone').textContent()).toContain('联系人手机')
    expect(await page.getByTestId('import-mapping').textContent()).toContain('未使用的列:备注')

    const counts = await page.getByTestId('import-counts').textContent()
    expect(counts).toContain('数据行7')
    expect(counts).toContain('可导入3')
    expect(counts).toContain('未通过4')
    const sample = await page.getByTestId('import-sample').textContent()
    expect(sample).toContain('3栋2单元301')
    expect(sample).toContain('2019-05-01')
    expect(sample).toContain('158 0000 5555'.replace(/ /g, ''))
    const errors = await page.getByTestId('import-errors').textContent()
    expect(errors).toContain('与第5行的身份证号相同')
    expect(errors).toContain('与第4行的身份证号相同')
    expect(errors).toContain('保姆')
    expect(errors).toContain('1380000')
    expect(errors).toContain('明年')
    expect(await page.getByTestId('import-all').isDisabled()).toBe(true)
    await desk.shot('d-import-preview')

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-download-refused').click()])
    expect(dl.suggestedFilename()).toBe('阳光花园住户名单-未导入的行.csv')
    const refused = fs.readFileSync((await dl.path())!, 'utf8')
    expect(refused.charCodeAt(0)).toBe(0xfeff)
    const lines = refused.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('楼号,单元,房间号,住户姓名,身份,联系人手机,身份证,入住时间,备注,原行号,未导入原因')
    expect(lines).toHaveLength(5)
    expect(lines[1]).toContain(`3号楼,2,1502,王强,租客,13700001111,${ID_LI}`)
    expect(lines[3]).toMatch(/^5栋,1单元,802,陈静,保姆,.*,7,类型:/)

    await page.getByTestId('import-valid-only').click()
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('已导入住户 3 人')
    const result = await page.getByTestId('import-result').textContent()
    expect(result).toContain('新建楼栋 2 栋、房屋 2 套;未导入 4 行')
    // The refused rows stay on screen with the download, not in a toast that goes away.
    await page.waitForTimeout(3500)
    expect(await page.getByTestId('import-result').getByTestId('import-errors').textContent()).toContain('保姆')
    expect(await page.getByTestId('import-download-refused').isVisible()).toBe(true)
    await desk.shot('d-import-result')
  })

  it('a UTF-8 CSV with a BOM: "3号楼/2/301" is the unit "3栋/2单元/0301" already imported', async () => {
    const { page } = desk
    const csv = '\uFEFF楼栋,单元,房号,姓名,类型,电话,身份证号,入住日期\r\n3号楼,2,301,张小伟,家属,13912340002,,2020-01-01\r\n3#,二单元,1502,王强,租户,13700001111,,2020/3/8\r\n3栋,1,1502,刘洋,业主,13700002222,,43586\r\n'
    const file = path.join(desk.dataDir, '补充住户.csv')
    fs.writeFileSync(file, csv)
    await choose(page, file)
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('将新建房屋2')
    expect(await page.getByTestId('import-counts').textContent()).toContain('可导入3')
    await page.getByTestId('import-all').click()
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('已导入住户 3 人,新建楼栋 0 栋、房屋 2 套;未导入 0 行')
  })

  it('an .xlsx with synonym headers, Date cells and numbers (a damaged one is refused on screen)', async () => {
    const { page } = desk
    const damaged = path.join(desk.dataDir, '损坏.xlsx')
    fs.writeFileSync(damaged, 'not a zip')
    await page.locator('input[type=file]').setInputFiles(damaged)
    await expect.poll(() => page.getByTestId('import-refusal').textContent()).toContain('无法读取该 Excel 文件')
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('业主信息')
    ws.addRow(['栋', '单元号', '室', '姓名', '住户类型', '手机号', '身份证号码', '入住日期'])
    ws.addRow(['7号楼', 1, '0201', '周婉', '业主', 13600001234, '', new Date('2022-08-08T00:00:00Z')])
    ws.addRow([7, '1单元', 201, '赵文', '租户', 13600004321, '', 43586])
    ws.addRow(['7#', 1, 202, '张伟', '业主', '13600005678', '', '2023年1月2日'])
    const file = path.join(desk.dataDir, '业主信息.xlsx')
    fs.writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()))
    await choose(page, file)
    await expect.poll(() => page.getByTestId('import-counts').textContent()).toContain('可导入3')
    expect(await page.getByTestId('import-sample').textContent()).toContain('7栋1单元201')
    await page.getByTestId('import-all').click()
    await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('已导入住户 3 人,新建楼栋 1 栋、房屋 2 套')
    const keys = await desk.core.db.read.all<{ k: string }>('SELECT room_key AS k FROM units ORDER BY room_key')
    expect(keys.map((k) => k.k)).toEqual(['3-1-1502', '3-2-1502', '3-2-301', '5-1-801', '7-1-201', '7-1-202'])
  })
})

describe('D · one room key in the unit form', () => {
  it('"2单元 / 0301" in building 3 is the imported 3栋2单元301: refused at the field; 0302 is saved as 302', async () => {
    const { page } = desk
    const units = async () => (await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM units'))!.n
    const before = await units()
    await page.getByRole('menuitem', { name: '房屋住户' }).click()
    await page.getByRole('button', { name: '新增房屋' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('楼栋').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '3栋' }).first().click()
    await dialog.getByLabel('单元(无单元可空)').fill('2单元')
    await dialog.getByLabel('房号').fill('0301')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => dialog.getByText('房号 3栋2单元301 已存在').isVisible()).toBe(true)
    await desk.shot('d-unit-form-same-room')
    expect(await units()).toBe(before)
    await dialog.getByLabel('房号').fill('０３０２')
    await dialog.getByRole('button', { name: '保存' }).click()
    await expect.poll(() => units()).toBe(before + 1)
    expect(await desk.core.db.read.get("SELECT entrance, room, room_key AS k FROM units WHERE room_key = '3-2-302'")).toEqual({ entrance: '2', room: '302', k: '3-2-302' })
    await expect.poll(() => dialog.isVisible()).toBe(false)
  })
})

describe('D · type-ahead in the search box', () => {
  const hits = (page: Page) => page.getByTestId('search-hit').allTextContents()
  async function typeAhead(page: Page, q: string) {
    const box = page.getByTestId('global-search').locator('input')
    await box.fill('')
    await box.pressSequentially(q, { delay: 15 })
  }

  it.each([['03-02-0301'], ['3 2 301'], ['３-２-０３０１'], ['3栋2单元301']])('"%s" puts 3栋2单元301 first', async (q) => {
    const { page } = desk
    await typeAhead(page, q)
    await expect.poll(async () => (await hits(page))[0] ?? '').toContain('3栋2单元301')
  })

  it('"1502" lists the room in every building; "3-1502" in both entrances of building 3', async () => {
    const { page } = desk
    await typeAhead(page, '1502')
    await expect.poll(async () => (await hits(page)).slice(0, 2).map((h) => h.slice(0, 9))).toEqual(['3栋1单元1502', '3栋2单元1502'])
    await typeAhead(page, '3-1502')
    await expect.poll(async () => (await hits(page)).length).toBe(2)
  })

  it('"zw" shows 张伟 first; "晓丽" finds 欧阳晓丽 by the middle of her name; "5555" by her phone', async () => {
    const { page } = desk
    await typeAhead(page, 'zw')
    await expect.poll(async () => (await hits(page))[0] ?? '').toContain('张伟')
    expect((await hits(page)).join('|')).toContain('周婉')
    await desk.shot('d-search-initials')
    await typeAhead(page, '晓丽')
    await expect.poll(async () => (await hits(page))[0] ?? '').toContain('欧阳晓丽')
    await typeAhead(page, '5555')
    await expect.poll(async () => (await hits(page)).join('|')).toContain('欧阳晓丽')
    // Enter alone opens the first result.
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('5栋1单元801')
  })

  it('Enter alone opens the first result, even pressed before the list has answered what was typed', async () => {
    const { page } = desk
    const box = page.getByTestId('global-search').locator('input')
    // Typed and Enter at once: the list still shows nothing (or the previous text's rows).
    await box.fill('')
    await box.pressSequentially('3-2-0301', { delay: 0 })
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('3栋2单元301')
    expect(await box.inputValue()).toBe('')
    // The rows of 3-2-0301 were the last on show: a fast "1502" + Enter opens 1502's first, not them.
    await box.pressSequentially('1502', { delay: 0 })
    await box.press('Enter')
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('3栋1单元1502')
    // ↓ still chooses another row: the second of the list.
    await typeAhead(page, '1502')
    await expect.poll(async () => (await hits(page)).slice(0, 2).map((h) => h.slice(0, 9))).toEqual(['3栋1单元1502', '3栋2单元1502'])
    await page.waitForTimeout(300)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('unit-title').textContent()).toBe('3栋2单元1502')
    // A room matching nothing: Enter opens nothing and the text stays.
    await typeAhead(page, '9-9-9999')
    await box.press('Enter')
    await expect.poll(() => page.getByText('没有找到').isVisible()).toBe(true)
    expect(await box.inputValue()).toBe('9-9-9999')
    expect(await page.getByTestId('unit-title').textContent()).toBe('3栋2单元1502')
    await box.press('Escape')
  })
})
