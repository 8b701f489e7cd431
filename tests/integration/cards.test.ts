import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { mkdirSync, writeFileSync } from 'node:fs'
import { readWedge } from '../../shared/cards/wedge'
import { pdfPageCount, pdfText } from '../helpers/pdf'
import { behindTheApp, expectRefused, openPermitDesk, type PermitDesk } from '../helpers/permit'

let d: PermitDesk
afterEach(async () => d?.core.close())

const CARD_TABLES = ['card_kinds', 'cards', 'card_events', 'card_ledger', 'card_stock', 'card_exports']
async function snapshot() {
  const out: Record<string, unknown[]> = {}
  for (const t of CARD_TABLES) out[t] = await d.core.db.read.all(`SELECT * FROM ${t} ORDER BY id`)
  out.audit = await d.core.db.read.all("SELECT * FROM audit_events WHERE action NOT LIKE 'auth.%' ORDER BY seq")
  return JSON.stringify(out)
}

/** The desk with a 门禁卡 kind (押金 50 元, 工本费 10 元, 补卡费 20 元) and 10 blank cards. */
async function cardDesk() {
  d = await openPermitDesk()
  const kind = await callOk(d.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, await d.token('A1'))
  await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, await d.token('Q1'))
  return kind
}

describe('access cards (门禁卡)', () => {
  it('kinds get generated codes; only admin/supervisor set them; money must be whole fen', async () => {
    const kind = await cardDesk()
    expect(kind.code).toBe('MK-01')
    const lift = await callOk(d.core, 'card.kindSave', { name: '电梯卡', depositFen: 0, feeFen: 1500, replaceFeeFen: 1500 }, await d.token('S1'))
    expect(lift.code).toBe('MK-02')
    expectRefused(await d.core.call('card.kindSave', { name: '功能卡', depositFen: 0, feeFen: 0, replaceFeeFen: 0 }, await d.token('Q1')), 'FORBIDDEN')
    expectRefused(await d.core.call('card.kindSave', { name: '门禁卡', depositFen: 1, feeFen: 0, replaceFeeFen: 0 }, await d.token('A1')), 'CONFLICT', 'name', '已存在')
    expectRefused(await d.core.call('card.kindSave', { name: '功能卡', depositFen: 12.5, feeFen: 0, replaceFeeFen: 0 }, await d.token('A1')), 'INVALID_INPUT', 'depositFen', '押金')
  })

  it('issues a card to the owner: deposit and fee in the card ledger, stock down by one, audited', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const c = await callOk(d.core, 'card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '00a1b2c3', entry: 'reader', receiptNo: 'SJ-1' }, q1)
    expect(c).toMatchObject({ cardNo: '00A1B2C3', status: 'active', unitLabel: '3栋2单元1201', holderName: '刘龑', depositHeldFen: 5000 })
    const ledger = await d.core.db.read.all<{ item: string; amount_fen: number }>('SELECT item, amount_fen FROM card_ledger ORDER BY item')
    expect(ledger.map((x) => `${x.item} ${x.amount_fen}`)).toEqual(['deposit 5000', 'fee 1000'])
    expect((await callOk(d.core, 'card.stock', {}, q1))[0]).toMatchObject({ received: 10, issued: 1, spoiled: 0, onHand: 9 })
    const a = await d.core.db.read.get<{ summary: string }>("SELECT summary FROM audit_events WHERE action = 'card.issue'")
    expect(a!.summary).toBe('发门禁卡 00A1B2C3 给 3栋2单元1201 业主刘龑(读卡器),押金 50.00 元,工本费 10.00 元')
    // The receipt prints.
    const pdf = await callOk(d.core, 'card.printReceipt', { id: c.id }, q1)
    expect(pdf.fileName).toBe('门禁卡领用签收单-00A1B2C3.pdf')
    const buf = Buffer.from(pdf.pdfBase64, 'base64')
    expect(await pdfPageCount(buf)).toBe(1)
    const text = (await pdfText(buf))[0]
    for (const words of ['门禁卡领用签收单', '3栋2单元1201', '刘龑(业主)', '00A1B2C3', '50.00 元', '10.00 元', 'SJ-1', '持卡人签名', '经办人签名']) expect(text).toContain(words)
    expect(text).not.toContain('0755-86001234')
    // The service center's phone, once set in 项目设置, heads the receipt as it heads the permits.
    const admin = await d.token('admin')
    const site = await callOk(d.core, 'site.get', {}, admin)
    await callOk(d.core, 'site.update', { name: site.name, office: site.office, permit: { serviceCenterPhone: '0755-86001234' } }, admin)
    expect((await pdfText(Buffer.from((await callOk(d.core, 'card.printReceipt', { id: c.id }, q1)).pdfBase64, 'base64')))[0]).toContain('0755-86001234')
    // Kept for a look (pdftoppm -png).
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/cards-receipt.pdf', buf)
  })

  it('refuses, changing nothing: a number issued before, a holder of another unit, a tenant without consent, no stock, a clerk-less role', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const base = { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, entry: 'typed' as const }
    const first = await callOk(d.core, 'card.issue', { ...base, cardNo: '1001' }, q1)
    // Ever used: also after it was lost and returned numbers are never reissued.
    await callOk(d.core, 'card.lost', { id: first.id, reporter: '刘龑' }, q1)
    const before = await snapshot()
    expectRefused(await d.core.call('card.issue', { ...base, cardNo: '1001' }, q1), 'CONFLICT', 'cardNo', '曾被使用')
    expectRefused(await d.core.call('card.issue', { ...base, holderResidentId: d.tenantId, cardNo: '1002' }, q1), 'RULE', 'ownerConsent', '租户')
    expectRefused(
      await d.core.call('card.issue', { ...base, holderResidentId: d.tenantId, cardNo: '1002', ownerConsent: { ownerName: '周强', method: 'letter', note: '同意书' } }, q1),
      'RULE', 'ownerConsent.ownerName', '不符',
    )
    expectRefused(await d.core.call('card.issue', { ...base, unitId: d.otherUnitId, cardNo: '1002' }, q1), 'RULE', 'holderResidentId', '不是该房屋')
    expectRefused(await d.core.call('card.issue', { ...base, cardNo: '10 02' }, q1), 'INVALID_INPUT', 'cardNo', '卡号')
    expectRefused(await d.core.call('card.issue', { ...base, cardNo: '1002;' }, q1), 'INVALID_INPUT', 'cardNo', '卡号')
    expectRefused(await d.core.call('card.issue', { ...base, cardNo: '1002' }, await d.token('E1')), 'FORBIDDEN')
    expect(await snapshot()).toBe(before)
    // The tenant with the owner's consent recorded.
    const t = await callOk(d.core, 'card.issue', { ...base, holderResidentId: d.tenantId, cardNo: '1002', ownerConsent: { ownerName: '刘龑', method: 'letter', note: '同意书 2026-03' } }, q1)
    expect(t.holderKind).toBe('tenant')
    // Stock runs out.
    await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'spoiled', count: 7, note: '芯片损坏' }, q1)
    await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'spoiled', count: 1, cardNo: '1003', note: '写卡失败' }, q1)
    const s = await snapshot()
    expectRefused(await d.core.call('card.issue', { ...base, cardNo: '1004' }, q1), 'RULE', 'kindId', '库存为 0')
    await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 5 }, q1)
    expectRefused(await d.core.call('card.issue', { ...base, cardNo: '1003' }, q1), 'CONFLICT', 'cardNo', '已报废的卡')
    expect(s).not.toBe(await snapshot())
  })

  it('lost → blocked at once → replaced with a new number linked old → new; the deposit carries, the fee is charged', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const c = await callOk(d.core, 'card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '2001', entry: 'typed' }, q1)
    expectRefused(await d.core.call('card.replace', { id: c.id, cardNo: '2002', entry: 'typed' }, q1), 'RULE', 'id', '未挂失')
    const lost = await callOk(d.core, 'card.lost', { id: c.id, reporter: '刘龑' }, q1)
    expect(lost.status).toBe('lost')
    expectRefused(await d.core.call('card.lost', { id: c.id, reporter: '刘龑' }, q1), 'RULE', 'id', '已挂失')
    expectRefused(await d.core.call('card.return', { id: c.id }, q1), 'RULE', 'id', '已挂失')
    expectRefused(await d.core.call('card.replace', { id: c.id, cardNo: '2001', entry: 'typed' }, q1), 'CONFLICT', 'cardNo', '曾被使用')
    const n = await callOk(d.core, 'card.replace', { id: c.id, cardNo: '2002', entry: 'reader' }, q1)
    expect(n).toMatchObject({ cardNo: '2002', status: 'active', replacesCardNo: '2001', depositHeldFen: 5000 })
    expect((await callOk(d.core, 'card.list', { cardNo: '2001' }, q1))[0]).toMatchObject({ status: 'lost', replacedByCardNo: '2002' })
    expectRefused(await d.core.call('card.replace', { id: c.id, cardNo: '2003', entry: 'typed' }, q1), 'RULE', 'id', '已补发')
    const fee = await d.core.db.read.get<{ amount_fen: number }>("SELECT amount_fen FROM card_ledger WHERE item = 'replaceFee'")
    expect(fee!.amount_fen).toBe(2000)
    // Return at move-out refunds the deposit once.
    const back = await callOk(d.core, 'card.return', { id: n.id }, q1)
    expect(back).toMatchObject({ status: 'returned', refundedFen: 5000, depositHeldFen: 0 })
    const before = await snapshot()
    expectRefused(await d.core.call('card.return', { id: n.id }, q1), 'RULE', 'id', '不能重复退')
    expect(await snapshot()).toBe(before)
    // History per card, unit and holder.
    const h = await callOk(d.core, 'card.history', { unitId: d.unitId }, q1)
    expect(h.map((x) => `${x.cardNo} ${x.what}`).sort()).toEqual(['2001 发卡给 刘龑,押金 50.00 元', '2001 挂失(刘龑),已停用', '2002 补卡(原卡 2001),补卡费 20.00 元', '2002 退卡,退押金 50.00 元'])
    expect(await callOk(d.core, 'card.history', { residentId: d.ownerId }, q1)).toHaveLength(4)
    expect(await callOk(d.core, 'card.history', { cardId: c.id }, q1)).toHaveLength(2)
    expectRefused(await d.core.call('card.history', {}, q1), 'INVALID_INPUT', 'cardId', '请选择')
  })

  it('the facts are append-only; the number index holds behind the app', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const c = await callOk(d.core, 'card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '3001', entry: 'typed' }, q1)
    await expect(behindTheApp(d, "UPDATE cards SET card_no = '3002' WHERE id = ?", [c.id])).rejects.toThrow(/append-only/)
    await expect(behindTheApp(d, 'DELETE FROM card_ledger')).rejects.toThrow(/append-only/)
    await expect(behindTheApp(d, 'DELETE FROM card_stock')).rejects.toThrow(/append-only/)
  })

  it('a parallel burst issuing the same number: one card, the others refused', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const calls = Array.from({ length: 8 }, () => d.core.call('card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '4001', entry: 'reader' }, q1))
    const results = await Promise.all(calls)
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok)) expectRefused(r, 'CONFLICT', 'cardNo', '曾被使用')
    expect((await d.core.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM cards WHERE card_no = '4001'"))!.n).toBe(1)
    expect((await callOk(d.core, 'card.stock', {}, q1))[0].issued).toBe(1)
  })

  it('the gate block list: all, then only the changes since the last export; UTF-8 with BOM', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const base = { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, entry: 'typed' as const }
    const a = await callOk(d.core, 'card.issue', { ...base, cardNo: '5001' }, q1)
    await callOk(d.core, 'card.issue', { ...base, cardNo: '5002' }, q1)
    const all = await callOk(d.core, 'card.exportBlockList', { scope: 'all' }, q1)
    expect(all.csv.startsWith('\uFEFF卡号,卡类,房号,状态,起始时间\r\n')).toBe(true)
    expect(all.csv).toContain('5001,门禁卡,3栋2单元1201,正常,2026-03-02 09:00')
    expect(all.count).toBe(2)
    d.clock.add(1)
    await callOk(d.core, 'card.lost', { id: a.id, reporter: '刘龑' }, q1)
    const changes = await callOk(d.core, 'card.exportBlockList', { scope: 'changes' }, q1)
    expect(changes.count).toBe(1)
    expect(changes.csv.split('\r\n')[1]).toMatch(/^5001,门禁卡,3栋2单元1201,已挂失,/)
    const none = await callOk(d.core, 'card.exportBlockList', { scope: 'changes' }, q1)
    expect(none.count).toBe(0)
    expectRefused(await d.core.call('card.exportBlockList', { scope: 'all' }, await d.token('E1')), 'FORBIDDEN')
  })

  it('a wedge burst is read only whole: ending in Enter, nothing but the number', () => {
    expect(readWedge('00a1b2c3\r')).toEqual({ cardNo: '00A1B2C3' })
    expect(readWedge('0012345678\n')).toEqual({ cardNo: '0012345678' })
    expect(readWedge('0012345678')).toMatchObject({ problem: expect.stringContaining('未以回车结束') })
    expect(readWedge('00123;45678\r')).toMatchObject({ problem: expect.stringContaining('读卡器以外的字符(;)') })
    expect(readWedge('\r')).toMatchObject({ problem: expect.stringContaining('卡号为空') })
  })
})
