import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { setUpSite } from '../helpers/core'
import { openDesk, type Desk } from './harness'

/**
 * Issue H through both screens: a site on terminal A (一号前台); a new PC B joins it from its first
 * screen with the address and code A shows, both administrators compare the fingerprints, B receives
 * the site and its staff, records made on either show on the other, and A can remove B.
 */
let A: Desk
let B: Desk
let admin: string

beforeAll(async () => {
  A = await openDesk({ terminalId: 'T-SYNC-A', sync: true })
  admin = await setUpSite(A.core)
  await callOk(A.core, 'site.renameTerminal', { name: '一号前台' }, admin)
  await callOk(A.core, 'staff.create', { staffNo: 'Q1', name: '李娜', roles: ['clerk'], pin: '1234' }, admin)
  await callOk(A.core, 'staff.create', { staffNo: 'S1', name: '陈静', roles: ['supervisor'], pin: '1234' }, admin)
  B = await openDesk({ terminalId: 'T-SYNC-B', sync: true })
}, 120_000)
afterAll(async () => {
  await B?.close()
  await A?.close()
})

const focusedLabel = (d: Desk) => d.page.evaluate(() => document.activeElement?.closest('.ant-form-item')?.querySelector('label')?.textContent ?? document.activeElement?.textContent ?? '')

describe('H · pairing a second terminal on the screens', () => {
  it('A: a terminal alone shows no other terminal and no sync state in the header', async () => {
    await A.page.goto(A.url)
    await A.login('admin', '246810')
    await A.page.goto(`${A.url}#/sync`)
    await expect.poll(() => A.page.getByTestId('sync-self').textContent()).toContain('一号前台')
    expect(await A.page.getByTestId('sync-peers').textContent()).toContain('尚未添加其他终端')
    expect(await A.page.getByTestId('sync-indicator').count()).toBe(0)
    await A.shot('sync-alone')
  })

  it('B joins from its first screen by keyboard: a wrong code is refused at 配对码, the right one shows both fingerprints on both screens', async () => {
    // A: 添加终端 → the code and the address to type on B.
    await A.page.getByTestId('sync-add').click()
    const code = (await A.page.getByTestId('pair-code').textContent())!.replace(/\s/g, '')
    expect(code).toMatch(/^\d{8}$/)
    const address = (await A.page.getByTestId('pair-address').first().textContent())!
    await A.shot('sync-pair-offer')

    // B: the first screen offers 加入已有项目 beside 创建新项目.
    await B.page.goto(B.url)
    await B.page.getByRole('tab', { name: '加入已有项目' }).click()
    await expect.poll(() => focusedLabel(B)).toBe('本终端名称')
    await B.page.keyboard.type('二号前台')
    await B.page.keyboard.press('Tab')
    expect(await focusedLabel(B)).toBe('对方地址')
    await B.page.keyboard.type(address)
    await B.page.keyboard.press('Escape') // close the address suggestions
    await B.page.keyboard.press('Tab')
    expect(await focusedLabel(B)).toBe('配对码')
    // One wrong digit: refused at the field, B still on the form, A still waiting.
    await B.page.keyboard.type(code.slice(0, 7) + ((Number(code[7]) + 1) % 10))
    await B.page.keyboard.press('Enter')
    const field = B.page.locator('.ant-form-item', { has: B.page.getByLabel('配对码', { exact: true }) })
    await expect.poll(() => field.locator('.ant-form-item-explain-error').textContent()).toContain('配对码不符')
    expect(await A.page.getByTestId('pair-offer').isVisible()).toBe(true)
    // The right code (typed as read aloud, with a space).
    await B.page.getByLabel('配对码', { exact: true }).fill(`${code.slice(0, 4)} ${code.slice(4)}`)
    await B.page.keyboard.press('Enter')

    await expect.poll(() => B.page.getByTestId('join-confirm').isVisible()).toBe(true)
    await expect.poll(() => A.page.getByTestId('pair-confirm').isVisible()).toBe(true)
    const fp = async (d: Desk, id: string) => (await d.page.getByTestId(id).textContent())!.trim()
    expect(await fp(B, 'join-fp-sponsor')).toBe(await fp(A, 'pair-fp-sponsor'))
    expect(await fp(B, 'join-fp-joiner')).toBe(await fp(A, 'pair-fp-joiner'))
    expect(await fp(A, 'pair-fp-sponsor')).not.toBe(await fp(A, 'pair-fp-joiner'))
    expect(await A.page.getByTestId('pair-confirm').textContent()).toContain('新终端 二号前台')
    await A.shot('sync-pair-confirm-A')
    await B.shot('sync-pair-confirm-B')
  })

  it('both confirm with Enter: B receives the site and shows its login; the staff log in there with their own PINs', async () => {
    // B first (the confirm button has the focus), then A.
    await expect.poll(() => B.page.getByTestId('join-accept').evaluate((e) => e === document.activeElement)).toBe(true)
    await B.page.keyboard.press('Enter')
    await expect.poll(() => B.page.getByTestId('join-confirm').textContent()).toContain('等待对方终端确认')
    await expect.poll(() => A.page.getByTestId('pair-accept').evaluate((e) => e === document.activeElement)).toBe(true)
    await A.page.keyboard.press('Enter')
    await expect.poll(() => A.page.getByTestId('pair-done').textContent()).toContain('已与 二号前台 配对')
    await A.shot('sync-pair-done-A')
    // B: the site's records arrive, then the login screen with the site's name.
    await expect.poll(() => B.page.getByTestId('login-card').isVisible(), { timeout: 30_000 }).toBe(true)
    expect(await B.page.getByTestId('login-card').textContent()).toContain('阳光花园')
    await B.login('Q1')
    await expect.poll(() => B.page.getByTestId('site-name').textContent()).toBe('阳光花园')
  })

  it('records made on either terminal show on the other; both screens list the other terminal online; the header says 已同步', async () => {
    await A.page.keyboard.press('Escape')
    await expect.poll(() => A.page.locator('.ant-modal:visible').count()).toBe(0)
    const a8 = await callOk(A.core, 'building.create', { code: '8', name: '8号楼' }, admin)
    await expect.poll(async () => !!(await B.core.db.read.get('SELECT 1 AS x FROM buildings WHERE id = ?', [a8.id])), { timeout: 15_000 }).toBe(true)
    const adminB = (await callOk(B.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token
    const b9 = await callOk(B.core, 'building.create', { code: '9', name: '9号楼' }, adminB)
    await expect.poll(async () => !!(await A.core.db.read.get('SELECT 1 AS x FROM buildings WHERE id = ?', [b9.id])), { timeout: 15_000 }).toBe(true)
    // Pairing wrote the terminals' rows on both sides: none of it is a conflict for the administrator.
    expect(await A.core.sync!.conflicts(50)).toEqual([])
    expect(await B.core.sync!.conflicts(50)).toEqual([])
    // The clerk's shift, started on A, is open on B; she writes a log entry there by keyboard; A's log shows it.
    const q1 = (await callOk(A.core, 'auth.login', { staffNo: 'Q1', pin: '1234' })).token
    await callOk(A.core, 'duty.start', { override: { supervisorStaffNo: 'S1', supervisorPin: '1234', reason: '第二台终端试用' } }, q1)
    // Neither screen is reloaded: what arrives from the other terminal shows by itself.
    await A.page.goto(`${A.url}#/logs`)
    // One status request of A's is lost (a busy moment): the header keeps asking, a little slower, and
    // A's screen still learns of what B writes.
    let lost = 0
    await A.page.route('**/api/sync.status', (r) => (lost++ === 0 ? r.abort() : r.continue()))
    await expect.poll(() => lost).toBeGreaterThan(0)
    await B.page.goto(`${B.url}#/duty`)
    await expect.poll(() => B.page.getByTestId('duty-status').textContent(), { timeout: 15_000 }).toContain('值班中')
    await B.page.locator('#content').click()
    await B.page.keyboard.type('3栋1502业主来电:楼上漏水,已通知工程部')
    await B.page.keyboard.press('Enter')
    await expect.poll(() => B.page.getByTestId('shift-entries').textContent()).toContain('3栋1502业主来电:楼上漏水')
    await expect.poll(async () => (await A.core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM log_entries WHERE content LIKE '3栋1502业主来电%'"))!.n, { timeout: 15_000 }).toBe(1)
    await expect.poll(() => A.page.locator('.ant-table-tbody').first().textContent(), { timeout: 25_000 }).toContain('3栋1502业主来电:楼上漏水')
    await A.page.unroute('**/api/sync.status')
    await A.shot('sync-log-entry-on-A')
    await A.page.goto(`${A.url}#/sync`)
    // A's screen: 二号前台 online with its series letter; the log shows what came from it.
    const peers = A.page.getByTestId('sync-peers')
    await expect.poll(() => peers.locator('.ant-table-row').first().textContent(), { timeout: 15_000 }).toMatch(/二号前台B在线/)
    await expect.poll(() => A.page.getByTestId('sync-log').textContent()).toContain('已与 二号前台 配对')
    await expect.poll(() => A.page.getByTestId('sync-log').locator('.ant-tag').allTextContents()).toContain('接收')
    await expect.poll(() => A.page.getByTestId('sync-indicator').textContent(), { timeout: 15_000 }).toContain('已同步')
    await A.shot('sync-paired-A')
    // B, as its administrator: 一号前台 online; the clerk's header shows the state too.
    await expect.poll(() => B.page.getByTestId('sync-indicator').textContent(), { timeout: 15_000 }).toContain('已同步')
    await B.login('admin', '246810')
    await B.page.goto(`${B.url}#/sync`)
    await expect.poll(() => B.page.getByTestId('sync-self').textContent()).toContain('二号前台')
    await expect.poll(() => B.page.getByTestId('sync-peers').locator('.ant-table-row').first().textContent(), { timeout: 15_000 }).toMatch(/一号前台在线/)
    await B.shot('sync-paired-B')
  })

  it('A removes B: B is marked 已移除 and what A writes after no longer reaches B', async () => {
    await A.page.getByTestId('sync-remove-二号前台').click()
    await A.page.locator('.ant-popover:visible').getByRole('button', { name: '移除' }).click()
    await expect.poll(() => A.page.getByTestId('sync-peers').locator('.ant-table-row').first().textContent()).toContain('已移除')
    const a7 = await callOk(A.core, 'building.create', { code: '7', name: '7号楼' }, admin)
    await callOk(A.core, 'sync.now', {}, admin)
    await callOk(B.core, 'sync.now', {}, (await callOk(B.core, 'auth.login', { staffNo: 'admin', pin: '246810' })).token).catch(() => undefined)
    await new Promise((r) => setTimeout(r, 2500))
    expect(await B.core.db.read.get('SELECT 1 AS x FROM buildings WHERE id = ?', [a7.id])).toBeUndefined()
    await A.shot('sync-removed-A')
  })
})
