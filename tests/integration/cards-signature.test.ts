import { mkdirSync, writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { callOk } from '../../electron/core/app'
import { pdfText, pdfToPng } from '../helpers/pdf'
import { behindTheApp, expectRefused, openPermitDesk, type PermitDesk } from '../helpers/permit'

/**
 * 门禁卡领用签收单 with the holder's signature drawn on the screen (项目设置 › 门禁卡签收手写签名): refused
 * without it where the site asks for it; printed in place of the blank line; a drawing swapped behind the
 * app is not printed and the paper says so; a site that does not ask keeps the line to sign by hand.
 */
let d: PermitDesk
afterEach(async () => d?.core.close())

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (b: Buffer) => {
  let c = 0xffffffff
  for (const x of b) c = CRC[(c ^ x) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
/** A 260×90 transparent PNG with a dark wavy stroke, like signature_pad's toDataURL(). */
function strokePng(): string {
  const w = 260
  const h = 90
  const rows: Buffer[] = []
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * 4)
    for (let x = 0; x < w; x++) {
      const cy = 45 + 25 * Math.sin(x / 18)
      if (x > 15 && x < 245 && Math.abs(y - cy) < 2.5) row.writeUInt32BE(0x111111ff, 1 + x * 4)
    }
    rows.push(row)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))])
  return `data:image/png;base64,${png.toString('base64')}`
}

async function cardDesk() {
  d = await openPermitDesk()
  const kind = await callOk(d.core, 'card.kindSave', { name: '门禁卡', depositFen: 5000, feeFen: 1000, replaceFeeFen: 2000 }, await d.token('A1'))
  await callOk(d.core, 'card.stockMove', { kindId: kind.id, move: 'received', count: 10 }, await d.token('Q1'))
  return kind
}

async function setCardSignature(on: boolean) {
  const admin = await d.token('admin')
  const site = await callOk(d.core, 'site.get', {}, admin)
  await callOk(d.core, 'site.update', { name: site.name, office: site.office, timeZone: site.timeZone as 'Asia/Shanghai', cardSignature: on }, admin)
}

const cardCount = async () => (await d.core.db.read.get<{ n: number }>('SELECT (SELECT COUNT(*) FROM cards) + (SELECT COUNT(*) FROM card_signatures) + (SELECT COUNT(*) FROM card_ledger) AS n'))!.n

describe('card receipt with a drawn signature (a site setting)', () => {
  it('the site asks for it: refused without it, changing nothing; the receipt shows the drawing in place of the line', async () => {
    const kind = await cardDesk()
    await setCardSignature(true)
    expect((await callOk(d.core, 'site.get', {}, await d.token('Q1'))).cardSignature).toBe(true)
    const q1 = await d.token('Q1')
    const base = { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '5001', entry: 'typed' as const }
    const before = await cardCount()
    expectRefused(await d.core.call('card.issue', base, q1), 'RULE', 'holderSignature', '手写签名')
    expectRefused(await d.core.call('card.issue', { ...base, holderSignature: 'data:text/html;base64,PGI+' }, q1), 'INVALID_INPUT', 'holderSignature', '持卡人签名')
    expectRefused(await d.core.call('card.issue', { ...base, holderSignature: `data:image/png;base64,${'A'.repeat(400_001)}` }, q1), 'INVALID_INPUT', 'holderSignature', '过大')
    expect(await cardCount()).toBe(before)

    const png = strokePng()
    const c = await callOk(d.core, 'card.issue', { ...base, holderSignature: png }, q1)
    const stored = await d.core.db.read.get<{ data_url: string }>('SELECT data_url FROM card_signatures WHERE card_id = ?', [c.id])
    expect(stored?.data_url).toBe(png)
    const a = await d.core.db.read.get<{ changes: string }>("SELECT changes FROM audit_events WHERE action = 'card.issue' AND entity_id = ?", [c.id])
    expect(JSON.parse(a!.changes).holderSignatureSha256).toMatch(/^[0-9a-f]{64}$/)
    // Append-only: the app's own writes cannot change or remove it.
    await expect(d.core.db.tx((w) => w.run("UPDATE card_signatures SET data_url = 'x'"))).rejects.toThrow(/append-only/)
    await expect(d.core.db.tx((w) => w.run('DELETE FROM card_signatures'))).rejects.toThrow(/append-only/)

    const pdf = Buffer.from((await callOk(d.core, 'card.printReceipt', { id: c.id }, q1)).pdfBase64, 'base64')
    const text = (await pdfText(pdf))[0]
    expect(text).toContain('持卡人签名')
    expect(text).toContain('日期:2026-03-02')
    expect(text).not.toContain('校验不符')
    expect(pdf.toString('latin1')).toContain('/Subtype /Image')
    mkdirSync('test-results', { recursive: true })
    writeFileSync('test-results/cards-receipt-signed.pdf', pdf)
    pdfToPng('test-results/cards-receipt-signed.pdf', 'test-results/cards-receipt-signed', 80)

    // 补卡 asks for the holder's drawing too.
    await callOk(d.core, 'card.lost', { id: c.id, reporter: '刘龑' }, q1)
    expectRefused(await d.core.call('card.replace', { id: c.id, cardNo: '5002', entry: 'typed' }, q1), 'RULE', 'holderSignature')
    const r = await callOk(d.core, 'card.replace', { id: c.id, cardNo: '5002', entry: 'typed', holderSignature: png }, q1)
    expect(pdfTextHasImage(Buffer.from((await callOk(d.core, 'card.printReceipt', { id: r.id }, q1)).pdfBase64, 'base64'))).toBe(true)

    // A drawing swapped behind the app: not printed, and the paper says the record does not match.
    await behindTheApp(d, 'DROP TRIGGER card_signatures_no_update')
    await behindTheApp(d, 'UPDATE card_signatures SET data_url = ? WHERE card_id = ?', [strokePng().replace(/A/g, 'B').slice(0, 200), c.id])
    const bad = Buffer.from((await callOk(d.core, 'card.printReceipt', { id: c.id }, q1)).pdfBase64, 'base64')
    expect((await pdfText(bad))[0]).toContain('持卡人手写签名校验不符')
    writeFileSync('test-results/cards-receipt-tampered.pdf', bad)
    pdfToPng('test-results/cards-receipt-tampered.pdf', 'test-results/cards-receipt-tampered', 80)
    expect(pdfTextHasImage(bad)).toBe(false)
  })

  it('a site that does not ask: issued without a drawing, the receipt keeps the line to sign by hand', async () => {
    const kind = await cardDesk()
    const q1 = await d.token('Q1')
    const c = await callOk(d.core, 'card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '6001', entry: 'typed' }, q1)
    const pdf = Buffer.from((await callOk(d.core, 'card.printReceipt', { id: c.id }, q1)).pdfBase64, 'base64')
    const text = (await pdfText(pdf))[0]
    expect(text).toContain('持卡人签名')
    expect(text).toMatch(/日期:\s+年\s+月\s+日/)
    expect(pdfTextHasImage(pdf)).toBe(false)
    // A drawing given anyway is kept and printed (what the holder signed).
    const s = await callOk(d.core, 'card.issue', { unitId: d.unitId, holderResidentId: d.ownerId, kindId: kind.id, cardNo: '6002', entry: 'typed', holderSignature: strokePng() }, q1)
    expect(pdfTextHasImage(Buffer.from((await callOk(d.core, 'card.printReceipt', { id: s.id }, q1)).pdfBase64, 'base64'))).toBe(true)
  })
})

function pdfTextHasImage(pdf: Buffer) {
  return pdf.toString('latin1').includes('/Subtype /Image')
}
