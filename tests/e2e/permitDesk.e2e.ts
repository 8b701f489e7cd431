import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { idNo, LEAD_ID, OWNER_ID, renovationFields, worker } from '../helpers/permit'
import { openDesk, type Desk } from './harness'

/**
 * Issue D at the desk, through the real UI: voiding a pass refunds its deposit or records why not; an
 * approved extension charges the fee set in 项目设置 and re-issues the live passes; the lead of a running
 * renovation applies for hot work, lift use and additional works, picked (not retyped) as the applicant.
 * The reviewers' steps are taken through the core: the clerk's work is what is tested here.
 */
let desk: Desk
const PIN = '1234'
const SITE = { name: '阳光花园', office: '阳光花园物业服务中心', timeZone: 'Asia/Shanghai' as const }
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
let unitId = ''
let renovationId = ''
let renovationSerial = ''

const token = async (staffNo: string) => (await callOk(desk.core, 'auth.login', { staffNo, pin: PIN })).token
const REVIEWERS: Record<string, string> = { engineering: 'E1', safety: 'F1', director: 'D1', admin: 'A1', supervisor: 'S1' }
async function approveAll(id: string) {
  let v = await callOk(desk.core, 'permit.get', { id }, await token('Q1'))
  while (v.nextStep) v = await callOk(desk.core, 'permit.review', { id, decision: 'approve', opinion: '同意' }, await token(REVIEWERS[v.nextStep.role]))
  return v
}
const idOf = async (serial: string) => (await desk.core.db.read.get<{ id: string }>('SELECT id FROM permits WHERE serial = ?', [serial]))!.id

async function openPermit(id: string) {
  const { page } = desk
  const url = `${desk.url}#/permits/${id}`
  // Loaded afresh: the reviewers act through the core, outside this page's (5 s) cache.
  await page.goto(url)
  await page.reload()
  await expect.poll(() => page.getByTestId('permit-title').count()).toBe(1)
}

/** The unit by keyboard, as the clerk does: type the room, ↓ to the match (the search may list its neighbours), Enter. */
async function pickByKeyboard(label: string, typed: string, option: RegExp) {
  const { page } = desk
  const box = page.getByTestId('apply-form').getByLabel(label, { exact: true })
  await box.focus()
  await page.keyboard.type(typed)
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
  await expect.poll(() => options.allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(option)]))
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowDown')
    if (option.test((await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').textContent().catch(() => '')) ?? '')) break
  }
  await page.keyboard.press('Enter')
  await expect.poll(() => box.inputValue()).toMatch(option)
}

async function newApplication(formName: string) {
  const { page } = desk
  await page.goto(`${desk.url}#/permits`)
  await page.getByTestId('new-permit').hover()
  await page.getByRole('menuitem', { name: formName }).click()
  await expect.poll(() => page.getByTestId('apply-form').isVisible()).toBe(true)
  await pickByKeyboard('房屋', '3-2-1201', /3栋2单元1201/)
  await expect.poll(() => page.getByTestId('apply-form').getByLabel('从住户/代理人中选择', { exact: true }).isDisabled()).toBe(false)
}

async function submitExpectingSerial(prefix: string): Promise<string> {
  const { page } = desk
  await page.getByTestId('apply-submit').click()
  await expect.poll(() => page.getByTestId('apply-form').count()).toBe(0).catch(async (e) => { console.log('DEBUG', await page.locator('.ant-message').textContent(), await page.locator('.ant-form-item-explain-error').allTextContents()); throw e })
  await expect.poll(async () => (await page.getByTestId('permit-title').count()) > 0 && (await page.getByTestId('permit-title').textContent())!.includes(`${prefix}-`)).toBe(true)
  return new RegExp(`${prefix}-\\d{4}-\\d{4}`).exec((await page.getByTestId('permit-title').textContent())!)![0]
}

beforeAll(async () => {
  desk = await openDesk()
  const admin = await setUpSite(desk.core)
  for (const [staffNo, name, role] of [
    ['Q1', '李娜', 'clerk'],
    ['E1', '吴强', 'engineering'],
    ['F1', '郑军', 'safety'],
    ['D1', '孙志远', 'director'],
    ['A1', '张喆', 'admin'],
    ['S1', '陈静', 'supervisor'],
  ] as const)
    await callOk(desk.core, 'staff.create', { staffNo, name, roles: [role], pin: PIN }, admin)
  const b = await callOk(desk.core, 'building.create', { code: '3' }, admin)
  unitId = (await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1201' }, admin)).id
  const other = await callOk(desk.core, 'unit.create', { buildingId: b.id, entrance: '2', room: '1202' }, admin)
  const owner = await callOk(desk.core, 'resident.create', { unitId, name: '刘龑', kind: 'owner', phone: '13812345678', idNumber: OWNER_ID }, admin)
  await callOk(desk.core, 'resident.create', { unitId: other.id, name: '周强', kind: 'owner', phone: '13712345678' }, admin)
  // 延期费用 set in 项目设置 (the settings card itself is another test's).
  await callOk(desk.core, 'site.update', { ...SITE, permit: { extensionFeeFen: 30000 } }, admin)
  // The lead 张喆 is NOT a registered agent: he qualifies only as the lead of the approved renovation.
  const ren = await callOk(
    desk.core,
    'permit.apply',
    { kind: 'renovation', unitId, applicant: { role: 'owner', residentId: owner.id, name: '刘龑', phone: '13812345678', idNumber: OWNER_ID }, fields: renovationFields(today()) },
    await token('Q1'),
  )
  renovationId = ren.id
  renovationSerial = ren.record.serial!
  await approveAll(renovationId)
  await callOk(
    desk.core,
    'workerPass.issueBatch',
    {
      renovationId,
      applicant: { role: 'lead', name: '张喆', phone: '13912345678', idNumber: LEAD_ID },
      receiptNo: 'SJ-0001',
      workers: [worker('王建国', 11), worker('李二牛', 12), worker('赵铁柱', 13)],
    },
    await token('Q1'),
  )
  await desk.page.goto(desk.url)
})
afterAll(async () => desk?.close())

const passSerial = async (name: string) =>
  (await desk.core.db.read.get<{ serial: string }>("SELECT serial FROM permits WHERE kind = 'workerPass' AND holder_name = ? AND state != 'voided'", [name]))!.serial

describe('D · voiding a worker pass settles its deposit', () => {
  async function voidByKeyboard(serial: string, reason: string, withheld?: string) {
    const { page } = desk
    await openPermit(await idOf(serial))
    await page.getByTestId('permit-void').focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: '作废证件' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await dialog.textContent()).toContain('未退押金 100.00 元')
    await dialog.getByLabel('作废原因', { exact: true }).focus()
    await page.keyboard.type(reason)
    await page.keyboard.press('Tab')
    // The 押金不退原因 box: left blank the deposit is refunded; Enter submits the dialog.
    if (withheld) await page.keyboard.type(withheld)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('permit-state').textContent()).toBe('已作废')
    await expect.poll(() => page.locator('.ant-modal-mask:visible').count()).toBe(0)
  }

  it('left blank: the deposit is refunded, shown in the pass’s ledger and the renovation’s', async () => {
    const { page } = desk
    await desk.login('Q1')
    const serial = await passSerial('王建国')
    // Attack first: no reason, the dialog refuses and nothing is voided.
    await openPermit(await idOf(serial))
    await page.getByTestId('permit-void').click()
    const dialog = page.getByRole('dialog', { name: '作废证件' })
    await page.getByTestId('void-submit').click()
    await expect.poll(() => dialog.textContent()).toContain('作废原因不能为空')
    expect((await desk.core.db.read.get<{ state: string }>('SELECT state FROM permits WHERE serial = ?', [serial]))!.state).toBe('approved')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)

    await voidByKeyboard(serial, '工人离场')
    await expect.poll(() => page.getByTestId('deposit-ledger').textContent()).toContain('退出入证押金')
    const ledger = (await page.getByTestId('deposit-ledger').textContent())!
    expect(ledger).toContain('-100.00 元')
    expect(ledger).toContain('出入证作废,退押金(工人离场)')
    expect(ledger).not.toContain('不予退还')
    await desk.shot('pd01-void-pass-refund')
    await openPermit(renovationId)
    const renLedger = (await page.getByTestId('deposit-ledger').textContent())!
    expect(renLedger).toContain('退出入证押金')
    expect(renLedger).toContain(serial)
    const held = await desk.core.db.read.get<{ n: number }>("SELECT count(*) AS n FROM deposit_ledger WHERE kind = 'refund' AND item = 'deposit'")
    expect(held!.n).toBe(1)
  })

  it('with 押金不退原因: nothing refunded, the deposit is kept with the reason in the ledger', async () => {
    const { page } = desk
    const serial = await passSerial('李二牛')
    await voidByKeyboard(serial, '出入证遗失', '出入证遗失,押金抵工本')
    await expect.poll(() => page.getByTestId('deposit-ledger').textContent()).toContain('出入证押金不予退还')
    const ledger = (await page.getByTestId('deposit-ledger').textContent())!
    expect(ledger).toContain('出入证遗失,押金抵工本')
    expect(ledger).not.toContain('退出入证押金')
    expect(await page.getByTestId('permit-detail').textContent()).toContain('作废原因出入证遗失')
    await desk.shot('pd02-void-pass-withheld')
    const refunds = await desk.core.db.read.all<{ kind: string }>('SELECT l.kind FROM deposit_ledger l JOIN permits p ON p.id = l.pass_id WHERE p.serial = ? ORDER BY l.at', [serial])
    expect(refunds.map((r) => r.kind)).toEqual(['charge', 'charge', 'forfeit'])
  })
})

describe('D · an approved extension charges the fee from 项目设置 and re-issues the live passes', () => {
  it('the clerk files it from the renovation (the fee prefilled); after approval the ledger has the fee', async () => {
    const { page } = desk
    await desk.login('Q1')
    const live = await passSerial('赵铁柱')
    const liveCount = async () => (await desk.core.db.read.get<{ n: number }>("SELECT count(*) AS n FROM permits WHERE kind = 'workerPass' AND state != 'voided'"))!.n
    const liveBefore = await liveCount()
    await openPermit(renovationId)
    await page.getByTestId('apply-extension').click()
    const form = page.getByTestId('apply-form')
    await expect.poll(() => form.getByLabel('延期费用(元)', { exact: true }).inputValue()).toBe('300.00')
    expect(await form.getByLabel('装修许可证编号', { exact: true }).inputValue()).toBe(renovationSerial)
    // The lead applies: picked from the renovation, not typed.
    await form.getByLabel('从住户/代理人中选择', { exact: true }).focus()
    await page.keyboard.type('张喆')
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual([expect.stringContaining(`装修负责人 · ${renovationSerial}`)])
    await page.keyboard.press('Enter')
    await expect.poll(() => form.getByLabel('申请人身份证号', { exact: true }).inputValue()).toBe(LEAD_ID)
    expect(await form.getByLabel('申请人电话', { exact: true }).inputValue()).toBe('13912345678')
    const until = (await desk.core.db.read.get<{ valid_until: string }>('SELECT valid_until FROM permits WHERE id = ?', [renovationId]))!.valid_until
    const newEnd = new Date(Date.parse(until + 'T00:00:00Z') + 30 * 86400_000).toISOString().slice(0, 10)
    await form.getByLabel('延期至', { exact: true }).focus()
    await page.keyboard.type(newEnd)
    await page.keyboard.press('Enter')
    await form.getByLabel('延期原因', { exact: true }).focus()
    await page.keyboard.type('瓷砖到货延迟')
    await expect.poll(() => page.locator('.ant-picker-dropdown:visible').count()).toBe(0)
    await desk.shot('pd03-extension-form')
    const ext = await submitExpectingSerial('YQ')
    // Nothing charged before the approval.
    expect((await desk.core.db.read.get<{ n: number }>("SELECT count(*) AS n FROM deposit_ledger WHERE item = 'extensionFee'"))!.n).toBe(0)
    await approveAll(await idOf(ext))
    await openPermit(renovationId)
    await expect.poll(() => page.getByTestId('deposit-ledger').textContent()).toContain('收延期费用')
    const ledger = (await page.getByTestId('deposit-ledger').textContent())!
    expect(ledger).toContain('300.00 元')
    expect(ledger).toContain(ext)
    expect(await page.getByTestId('renovation-passes').textContent()).toContain('延期费用300.00 元')
    // The applied-for end date stays as filed, and says how far the approved extension runs.
    expect(await page.locator('.ant-descriptions').first().textContent()).toContain(`(已延期至 ${newEnd})`)
    // The live pass was voided and re-issued to the new end; the voided ones were not re-issued.
    const passes = (await page.getByTestId('pass-table').textContent())!
    const fresh = await desk.core.db.read.get<{ serial: string; valid_until: string }>(
      "SELECT p.serial, p.valid_until FROM permits p JOIN permits o ON o.id = p.replaces_id WHERE o.serial = ?",
      [live],
    )
    expect(fresh!.valid_until).toBe(newEnd)
    expect(passes).toContain(fresh!.serial)
    expect(passes).toContain(`至 ${newEnd}`)
    // As many live passes as before: each live one replaced, none of the voided ones revived.
    expect(await liveCount()).toBe(liveBefore)
    expect((await desk.core.db.read.get<{ n: number }>("SELECT count(*) AS n FROM permits WHERE kind = 'workerPass' AND replaces_id IS NOT NULL"))!.n).toBe(liveBefore)
    await desk.shot('pd04-extension-fee-reissued')
    // The extension's own page shows the fee booked on it.
    await openPermit(await idOf(ext))
    await expect.poll(() => page.getByTestId('deposit-ledger').textContent()).toContain('收延期费用')
  })
})

describe('D · the renovation lead applies for hot work, lift use and additional works', () => {
  async function pickLead() {
    const { page } = desk
    const form = page.getByTestId('apply-form')
    await form.getByLabel('从住户/代理人中选择', { exact: true }).focus()
    await page.keyboard.type('装修负责人')
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual([expect.stringContaining(`张喆(装修负责人 · ${renovationSerial}`)])
    await page.keyboard.press('Enter')
    await expect.poll(() => form.getByLabel('申请人身份证号', { exact: true }).inputValue()).toBe(LEAD_ID)
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0)
    expect(await form.getByLabel('申请人姓名', { exact: true }).inputValue()).toBe('张喆')
    expect(await form.getByLabel('申请人电话', { exact: true }).inputValue()).toBe('13912345678')
    expect(await form.locator('#applicant_role').locator('..').locator('..').textContent()).toContain('装修负责人')
  }

  it('hot work: a typo in the lead’s ID is refused; picking him from the renovation is accepted', async () => {
    const { page } = desk
    await desk.login('Q1')
    await newApplication('动火申请表')
    const form = page.getByTestId('apply-form')
    // The clerk retypes him with one digit wrong (a valid ID of someone else).
    await form.getByLabel('申请人身份', { exact: true }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '装修负责人' }).click()
    await form.getByLabel('申请人姓名', { exact: true }).fill('张喆')
    await form.getByLabel('申请人电话', { exact: true }).fill('13912345678')
    await form.getByLabel('申请人身份证号', { exact: true }).fill(idNo('19850615', 22))
    const f = page.getByTestId('fields-hotWork')
    await f.getByLabel('动火地点', { exact: true }).fill('3栋2单元1201 北阳台')
    await f.getByLabel('动火作业内容', { exact: true }).fill('阳台不锈钢防盗网焊接')
    await f.getByLabel('动火人姓名', { exact: true }).fill('钱师傅')
    await f.getByLabel('动火人身份证号', { exact: true }).fill('110101197505050011')
    await f.getByLabel('焊工证号', { exact: true }).fill('T110101197505')
    await f.getByText('已收取焊工证及身份证复印件').click()
    await f.getByLabel('监火人姓名', { exact: true }).fill('刘洋')
    for (const code of ['combustiblesCleared', 'openingsCovered', 'extinguishersReady', 'watcherPresent', 'welderCertified', 'equipmentChecked', 'siteCheckAfter'])
      await f.getByTestId(`precaution-${code}`).check()
    const before = (await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM permits'))!.n
    await page.getByTestId('apply-submit').click()
    await expect.poll(() => page.locator('.ant-message').textContent()).toContain('须经业主授权')
    // Shown where the clerk picks the applicant, pointing at the lead of the running renovation.
    await expect.poll(() => page.getByTestId('applicant-picker-item').textContent()).toContain('可在本框选择装修负责人 张喆')
    await page.locator('.ant-drawer-body').evaluate((el) => el.scrollTo(0, 0))
    expect((await desk.core.db.read.get<{ n: number }>('SELECT count(*) AS n FROM permits'))!.n).toBe(before)
    await desk.shot('pd05-hotwork-lead-typo-refused')
    // Picked from the renovation instead: the typo is replaced, nothing else the clerk typed is lost.
    await pickLead()
    await expect.poll(() => page.getByTestId('applicant-picker-item').textContent()).not.toContain('须经业主授权')
    expect(await f.getByLabel('动火人姓名', { exact: true }).inputValue()).toBe('钱师傅')
    await desk.shot('pd06-hotwork-lead-picked')
    const hot = await submitExpectingSerial('DH')
    const v = await callOk(desk.core, 'permit.get', { id: await idOf(hot) }, await token('Q1'))
    expect(v.record.applicant.role).toBe('lead')
    expect(v.record.state).toBe('inReview')
  })

  it('lift use by the lead is accepted', async () => {
    const { page } = desk
    await newApplication('使用楼梯/电梯申请')
    await pickLead()
    const f = page.getByTestId('fields-liftUse')
    await f.getByLabel('楼梯/电梯位置', { exact: true }).fill('3栋2单元 1号梯')
    await f.getByLabel('搬运物品', { exact: true }).fill('瓷砖、水泥')
    await f.getByText('申请人已签署承诺书').click()
    // The default times start at the next half hour; late in the day they may be empty: give them.
    if (!(await f.getByLabel('开始时间', { exact: true }).inputValue())) {
      await f.getByLabel('使用日期', { exact: true }).click()
      const tomorrow = new Date(Date.now() + 32 * 3600_000).toISOString().slice(0, 10)
      await f.getByLabel('使用日期', { exact: true }).fill(tomorrow)
      await f.getByLabel('使用日期', { exact: true }).press('Enter')
      await f.getByLabel('开始时间', { exact: true }).fill('09:00')
      await f.getByLabel('开始时间', { exact: true }).press('Enter')
      await f.getByLabel('结束时间', { exact: true }).fill('11:00')
      await f.getByLabel('结束时间', { exact: true }).press('Enter')
    }
    const lift = await submitExpectingSerial('DT')
    const v = await callOk(desk.core, 'permit.get', { id: await idOf(lift) }, await token('Q1'))
    expect(v.record.applicant.role).toBe('lead')
    await desk.shot('pd07-liftuse-by-lead')
  })

  it('additional works by the lead is accepted; a unit without a running renovation offers no lead', async () => {
    const { page } = desk
    await newApplication('增加项目申请表')
    await pickLead()
    const f = page.getByTestId('fields-additionalWorks')
    await f.getByRole('checkbox').first().check()
    await f.getByLabel('施工部位', { exact: true }).fill('客厅南墙')
    await f.getByLabel('施工单位', { exact: true }).fill('深圳市美家装饰工程有限公司')
    await f.getByLabel('施工内容说明', { exact: true }).fill('客厅南墙开门洞')
    const add = await submitExpectingSerial('ZJ')
    const v = await callOk(desk.core, 'permit.get', { id: await idOf(add) }, await token('Q1'))
    expect(v.record.applicant.role).toBe('lead')
    await desk.shot('pd08-additional-by-lead')

    // 1202 has no renovation: only its owner is offered, and a typed "lead" is refused.
    await page.goto(`${desk.url}#/permits`)
    await page.getByTestId('new-permit').hover()
    await page.getByRole('menuitem', { name: '动火申请表' }).click()
    const form = page.getByTestId('apply-form')
    await pickByKeyboard('房屋', '3-2-1202', /3栋2单元1202/)
    await form.getByLabel('从住户/代理人中选择', { exact: true }).click()
    await expect.poll(() => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allTextContents()).toEqual(['周强(业主)'])
    await page.keyboard.press('Escape')
  })
})
