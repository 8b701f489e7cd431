import fs from 'node:fs'
import path from 'node:path'
import type { Download } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { openDesk, SHOTS, type Desk } from './harness'
import { readerBurst } from './reader'

let desk: Desk
const PIN = '1234'

async function openPermit(serial: string) {
  const { page } = desk
  const id = (await desk.core.db.read.get<{ id: string }>('SELECT id FROM permits WHERE serial = ?', [serial]))!.id
  await page.goto(`${desk.url}#/permits/${id}`)
  await expect.poll(() => page.getByTestId('permit-title').textContent()).toContain(serial)
}

/** A reviewer logs in, finds the application in 待我审核, and approves it. */
async function approveAs(staffNo: string, serial: string) {
  const { page } = desk
  await desk.login(staffNo)
  await page.getByRole('menuitem', { name: '证件办理' }).click()
  await page.getByRole('tab', { name: /待我审核/ }).click()
  await expect.poll(() => page.getByTestId('permit-queue').textContent()).toContain(serial)
  await page.getByTestId('permit-queue').getByRole('row', { name: new RegExp(serial) }).click()
  await page.getByLabel('审批意见', { exact: true }).fill('同意,请按规定施工')
  await page.getByTestId('review-submit').click()
  await expect.poll(async () => (await page.getByTestId('permit-review').textContent())?.includes(`同意`)).toBe(true)
  await expect.poll(() => page.getByTestId('review-submit').count()).toBe(0)
}

async function savePdf(download: Download, name: string): Promise<string> {
  const file = path.join(SHOTS, `${name}.pdf`)
  await download.saveAs(file)
  pdfToPng(file, path.join(SHOTS, name), 60, false)
  // Titles are letter-spaced on paper (装 修 许 可 证): compare without white space.
  return (await pdfText(fs.readFileSync(file))).join('').replace(/\s+/g, '')
}

async function printFromDetail(name: string) {
  const { page } = desk
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('permit-print').click()])
  return savePdf(d, name)
}

async function pickUnitAndOwner() {
  const { page } = desk
  const form = page.getByTestId('apply-form')
  await form.getByLabel('房屋', { exact: true }).fill('3-2-1502')
  await page.locator('.ant-select-item-option', { hasText: '3栋2单元1502' }).last().click()
  await form.getByLabel('从住户/代理人中选择', { exact: true }).click()
  await page.locator('.ant-select-item-option', { hasText: '张伟(业主)' }).last().click()
  await form.getByLabel('申请人电话', { exact: true }).fill('13812345678')
}

async function newApplication(formName: string) {
  const { page } = desk
  await page.getByRole('menuitem', { name: '证件办理' }).click()
  await page.getByTestId('new-permit').hover()
  await page.getByRole('menuitem', { name: formName }).click()
  await expect.poll(() => page.getByTestId('apply-form').isVisible()).toBe(true)
}

async function submitApplication(): Promise<string> {
  const { page } = desk
  const before = (await page.getByTestId('permit-title').count()) ? await page.getByTestId('permit-title').textContent() : null
  await page.getByTestId('apply-submit').click()
  await expect.poll(() => page.getByTestId('apply-form').count()).toBe(0)
  await expect.poll(async () => (await page.getByTestId('permit-title').count()) > 0 && (await page.getByTestId('permit-title').textContent()) !== before).toBe(true)
  const title = (await page.getByTestId('permit-title').textContent())!
  return /[A-Z]{2}-\d{4}-\d{4}/.exec(title)![0]
}

beforeAll(async () => {
  desk = await openDesk()
  const admin = await setUpSite(desk.core)
  for (const [staffNo, name, role] of [
    ['Q1', '李娜', 'clerk'],
    ['E1', '吴强', 'engineering'],
    ['A1', '郑军', 'safety'],
    ['M1', '孙志远', 'director'],
    ['S1', '陈静', 'supervisor'],
  ] as const)
    await callOk(desk.core, 'staff.create', { staffNo, name, roles: [role], pin: PIN }, admin)
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  const u = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1502' }, admin)
  await callOk(desk.core, 'resident.create', { unitId: u.id, name: '张伟', kind: 'owner', phone: '13812345678', idNumber: '11010519491231002X' }, admin)
  await desk.page.goto(desk.url)
})
afterAll(async () => desk?.close())

let renovation = ''
const oldPasses: string[] = []

describe('C · renovation, worker passes and extension', () => {
  it('a renovation goes from application through engineering and director to the printed permit', async () => {
    const { page } = desk
    await desk.login('Q1')
    await newApplication('装修申请表')
    await pickUnitAndOwner()
    const f = page.getByTestId('fields-renovation')
    await f.getByLabel('装修单位', { exact: true }).fill('安居装饰工程有限公司')
    await f.getByLabel('装修负责人姓名', { exact: true }).fill('刘洋')
    await f.getByLabel('装修负责人电话', { exact: true }).fill('15000002222')
    await f.getByLabel('装修负责人身份证号', { exact: true }).fill('440305199001010018')
    await f.getByLabel('装修内容', { exact: true }).fill('厨卫翻新,更换地砖,墙面刷漆')
    // Three decimals are refused at the field, never rounded; nothing is submitted.
    await f.getByLabel('装修押金(元)', { exact: true }).fill('2000.005')
    await page.getByTestId('apply-submit').click()
    const deposit = f.locator('.ant-form-item', { has: page.getByLabel('装修押金(元)', { exact: true }) })
    await expect.poll(() => deposit.locator('.ant-form-item-explain').textContent()).toBe('装修押金最多两位小数(到分),请按实际金额填写')
    expect(await page.getByTestId('apply-form').count()).toBe(1)
    expect((await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM permits'))!.n).toBe(0)
    await f.getByLabel('装修押金(元)', { exact: true }).fill('2000')
    await desk.shot('c01-renovation-form')
    renovation = await submitApplication()
    expect(renovation).toMatch(/^ZX-\d{4}-0001$/)
    expect(await page.getByTestId('permit-print').isDisabled()).toBe(true)
    await approveAs('E1', renovation)
    await approveAs('M1', renovation)
    await desk.login('Q1')
    await openPermit(renovation)
    await expect.poll(() => page.getByTestId('permit-state').textContent()).toBe('已批准')
    const text = await printFromDetail('c02-renovation-permit')
    for (const s of ['装修许可证', renovation, '3栋2单元1502', '安居装饰工程有限公司', '吴强', '孙志远']) expect(text).toContain(s)
    await desk.shot('c03-renovation-printed')
  })

  it('three worker passes are issued as a batch, with deposit and fee, and print on one sheet', async () => {
    const { page } = desk
    await page.getByTestId('issue-passes').click()
    const drawer = page.getByRole('dialog')
    await drawer.getByLabel('申请人姓名', { exact: true }).fill('刘洋')
    await drawer.getByLabel('申请人电话', { exact: true }).fill('15000002222')
    await drawer.getByLabel('财务收据号(押金与工本费)', { exact: true }).fill('SJ-20261124-01')
    const workers = [
      ['王建国', '110101198001010010'],
      ['李二牛', '110101198502020014'],
      ['赵铁柱', '11010119900303001X'],
    ]
    for (const [i, [name, id]] of workers.entries()) {
      if (i > 0) await drawer.getByRole('button', { name: '添加人员' }).click()
      await drawer.getByLabel(`第${i + 1}人 姓名`, { exact: true }).fill(name)
      await drawer.getByLabel(`第${i + 1}人 身份证号`, { exact: true }).fill(id)
      await drawer.getByLabel(`第${i + 1}人 财务收据号`, { exact: true }).fill('SJ-20261124-01')
      await drawer.getByLabel(`第${i + 1}人 已收纸质一寸照片`, { exact: true }).check()
      await drawer.getByLabel(`第${i + 1}人 已收取身份证复印件`, { exact: true }).check()
    }
    await desk.shot('c04-worker-batch')
    await page.getByTestId('issue-submit').click()
    await expect.poll(() => page.getByTestId('pass-table').locator('tbody tr').count()).toBe(3)
    const ledger = await page.getByTestId('deposit-ledger').textContent()
    expect(ledger).toContain('收出入证押金')
    expect(ledger).toContain('收工本费')
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-passes').click()])
    const text = await savePdf(d, 'c05-worker-passes')
    for (const [name] of workers) expect(text).toContain(name)
    expect(text).toContain('装修人员出入证')
    expect(text).not.toContain('110101198001010010') // masked on the pass
    oldPasses.push(...(await desk.core.db.read.all<{ serial: string }>("SELECT serial FROM permits WHERE kind = 'workerPass' ORDER BY serial")).map((r) => r.serial))
    expect(oldPasses).toHaveLength(3)
  })

  it('an approved extension re-issues the passes; the old ones verify as voided', async () => {
    const { page } = desk
    await page.getByTestId('apply-extension').click()
    const drawer = page.getByTestId('apply-form')
    await drawer.getByLabel('从住户/代理人中选择', { exact: true }).click()
    await page.locator('.ant-select-item-option', { hasText: '张伟(业主)' }).last().click()
    await drawer.getByLabel('申请人电话', { exact: true }).fill('13812345678')
    const until = (await desk.core.db.read.get<{ valid_until: string }>('SELECT valid_until FROM permits WHERE serial = ?', [renovation]))!.valid_until
    const newEnd = new Date(Date.parse(until + 'T00:00:00Z') + 30 * 86400_000).toISOString().slice(0, 10)
    await drawer.getByLabel('延期至', { exact: true }).click()
    await drawer.getByLabel('延期至', { exact: true }).fill(newEnd)
    await drawer.getByLabel('延期至', { exact: true }).press('Enter')
    await drawer.getByLabel('延期原因', { exact: true }).fill('瓷砖到货延迟,工期顺延一个月')
    const ext = await submitApplication()
    expect(ext).toMatch(/^YQ-/)
    await approveAs('E1', ext)
    await approveAs('M1', ext)
    await desk.login('Q1')
    await page.getByRole('menuitem', { name: '证件核验' }).click()
    await page.getByTestId('verify-input').fill(oldPasses[0])
    await page.getByTestId('verify-input').press('Enter')
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toContain('作废')
    await desk.shot('c06-old-pass-voided')
    const fresh = await desk.core.db.read.all<{ serial: string; valid_until: string }>(
      "SELECT serial, valid_until FROM permits WHERE kind = 'workerPass' AND state != 'voided' ORDER BY serial",
    )
    expect(fresh).toHaveLength(3)
    for (const p of fresh) {
      expect(oldPasses).not.toContain(p.serial)
      expect(p.valid_until).toBe(newEnd)
    }
  })
})

describe('C · hot work and release slip', () => {
  it('a hot-work permit cannot print before the safety approval, then prints with all three', async () => {
    const { page } = desk
    await newApplication('动火申请表')
    await pickUnitAndOwner()
    const f = page.getByTestId('fields-hotWork')
    await f.getByLabel('动火地点', { exact: true }).fill('3栋2单元1502 阳台')
    await f.getByLabel('动火作业内容', { exact: true }).fill('防盗窗焊接加固')
    await f.getByLabel('动火人姓名', { exact: true }).fill('钱师傅')
    await f.getByLabel('动火人身份证号', { exact: true }).fill('110101197505050011')
    await f.getByLabel('焊工证号', { exact: true }).fill('T110101197505')
    await f.getByText('已收取焊工证及身份证复印件').click()
    await f.getByLabel('监火人姓名', { exact: true }).fill('刘洋')
    for (const code of ['combustiblesCleared', 'openingsCovered', 'extinguishersReady', 'watcherPresent', 'welderCertified', 'equipmentChecked', 'siteCheckAfter'])
      await f.getByTestId(`precaution-${code}`).check()
    const hot = await submitApplication()
    expect(hot).toMatch(/^DH-/)
    await approveAs('E1', hot)
    await desk.login('Q1')
    await openPermit(hot)
    expect(await page.getByTestId('permit-print').isDisabled()).toBe(true)
    expect(await page.getByTestId('print-blocked').textContent()).toContain('安全主管')
    await desk.shot('c07-hotwork-waiting-safety')
    await approveAs('A1', hot)
    await approveAs('M1', hot)
    await desk.login('Q1')
    await openPermit(hot)
    const text = await printFromDetail('c08-hotwork-permit')
    for (const s of ['动火许可证', hot, '钱师傅', '吴强', '郑军', '孙志远', '监火人']) expect(text).toContain(s)
  })

  it('a release slip is approved, printed, verified, used once, and refused on a second use', async () => {
    const { page } = desk
    await newApplication('物品放行条')
    await pickUnitAndOwner()
    const f = page.getByTestId('fields-releaseSlip')
    await f.getByLabel('搬运人姓名', { exact: true }).fill('孙搬运')
    await f.getByLabel('搬运人身份证号', { exact: true }).fill('110101198807070012')
    await f.getByLabel('第1项 物品名称', { exact: true }).fill('旧冰箱')
    const slip = await submitApplication()
    expect(slip).toMatch(/^FX-/)
    await approveAs('S1', slip)
    await desk.login('Q1')
    await openPermit(slip)
    const text = await printFromDetail('c09-release-slip')
    for (const s of ['物品放行条', slip, '孙搬运', '旧冰箱']) expect(text).toContain(s)
    const payload = (await callOk(desk.core, 'permit.get', { id: (await desk.core.db.read.get<{ id: string }>('SELECT id FROM permits WHERE serial = ?', [slip]))!.id }, (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: PIN })).token)).verifyPayload!
    await page.getByRole('menuitem', { name: '证件核验' }).click()
    const input = page.getByTestId('verify-input')
    // A forged code: the right serial with another check code.
    await input.fill(payload.replace(/:([A-Z0-9]+)$/, ':ZZZZZZZZZZ'))
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toContain('伪造')
    await input.fill(payload)
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toContain('有效')
    await desk.shot('c10-slip-valid')
    await page.getByTestId('verify-use').click()
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toContain('已登记使用')
    await input.fill(payload)
    await input.press('Enter')
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toContain('已使用')
    expect(await page.getByTestId('verify-use').count()).toBe(0)
    const again = await desk.core.call('permit.use', { text: payload }, (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: PIN })).token)
    expect(again.ok).toBe(false)
    await desk.shot('c11-slip-used')
  })
})

describe('D · the gate: scans in a row, re-printed paper, forged codes', () => {
  const token = async () => (await callOk(desk.core, 'auth.login', { staffNo: 'Q1', pin: PIN })).token
  const payloadOf = async (serial: string) =>
    (await callOk(desk.core, 'permit.get', { id: (await desk.core.db.read.get<{ id: string }>('SELECT id FROM permits WHERE serial = ?', [serial]))!.id }, await token())).verifyPayload!

  /** A scanner's burst (a few ms per key, then Enter) typed wherever the focus is. */
  async function scan(text: string) {
    await readerBurst(desk.page, text, { msPerKey: 2 })
  }

  it('a pass printed, then re-printed (补打): the older paper is refused as 已补打,原件作废; scans in a row with the focus elsewhere are each read alone', async () => {
    const { page } = desk
    await desk.login('Q1')
    const serial = (await desk.core.db.read.get<{ serial: string }>("SELECT serial FROM permits WHERE kind = 'workerPass' AND state = 'approved' ORDER BY serial LIMIT 1"))!.serial
    await openPermit(serial)
    await printFromDetail('d01-pass-first-print')
    const first = await payloadOf(serial)
    await expect.poll(() => page.getByTestId('permit-print').textContent()).toContain('补打')
    const text = await printFromDetail('d02-pass-reprint')
    expect(text).toContain('补打(第1次)')
    const second = await payloadOf(serial)
    expect(second).not.toBe(first)
    expect(second.endsWith(':1')).toBe(true)

    await page.getByRole('menuitem', { name: '证件核验' }).click()
    const input = page.getByTestId('verify-input')
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true)
    // The focus is taken away (the guard clicked the page); the scanner still types into the screen.
    await page.getByTestId('verify-page').locator('.ant-card-head-title').click()
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(false)
    await scan(first)
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toBe('已补打,原件作废')
    expect(await page.getByTestId('verify-outcome').getAttribute('data-status')).toBe('error')
    expect(await page.getByTestId('verify-detail').textContent()).toMatch(/已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 补打/)
    expect(await input.inputValue()).toBe('')
    await desk.shot('d03-verify-superseded')

    // Second scan in a row, the focus on the 核验 button this time: read alone, answers 有效.
    await page.getByTestId('verify-submit').focus()
    await scan(second)
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toBe('有效')
    expect(await input.inputValue()).toBe('')
    expect(await page.getByTestId('verify-permit').textContent()).toContain(serial)
    // A third, straight into the (cleared) box.
    await input.focus()
    await scan(first)
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toBe('已补打,原件作废')
    await desk.shot('d04-verify-second-scan')
  })

  it('a forged code shows only 伪造; a used release slip lists its goods and reads as a refusal (red)', async () => {
    const { page } = desk
    const slipSerial = (await desk.core.db.read.get<{ serial: string }>("SELECT serial FROM permits WHERE kind = 'releaseSlip' AND state = 'used' LIMIT 1"))!.serial
    const payload = await payloadOf(slipSerial)
    await page.getByRole('menuitem', { name: '证件核验' }).click()
    await page.getByTestId('verify-page').locator('.ant-card-head-title').click()
    await scan(payload.replace(/:([0-9A-Z]{10})$/, ':ZZZZZZZZZZ'))
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toBe('伪造')
    expect(await page.getByTestId('verify-permit').count()).toBe(0)
    const shown = (await page.getByTestId('verify-page').textContent())!
    for (const s of ['孙搬运', '3栋2单元1502', '旧冰箱', '物品放行条']) expect(shown).not.toContain(s)
    await desk.shot('d05-verify-forged')

    await scan(payload)
    await expect.poll(() => page.getByTestId('verify-outcome').textContent()).toBe('已使用')
    expect(await page.getByTestId('verify-outcome').getAttribute('data-status')).toBe('error')
    expect(await page.getByTestId('verify-outcome').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(207, 19, 34)')
    expect(await page.getByTestId('verify-goods').textContent()).toContain('旧冰箱 ×1')
    expect(await page.getByTestId('verify-use').count()).toBe(0)
    await desk.shot('d06-verify-used-goods')
  })

  it('项目设置 has the permit settings; the phone and working hours reach the printed renovation permit', async () => {
    const { page } = desk
    await desk.login('admin', '246810')
    await page.getByRole('menuitem', { name: '项目设置' }).click()
    const card = page.getByTestId('permit-settings')
    await card.getByLabel('服务中心电话', { exact: true }).fill('电话')
    await card.getByLabel('服务中心电话', { exact: true }).press('Enter')
    await expect.poll(() => card.textContent()).toContain('服务中心电话只能包含数字')
    await card.getByLabel('服务中心电话', { exact: true }).fill('0755-86001234')
    await card.getByLabel('施工时间', { exact: true }).fill('08:30-12:00,14:00-18:00')
    // A deposit with three decimals: the message at the field, the saved setting untouched.
    const savedDeposit = (await callOk(desk.core, 'site.get', {}, await token())).permit.renovationDepositFen
    await card.getByLabel('装修押金(元)', { exact: true }).fill('3000.123')
    await card.getByLabel('装修押金(元)', { exact: true }).press('Enter')
    await expect.poll(() => card.textContent()).toContain('装修押金最多两位小数(到分),请按实际金额填写')
    expect((await callOk(desk.core, 'site.get', {}, await token())).permit.renovationDepositFen).toBe(savedDeposit)
    await card.getByLabel('装修押金(元)', { exact: true }).fill('3000')
    await card.getByLabel('装修押金(元)', { exact: true }).press('Enter')
    await expect.poll(async () => (await callOk(desk.core, 'site.get', {}, await token())).permit).toMatchObject({
      serviceCenterPhone: '0755-86001234',
      workHours: '08:30-12:00,14:00-18:00',
      renovationDepositFen: 300000,
    })
    await desk.shot('d07-permit-settings')
    await desk.login('Q1')
    await openPermit(renovation)
    const text = await printFromDetail('d08-renovation-phone-hours')
    expect(text).toContain('0755-86001234')
    expect(text).toContain('施工时间')
    expect(text).toContain('08:30—12:00、14:00—18:00')
  })

  it('验收退押金: the renovation deposit comes back in the ledger, less a deduction with its reason', async () => {
    const { page } = desk
    await openPermit(renovation)
    await expect.poll(() => page.getByTestId('deposit-ledger').textContent()).toContain('收装修押金')
    await page.getByTestId('permit-inspect').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('验收人', { exact: true }).fill('吴强')
    await dialog.getByLabel('扣款(元)', { exact: true }).fill('100')
    await dialog.getByRole('button', { name: /验收合格/ }).click()
    // A deduction without its reason is refused at the field; nothing is booked.
    await expect.poll(() => dialog.textContent()).toContain('有扣款时须填写扣款原因')
    await dialog.getByLabel('扣款原因', { exact: true }).fill('损坏电梯轿厢壁板')
    await dialog.getByRole('button', { name: /验收合格/ }).click()
    await expect.poll(() => page.getByTestId('deposit-ledger').textContent()).toContain('退装修押金')
    const ledger = (await page.getByTestId('deposit-ledger').textContent())!
    expect(ledger).toContain('-1900.00 元')
    expect(ledger).toContain('装修押金扣除')
    expect(ledger).toContain('损坏电梯轿厢壁板')
    expect(await page.getByTestId('permit-inspect').count()).toBe(0)
    await desk.shot('d09-inspect-refund')
  })
})

describe('E · a permit changed behind the app', () => {
  it('shows the broken seal on its page, cannot be printed, and the supervisor’s 校验 lists it', async () => {
    const { page } = desk
    const hot = (await desk.core.db.read.get<{ id: string; serial: string }>("SELECT id, serial FROM permits WHERE kind = 'hotWork' LIMIT 1"))!
    await desk.core.db.tx((w) => w.run(`UPDATE permits SET fields = json_set(fields, '$.welderName', '冒名顶替'), holder_name = '冒名顶替' WHERE id = ?`, [hot.id]))
    await desk.login('Q1')
    await openPermit(hot.serial)
    await expect.poll(() => page.getByTestId('permit-seal-broken').textContent()).toContain('动火人')
    expect(await page.getByTestId('permit-print').isDisabled()).toBe(true)
    await desk.shot('e01-permit-seal-broken')
    await desk.login('S1')
    await page.getByRole('menuitem', { name: '证件办理' }).click()
    await page.getByTestId('permit-check-seals').click()
    await expect.poll(() => page.getByTestId('seal-report').textContent()).toContain(hot.serial)
    expect(await page.getByTestId('seal-report').textContent()).toContain('1 处与封存记录不符')
    await expect.poll(() => page.locator('.ant-modal').evaluate((el) => getComputedStyle(el).opacity)).toBe('1')
    await page.waitForTimeout(300)
    await desk.shot('e02-seal-report')
  })
})
