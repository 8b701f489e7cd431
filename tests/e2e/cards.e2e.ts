import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { openDesk, SHOTS, type Desk } from './harness'
import { readerBurst } from './reader'
import { pdfToPng } from '../helpers/pdf'

/**
 * 门禁卡 at the desk, through the real UI in host mode: the administrator sets the kinds in 项目设置;
 * the clerk issues a card whose number a USB reader types (a fast burst + Enter, simulated), sees a
 * cut-off burst and a burst with a stray key refused, reports the card lost (blocked at once),
 * replaces it with a new number, and exports the gate list, read back from the downloaded file.
 */
let desk: Desk
const PIN = '1234'

beforeAll(async () => {
  desk = await openDesk()
  const admin = await setUpSite(desk.core)
  await callOk(desk.core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: PIN }, admin)
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const unit = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)
  await callOk(desk.core, 'resident.create', { unitId: unit.id, name: '刘龑', kind: 'owner', phone: '13812345678' }, admin)
  await callOk(desk.core, 'resident.create', { unitId: unit.id, name: '王芳', kind: 'tenant', phone: '13612345678' }, admin)
  await desk.page.goto(desk.url)
}, 60_000)
afterAll(async () => desk?.close())

/** What a USB reader does: the number in a burst of a few ms a key, then (or not) Enter. */
async function wedge(text: string, enter = true) {
  await readerBurst(desk.page, text, { enter })
}

const errorsOf = async () => desk.page.locator('.ant-form-item-explain-error').allTextContents()

describe('access cards at the desk', () => {
  it('the administrator adds a card kind in 项目设置 (money in 元, code generated)', async () => {
    const { page } = desk
    await desk.login('admin', '246810')
    await page.goto(`${desk.url}#/site`)
    const kinds = page.getByTestId('card-kinds')
    await kinds.getByLabel('卡类名称', { exact: true }).fill('门禁卡')
    await kinds.getByLabel('押金(元)', { exact: true }).fill('50.005')
    await kinds.getByLabel('工本费(元)', { exact: true }).fill('10')
    await kinds.getByLabel('补卡费(元)', { exact: true }).fill('20')
    await kinds.getByLabel('补卡费(元)', { exact: true }).press('Enter')
    await expect.poll(errorsOf).toContain('押金最多两位小数(到分),请按实际金额填写')
    expect(await callOk(desk.core, 'card.kinds', {}, (await callOk(desk.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token)).toEqual([])
    await kinds.getByLabel('押金(元)', { exact: true }).fill('50')
    await kinds.getByLabel('押金(元)', { exact: true }).press('Enter')
    await expect.poll(() => kinds.locator('.ant-table-row').allTextContents()).toEqual(['MK-01门禁卡50.00 元10.00 元20.00 元修改停用'])
    await desk.shot('cards-kinds')
  })

  it('issues a card read by the wedge reader; a cut-off burst and a stray key are refused; lost → blocked → replaced; the gate list read back', async () => {
    const { page } = desk
    await desk.login('Q1')
    await page.goto(`${desk.url}#/cards`)
    // Blank cards received at the desk.
    const stock = page.getByTestId('card-stock')
    await stock.getByLabel('库存卡类').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '门禁卡' }).click()
    await stock.getByLabel('数量').fill('10')
    await stock.getByTestId('card-stock-save').click()
    await expect.poll(() => stock.locator('.ant-table-row').first().textContent()).toBe('门禁卡100010')

    let actions = 0
    const issue = page.getByTestId('card-issue')
    // 1–3: the unit by keyboard (type the room, ↓ to it, Enter).
    const unitBox = issue.getByLabel('房屋', { exact: true })
    await unitBox.focus()
    await page.keyboard.type('3-2-1201')
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/3栋2单元1201/)]))
    await page.keyboard.press('ArrowDown')
    // Enter once the list answers what was typed and the room is highlighted (a slow machine may still show older results).
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').textContent()).toMatch(/3栋2单元1201/)
    await page.keyboard.press('Enter')
    actions += 3
    await expect.poll(() => unitBox.inputValue()).toMatch(/3栋2单元1201/)
    // 4: the holder, 5: the kind.
    await issue.getByLabel('持卡人', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '刘龑(业主)' }).click()
    await issue.getByLabel('卡类', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '门禁卡' }).click()
    actions += 2
    const no = issue.getByLabel('卡号', { exact: true })
    // The kind chosen, the number field has the focus: the reader's burst lands there.
    await expect.poll(() => no.evaluate((e) => e === document.activeElement)).toBe(true)
    // A burst cut off before Enter: cleared and refused, nothing saved.
    await wedge('00A1B2', false)
    await expect.poll(errorsOf).toContain('卡号读取不完整(读卡器未以回车结束),请重新刷卡')
    expect(await no.inputValue()).toBe('')
    // A burst with a stray key.
    await wedge('00A1;B2C3')
    await expect.poll(errorsOf).toContain('卡号含有读卡器以外的字符(;),请重新刷卡')
    expect(await no.inputValue()).toBe('')
    expect((await desk.core.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards'))!.n).toBe(0)
    // 6: the card on the reader.
    await wedge('00a1b2c3')
    actions += 1
    await expect.poll(() => no.inputValue()).toBe('00A1B2C3')
    await expect.poll(errorsOf).toEqual([])
    await desk.shot('cards-issue-read')
    // 7: save, and the receipt comes out.
    const [dl] = await Promise.all([page.waitForEvent('download'), issue.getByTestId('card-issue-save').click()])
    actions += 1
    const pdf = path.join(SHOTS, 'cards-receipt-e2e.pdf')
    await dl.saveAs(pdf)
    pdfToPng(pdf, path.join(SHOTS, 'cards-receipt-e2e'), 70)
    expect(actions).toBeLessThanOrEqual(8)
    console.log(`[figures] 门禁卡发卡到签收单:${actions} 次操作`)
    const row = page.locator('.ant-table-row', { has: page.getByTestId('card-00A1B2C3') })
    await expect.poll(() => row.textContent()).toContain('正常')
    const first = (await desk.core.db.read.get<{ entry: string }>("SELECT entry FROM cards WHERE card_no = '00A1B2C3'"))!
    expect(first.entry).toBe('reader')

    // A card put on the reader while the focus is on no field: the number goes to the number field.
    await page.getByRole('heading', { name: '门禁卡' }).click()
    await wedge('00A1B2C9')
    await expect.poll(() => no.inputValue()).toBe('00A1B2C9')
    await expect.poll(() => no.evaluate((e) => e === document.activeElement)).toBe(true)
    // The same number again (typed): refused, naming the field.
    await issue.getByLabel('持卡人', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '刘龑(业主)' }).click()
    await no.fill('00A1B2C3')
    await issue.getByTestId('card-issue-save').click()
    await expect.poll(errorsOf).toEqual(expect.arrayContaining([expect.stringContaining('卡号 00A1B2C3 曾被使用')]))

    // Lost: blocked at once.
    await row.getByRole('button', { name: '挂失' }).click()
    await page.locator('.ant-modal:visible').getByRole('button', { name: '挂失停用' }).click()
    await expect.poll(() => row.textContent()).toContain('已挂失,已停用')
    // Replaced: a new number read by the reader, linked old → new.
    await row.getByRole('button', { name: '补卡' }).click()
    const modal = page.locator('.ant-modal:visible')
    await expect.poll(() => modal.getByLabel('新卡号', { exact: true }).evaluate((e) => e === document.activeElement)).toBe(true)
    await wedge('00A1B2C4')
    await expect.poll(() => modal.getByLabel('新卡号', { exact: true }).inputValue()).toBe('00A1B2C4')
    const [dl2] = await Promise.all([page.waitForEvent('download'), modal.getByRole('button', { name: '补卡' }).click()])
    await dl2.saveAs(path.join(SHOTS, 'cards-replace-receipt-e2e.pdf'))
    await expect.poll(() => row.textContent()).toContain('已挂失 → 00A1B2C4')
    await expect.poll(() => page.locator('.ant-table-row', { has: page.getByTestId('card-00A1B2C4') }).textContent()).toContain('(补 00A1B2C3)')
    await desk.shot('cards-list')
    // The history of the unit's cards, from the old card's row.
    await row.getByRole('button', { name: '记录' }).click()
    const drawer = page.locator('.ant-drawer:visible')
    await expect.poll(() => drawer.locator('.ant-timeline-item').count()).toBe(2)
    await drawer.locator('.ant-select').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '本房屋' }).click()
    await expect.poll(() => drawer.locator('.ant-timeline-item').count()).toBe(3)
    expect(await drawer.locator('.ant-timeline-item').allTextContents()).toEqual([
      expect.stringMatching(/00A1B2C4 · 补卡\(原卡 00A1B2C3\),补卡费 20\.00 元\(李娜\)$/),
      expect.stringMatching(/00A1B2C3 · 挂失\(刘龑\),已停用\(李娜\)$/),
      expect.stringMatching(/00A1B2C3 · 发卡给 刘龑,押金 50\.00 元\(李娜\)$/),
    ])
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0)
    await page.screenshot({ path: path.join(SHOTS, 'cards-history.png') })
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.locator('.ant-drawer-close')).first().click()

    // The gate list: all, read back from the file.
    const [csvAll] = await Promise.all([page.waitForEvent('download'), page.getByTestId('card-export-all').click()])
    const allFile = path.join(SHOTS, 'cards-gate-all.csv')
    await csvAll.saveAs(allFile)
    const all = fs.readFileSync(allFile)
    expect([...all.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = all.toString('utf8').slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('卡号,卡类,房号,状态,起始时间')
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['00A1B2C3,门禁卡,3栋2单元1201,已挂失', '00A1B2C4,门禁卡,3栋2单元1201,正常'])
    // Nothing changed since: the changes export is empty (the header only).
    const [csvNone] = await Promise.all([page.waitForEvent('download'), page.getByTestId('card-export-changes').click()])
    const noneFile = path.join(SHOTS, 'cards-gate-changes.csv')
    await csvNone.saveAs(noneFile)
    expect(fs.readFileSync(noneFile, 'utf8').trim().split('\r\n')).toHaveLength(1)
  }, 90_000)

  it('a tenant’s card needs the owner’s consent: refused at the consent fields, then issued with it recorded', async () => {
    const { page } = desk
    // A fresh form (the previous test left this page with its own choices).
    await page.goto(`${desk.url}#/cards`)
    await page.reload()
    const issue = page.getByTestId('card-issue')
    const unitBox = issue.getByLabel('房屋', { exact: true })
    await unitBox.focus()
    await page.keyboard.type('3-2-1201')
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/3栋2单元1201/)]))
    await page.keyboard.press('ArrowDown')
    // Enter once the list answers what was typed and the room is highlighted (a slow machine may still show older results).
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').textContent()).toMatch(/3栋2单元1201/)
    await page.keyboard.press('Enter')
    await expect.poll(() => unitBox.inputValue()).toMatch(/3栋2单元1201/)
    await issue.getByLabel('持卡人', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '王芳(租户)' }).click()
    await issue.getByLabel('卡类', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '门禁卡' }).click()
    await issue.getByLabel('卡号', { exact: true }).fill('00A1B2D1')
    await expect.poll(() => issue.getByText('租户领卡须经业主同意:').count()).toBe(1)
    const before = (await desk.core.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards'))!.n
    await issue.getByTestId('card-issue-save').click()
    await expect.poll(errorsOf).toEqual(expect.arrayContaining(['同意业主姓名不能为空', '请选择同意方式']))
    expect((await desk.core.db.read.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards'))!.n).toBe(before)
    await issue.getByLabel('同意业主姓名', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '刘龑' }).click()
    await issue.getByLabel('同意方式', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '业主电话确认' }).click()
    await issue.getByLabel('业主同意说明', { exact: true }).fill('业主来电确认,经办李娜')
    await desk.shot('cards-tenant-consent')
    await Promise.all([page.waitForEvent('download'), issue.getByTestId('card-issue-save').click()])
    await expect.poll(async () => (await desk.core.db.read.get<{ c: string | null }>("SELECT owner_consent AS c FROM cards WHERE card_no = '00A1B2D1'"))?.c ?? '').toContain('刘龑')
  }, 60_000)
})
