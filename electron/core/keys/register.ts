import type { z } from 'zod'
import { availableCopies, nextTagNo } from '../../../shared/keys/rules'
import type { KeyRow, keyCreateInput, keyRemoveInput, keyUpdateInput } from '../../../shared/keys/schema'
import { audit } from '../audit/service'
import { iso, newRowMeta, type Ctx } from '../context'
import type { Reader } from '../db/connection'
import { conflict, notFound, rule } from '../errors'
import { newId } from '../ids'

interface KeyRecord {
  id: string
  tag_no: string
  name: string
  opens: string
  area: string | null
  hook: string | null
  copies: number
  may_leave_site: number
  default_loan_hours: number
  note: string | null
  out_n: number
  lost_n: number
}

/**
 * A key with its state derived from the facts: loans without a return or a loss are out; losses
 * leave the count. With LAN sync the facts of every terminal are merged by union, so the counts
 * here stay right; `overLent` shows a last copy lent twice offline.
 */
const KEY_SELECT = `
  SELECT k.*,
    (SELECT count(*) FROM key_loans l WHERE l.key_id = k.id
       AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id)
       AND NOT EXISTS (SELECT 1 FROM key_losses x WHERE x.loan_id = l.id)) AS out_n,
    (SELECT count(*) FROM key_losses x WHERE x.key_id = k.id) AS lost_n
  FROM keys k WHERE k.deleted_at IS NULL`

export function toKeyRow(k: KeyRecord): KeyRow {
  return {
    id: k.id,
    tagNo: k.tag_no,
    name: k.name,
    opens: k.opens,
    area: k.area,
    hook: k.hook,
    copies: k.copies,
    mayLeaveSite: !!k.may_leave_site,
    defaultLoanHours: k.default_loan_hours,
    note: k.note,
    out: k.out_n,
    lost: k.lost_n,
    available: availableCopies(k.copies, k.lost_n, k.out_n),
    overLent: k.out_n > k.copies - k.lost_n,
  }
}

export async function listKeys(r: Reader): Promise<KeyRow[]> {
  const rows = await r.all<KeyRecord>(`${KEY_SELECT} ORDER BY CAST(k.tag_no AS INTEGER), k.tag_no`)
  return rows.map(toKeyRow)
}

export async function keyById(r: Reader, id: string): Promise<KeyRow | null> {
  const k = await r.get<KeyRecord>(`${KEY_SELECT} AND k.id = ?`, [id])
  return k ? toKeyRow(k) : null
}

export async function keyByTag(r: Reader, tagNo: string): Promise<KeyRow | null> {
  const k = await r.get<KeyRecord>(`${KEY_SELECT} AND k.tag_no = ?`, [tagNo])
  return k ? toKeyRow(k) : null
}

export const keyLabel = (k: { tagNo: string; name: string }) => `${k.tagNo}号(${k.name})`

/** A tag number is unique among keys in the register; a removed key's number is not given out again by the generator. */
async function tagTaken(r: Reader, tagNo: string, exceptId?: string) {
  const row = await r.get<{ id: string }>('SELECT id FROM keys WHERE tag_no = ? AND deleted_at IS NULL AND id IS NOT ?', [tagNo, exceptId ?? null])
  return !!row
}

export async function createKey(ctx: Ctx, input: z.output<typeof keyCreateInput>): Promise<KeyRow> {
  return ctx.db.tx(async (w) => {
    const tagNo = input.tagNo ?? nextTagNo((await w.all<{ tag_no: string }>('SELECT tag_no FROM keys')).map((r) => r.tag_no))
    if (await tagTaken(w, tagNo)) throw conflict(`钥匙牌号 ${tagNo} 已存在`, 'tagNo')
    const id = newId()
    const m = newRowMeta(ctx, id)
    await w.run(
      `INSERT INTO keys (id, created_at, updated_at, terminal_id, deleted_at, tag_no, name, opens, area, hook, copies, may_leave_site, default_loan_hours, note)
       VALUES (?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, m.createdAt, m.updatedAt, m.terminalId, tagNo, input.name, input.opens, input.area ?? null, input.hook ?? null, input.copies, input.mayLeaveSite ? 1 : 0, input.defaultLoanHours, input.note ?? null],
    )
    await audit(w, ctx, { action: 'key.create', entity: 'key', entityId: id, summary: `登记钥匙 ${tagNo}号(${input.name}),${input.copies}把`, changes: { ...input, tagNo } })
    return (await keyById(w, id))!
  })
}

export async function updateKey(ctx: Ctx, input: z.output<typeof keyUpdateInput>): Promise<KeyRow> {
  return ctx.db.tx(async (w) => {
    const cur = await keyById(w, input.id)
    if (!cur) throw notFound('钥匙')
    const tagNo = input.tagNo ?? cur.tagNo
    if (await tagTaken(w, tagNo, cur.id)) throw conflict(`钥匙牌号 ${tagNo} 已存在`, 'tagNo')
    if (input.copies < cur.out + cur.lost) throw rule(`钥匙数量不能少于已借出和已丢失的数量(${cur.out + cur.lost}把)`, 'copies')
    await w.run(
      `UPDATE keys SET tag_no = ?, name = ?, opens = ?, area = ?, hook = ?, copies = ?, may_leave_site = ?, default_loan_hours = ?, note = ?, updated_at = ?, terminal_id = ? WHERE id = ?`,
      [tagNo, input.name, input.opens, input.area ?? null, input.hook ?? null, input.copies, input.mayLeaveSite ? 1 : 0, input.defaultLoanHours, input.note ?? null, iso(ctx.now()), ctx.terminalId, cur.id],
    )
    await audit(w, ctx, { action: 'key.update', entity: 'key', entityId: cur.id, summary: `修改钥匙 ${keyLabel({ tagNo, name: input.name })}`, changes: { ...input, tagNo } })
    return (await keyById(w, cur.id))!
  })
}

export async function removeKey(ctx: Ctx, input: z.output<typeof keyRemoveInput>): Promise<null> {
  return ctx.db.tx(async (w) => {
    const cur = await keyById(w, input.id)
    if (!cur) throw notFound('钥匙')
    if (cur.out > 0) throw rule(`钥匙 ${keyLabel(cur)} 有${cur.out}把借出未还,归还后才能删除`, 'id')
    await w.run('UPDATE keys SET deleted_at = ?, updated_at = ?, terminal_id = ? WHERE id = ?', [iso(ctx.now()), iso(ctx.now()), ctx.terminalId, cur.id])
    await audit(w, ctx, { action: 'key.remove', entity: 'key', entityId: cur.id, summary: `删除钥匙 ${keyLabel(cur)}:${input.reason}` })
    return null
  })
}
