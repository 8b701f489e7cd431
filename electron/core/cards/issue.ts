import type { z } from 'zod'
import type { cardIssueInput, cardKindSaveInput, cardLostInput, cardReplaceInput, cardReturnInput, cardStockInput, CardKind, CardRow } from '../../../shared/cards/schema'
import { fenToYuanText } from '../../../shared/validate/money'
import { audit } from '../audit/service'
import { iso, newRowMeta, type Ctx } from '../context'
import type { Writer } from '../db/connection'
import { conflict, notFound, rule } from '../errors'
import { newId } from '../ids'
import { unitOf } from '../permit/applicant'
import { cardRow, depositHeld, listKinds, stockOf } from './read'
import { addSignature, needSignature } from './signature'
import { RESIDENT_KIND_LABELS, type ResidentKind } from '../../../shared/registry/schema'

/**
 * Issuing and what follows. Every check runs inside the write transaction (db.tx is serialised), so two
 * clicks or two windows issuing the same number cannot both pass.
 *
 * "A card number is unique for ever" on several terminals: on one database the unique index over
 * cards.card_no (every card ever issued, lost and returned ones included — nothing is deleted) and the
 * check against spoiled numbers hold it. Two terminals issuing the same number while offline each
 * commit a card; when a LAN sync merges them, the union of facts meets the unique index: the sync must
 * not drop either fact — it keeps both (the index is relaxed for merged rows into a card_conflicts
 * record for the supervisor, who voids one), and until then the gate export lists both rows for that
 * number, so the gate blocks whichever is blocked and nothing is hidden.
 */

const staffId = (ctx: Ctx) => ctx.staff!.id

export async function saveKind(ctx: Ctx, i: z.output<typeof cardKindSaveInput>): Promise<CardKind> {
  return ctx.db.tx(async (w) => {
    const same = await w.get<{ id: string }>('SELECT id FROM card_kinds WHERE name = ? AND deleted_at IS NULL', [i.name])
    if (same && same.id !== i.id) throw conflict(`卡类名称「${i.name}」已存在`, 'name')
    const at = iso(ctx.now())
    if (i.id) {
      const old = await w.get<{ id: string }>('SELECT id FROM card_kinds WHERE id = ? AND deleted_at IS NULL', [i.id])
      if (!old) throw notFound('卡类')
      await w.run('UPDATE card_kinds SET name = ?, deposit_fen = ?, fee_fen = ?, replace_fee_fen = ?, updated_at = ?, terminal_id = ? WHERE id = ?', [
        i.name, i.depositFen, i.feeFen, i.replaceFeeFen, at, ctx.terminalId, i.id,
      ])
    } else {
      // Codes per terminal prefix would be needed under LAN sync; one desk numbers MK-01, MK-02 … (codes are never reused).
      const n = (await w.get<{ n: number }>('SELECT COUNT(*) AS n FROM card_kinds'))!.n + 1
      const m = newRowMeta(ctx, newId())
      await w.run(
        'INSERT INTO card_kinds (id, created_at, updated_at, terminal_id, deleted_at, code, name, deposit_fen, fee_fen, replace_fee_fen) VALUES (?,?,?,?,NULL,?,?,?,?,?)',
        [m.id, m.createdAt, m.updatedAt, m.terminalId, `MK-${String(n).padStart(2, '0')}`, i.name, i.depositFen, i.feeFen, i.replaceFeeFen],
      )
      i = { ...i, id: m.id }
    }
    await audit(w, ctx, {
      action: 'card.kindSave',
      entity: 'card_kind',
      entityId: i.id,
      summary: `门禁卡类「${i.name}」:押金 ${fenToYuanText(i.depositFen)} 元,工本费 ${fenToYuanText(i.feeFen)} 元,补卡费 ${fenToYuanText(i.replaceFeeFen)} 元`,
    })
    return (await listKinds(w)).find((k) => k.id === i.id)!
  })
}

/**
 * 停用 a kind: soft-deleted, never removed — the cards issued with it keep their kind (their rows refer to
 * it, and the gate export names it); it leaves the issue form, the stock and the handover count. Refused
 * while blank cards of it are on hand: they would drop out of the count unseen (spoil them first).
 */
export async function retireKind(ctx: Ctx, id: string): Promise<CardKind[]> {
  return ctx.db.tx(async (w) => {
    const kind = (await listKinds(w)).find((k) => k.id === id)
    if (!kind) throw rule('所选卡类不存在或已停用', 'id')
    const onHand = (await stockOf(w)).find((s) => s.kindId === id)?.onHand ?? 0
    if (onHand > 0) throw rule(`「${kind.name}」尚有空白卡 ${onHand} 张在库,请先登记报废后再停用`, 'id')
    const at = iso(ctx.now())
    await w.run('UPDATE card_kinds SET deleted_at = ?, updated_at = ?, terminal_id = ? WHERE id = ? AND deleted_at IS NULL', [at, at, ctx.terminalId, id])
    const issued = (await w.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards WHERE kind_id = ?', [id]))!.n
    await audit(w, ctx, { action: 'card.kindRetire', entity: 'card_kind', entityId: id, summary: `停用门禁卡类「${kind.name}」(${kind.code}),已发 ${issued} 张卡保留原卡类` })
    return listKinds(w)
  })
}

async function kindOf(w: Writer, kindId: string): Promise<CardKind> {
  const k = (await listKinds(w)).find((x) => x.id === kindId)
  if (!k) throw rule('所选卡类不存在或已停用', 'kindId')
  return k
}

async function stockMove(w: Writer, ctx: Ctx, kindId: string, move: 'received' | 'issued' | 'spoiled', count: number, extra: { cardNo?: string | null; cardId?: string | null; note?: string | null } = {}) {
  const m = newRowMeta(ctx, newId())
  await w.run(
    'INSERT INTO card_stock (id, created_at, updated_at, terminal_id, deleted_at, kind_id, move, count, card_no, card_id, staff_id, note) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?)',
    [m.id, m.createdAt, m.updatedAt, m.terminalId, kindId, move, count, extra.cardNo ?? null, extra.cardId ?? null, staffId(ctx), extra.note ?? null],
  )
}

/** Refuses a number any card ever had (issued, lost, returned) or a spoiled card carried. */
async function numberNeverUsed(w: Writer, cardNo: string, field: string) {
  const used = await w.get<{ status: string }>(
    `SELECT '已发出的门禁卡' AS status FROM cards WHERE card_no = ?
     UNION ALL SELECT '已报废的卡' FROM card_stock WHERE card_no = ? AND move = 'spoiled' LIMIT 1`,
    [cardNo, cardNo],
  )
  if (used) throw conflict(`卡号 ${cardNo} 曾被使用(${used.status}),卡号永不重复使用,请换一张卡`, field)
}

async function needStock(w: Writer, kind: CardKind) {
  const s = (await stockOf(w)).find((x) => x.kindId === kind.id)
  if (!s || s.onHand < 1) throw rule(`「${kind.name}」库存为 0,请先登记领入空白卡`, 'kindId')
}

export async function moveStock(ctx: Ctx, i: z.output<typeof cardStockInput>) {
  return ctx.db.tx(async (w) => {
    const kind = await kindOf(w, i.kindId)
    if (i.move === 'spoiled') {
      const s = (await stockOf(w)).find((x) => x.kindId === kind.id)!
      if (s.onHand < i.count) throw rule(`报废数量 ${i.count} 超过「${kind.name}」库存 ${s.onHand}`, 'count')
      if (i.cardNo) {
        if (i.count !== 1) throw rule('登记报废卡号时数量应为 1', 'count')
        await numberNeverUsed(w, i.cardNo, 'cardNo')
      }
    } else if (i.cardNo) throw rule('领入空白卡不登记卡号', 'cardNo')
    await stockMove(w, ctx, kind.id, i.move, i.count, { cardNo: i.cardNo, note: i.note })
    await audit(w, ctx, {
      action: 'card.stockMove',
      entity: 'card_kind',
      entityId: kind.id,
      summary: `「${kind.name}」${i.move === 'received' ? '领入空白卡' : '报废'} ${i.count} 张${i.cardNo ? `(卡号 ${i.cardNo})` : ''}${i.note ? `:${i.note}` : ''}`,
    })
    return stockOf(w)
  })
}

async function ledger(w: Writer, ctx: Ctx, cardId: string, kind: 'charge' | 'refund', item: 'deposit' | 'fee' | 'replaceFee', amountFen: number, receiptNo?: string | null, note?: string | null) {
  if (amountFen <= 0) return
  const m = newRowMeta(ctx, newId())
  await w.run(
    'INSERT INTO card_ledger (id, created_at, updated_at, terminal_id, deleted_at, card_id, kind, item, amount_fen, receipt_no, staff_id, at, note) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?)',
    [m.id, m.createdAt, m.updatedAt, m.terminalId, cardId, kind, item, amountFen, receiptNo ?? null, staffId(ctx), m.createdAt, note ?? null],
  )
}

interface Holder {
  id: string
  unitId: string
  kind: string
  name: string
}


/** The holder must live in the unit; a tenant only with the consent of a registered owner of it. */
async function checkHolder(w: Writer, i: z.output<typeof cardIssueInput>): Promise<Holder> {
  const h = await w.get<Holder>('SELECT id, unit_id AS unitId, kind, name FROM residents WHERE id = ? AND deleted_at IS NULL', [i.holderResidentId])
  if (!h || h.unitId !== i.unitId) throw rule('所选持卡人不是该房屋登记的住户', 'holderResidentId')
  if (h.kind === 'tenant') {
    const c = i.ownerConsent
    if (!c) throw rule(`${h.name} 是租户,须记录业主同意后才能发卡`, 'ownerConsent')
    const owners = await w.all<{ id: string; name: string }>("SELECT id, name FROM residents WHERE unit_id = ? AND kind = 'owner' AND deleted_at IS NULL", [i.unitId])
    if (c.ownerResidentId ? !owners.some((o) => o.id === c.ownerResidentId) : !owners.some((o) => o.name === c.ownerName)) {
      throw rule(`同意业主与该房屋登记的业主(${owners.map((o) => o.name).join('、') || '无'})不符`, 'ownerConsent.ownerName')
    }
  } else if (i.ownerConsent) {
    throw rule('业主或家属领卡无须记录业主同意', 'ownerConsent')
  }
  return h
}

async function insertCard(
  w: Writer,
  ctx: Ctx,
  c: { cardNo: string; kindId: string; unitId: string; holder: Holder; consent: unknown; entry: string; depositFen: number; feeFen: number; replacesCardId: string | null; note?: string | null },
): Promise<string> {
  const m = newRowMeta(ctx, newId())
  try {
    await w.run(
      `INSERT INTO cards (id, created_at, updated_at, terminal_id, deleted_at, card_no, kind_id, unit_id, holder_resident_id, holder_name, holder_kind,
         owner_consent, entry, deposit_fen, fee_fen, replaces_card_id, staff_id, note) VALUES (?,?,?,?,NULL,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      [m.id, m.createdAt, m.updatedAt, m.terminalId, c.cardNo, c.kindId, c.unitId, c.holder.id, c.holder.name, c.holder.kind,
        c.consent ? JSON.stringify(c.consent) : null, c.entry, c.depositFen, c.feeFen, c.replacesCardId, staffId(ctx), c.note ?? null],
    )
  } catch (e) {
    // The index is the last word if a check above were ever bypassed.
    if (/UNIQUE constraint failed: cards.card_no/.test(String(e))) throw conflict(`卡号 ${c.cardNo} 曾被使用,卡号永不重复使用`, 'cardNo')
    throw e
  }
  return m.id
}

export async function issueCard(ctx: Ctx, i: z.output<typeof cardIssueInput>): Promise<CardRow> {
  return ctx.db.tx((w) => issueCardIn(w, ctx, i))
}

/** The same issue inside a caller's transaction (入住手续 issues its cards through it, saved with its checklist line). */
export async function issueCardIn(w: Writer, ctx: Ctx, i: z.output<typeof cardIssueInput>): Promise<CardRow> {
  {
    const unit = await unitOf(w, i.unitId)
    const holder = await checkHolder(w, i)
    await needSignature(w, i.holderSignature)
    const kind = await kindOf(w, i.kindId)
    await numberNeverUsed(w, i.cardNo, 'cardNo')
    await needStock(w, kind)
    const id = await insertCard(w, ctx, {
      cardNo: i.cardNo, kindId: kind.id, unitId: unit.id, holder, consent: i.ownerConsent, entry: i.entry,
      depositFen: kind.depositFen, feeFen: kind.feeFen, replacesCardId: null, note: i.note,
    })
    await ledger(w, ctx, id, 'charge', 'deposit', kind.depositFen, i.receiptNo)
    await ledger(w, ctx, id, 'charge', 'fee', kind.feeFen, i.receiptNo)
    await stockMove(w, ctx, kind.id, 'issued', 1, { cardId: id })
    const sealed = await addSignature(w, ctx, id, i.holderSignature)
    await audit(w, ctx, {
      action: 'card.issue',
      entity: 'card',
      entityId: id,
      changes: sealed,
      summary: `发${kind.name} ${i.cardNo} 给 ${unit.label} ${RESIDENT_KIND_LABELS[holder.kind as ResidentKind] ?? ''}${holder.name}${i.entry === 'reader' ? '(读卡器)' : ''},押金 ${fenToYuanText(kind.depositFen)} 元,工本费 ${fenToYuanText(kind.feeFen)} 元${i.ownerConsent ? `;业主 ${i.ownerConsent.ownerName} 同意` : ''}`,
    })
    return (await cardRow(w, id))!
  }
}

async function cardFor(w: Writer, id: string): Promise<CardRow> {
  const c = await cardRow(w, id)
  if (!c) throw notFound('门禁卡')
  return c
}

async function addEvent(w: Writer, ctx: Ctx, cardId: string, event: 'lost' | 'returned', who: string | null, note?: string | null) {
  const m = newRowMeta(ctx, newId())
  await w.run('INSERT INTO card_events (id, created_at, updated_at, terminal_id, deleted_at, card_id, event, who, staff_id, note) VALUES (?,?,?,?,NULL,?,?,?,?,?)', [
    m.id, m.createdAt, m.updatedAt, m.terminalId, cardId, event, who, staffId(ctx), note ?? null,
  ])
}

/** 挂失: blocked at once — the next gate export lists it. */
export async function reportLost(ctx: Ctx, i: z.output<typeof cardLostInput>): Promise<CardRow> {
  return ctx.db.tx(async (w) => {
    const c = await cardFor(w, i.id)
    if (c.status === 'lost') throw rule(`门禁卡 ${c.cardNo} 已挂失`, 'id')
    if (c.status === 'returned') throw rule(`门禁卡 ${c.cardNo} 已退卡,不能挂失`, 'id')
    await addEvent(w, ctx, c.id, 'lost', i.reporter, i.note)
    await audit(w, ctx, { action: 'card.lost', entity: 'card', entityId: c.id, summary: `挂失${c.kindName} ${c.cardNo}(${c.unitLabel} ${c.holderName}),挂失人 ${i.reporter},即时停用` })
    return (await cardRow(w, c.id))!
  })
}

/** 补卡: a new number for the same holder, linked old → new; the deposit carries over, the replacement fee is charged. */
export async function replaceCard(ctx: Ctx, i: z.output<typeof cardReplaceInput>): Promise<CardRow> {
  return ctx.db.tx(async (w) => {
    const old = await cardFor(w, i.id)
    if (old.status !== 'lost') throw rule(`门禁卡 ${old.cardNo} 未挂失,先挂失再补卡`, 'id')
    if (old.replacedByCardNo) throw rule(`门禁卡 ${old.cardNo} 已补发新卡 ${old.replacedByCardNo}`, 'id')
    await numberNeverUsed(w, i.cardNo, 'cardNo')
    await needSignature(w, i.holderSignature)
    // A retired kind is not replaced (the site no longer issues it): the holder gets a card of a current kind.
    const kind = (await listKinds(w)).find((k) => k.id === old.kindId)
    if (!kind) throw rule(`「${old.kindName}」已停用,不能补发;请为持卡人另发现用卡类的新卡`, 'id')
    await needStock(w, kind)
    const holder = (await w.get<Holder>('SELECT id, unit_id AS unitId, kind, name FROM residents WHERE id = ?', [old.holderResidentId]))!
    const id = await insertCard(w, ctx, {
      cardNo: i.cardNo, kindId: kind.id, unitId: old.unitId, holder, consent: null, entry: i.entry,
      depositFen: 0, feeFen: kind.replaceFeeFen, replacesCardId: old.id,
    })
    await ledger(w, ctx, id, 'charge', 'replaceFee', kind.replaceFeeFen, i.receiptNo)
    await stockMove(w, ctx, kind.id, 'issued', 1, { cardId: id })
    const sealed = await addSignature(w, ctx, id, i.holderSignature)
    await audit(w, ctx, {
      action: 'card.replace',
      entity: 'card',
      entityId: id,
      changes: sealed,
      summary: `补卡:${old.cardNo} → ${i.cardNo}(${old.unitLabel} ${old.holderName}),补卡费 ${fenToYuanText(kind.replaceFeeFen)} 元,押金沿用`,
    })
    return (await cardRow(w, id))!
  })
}

/** 退卡 at move-out: the deposit held over the card's chain is refunded once. */
export async function returnCard(ctx: Ctx, i: z.output<typeof cardReturnInput>): Promise<CardRow & { refundedFen: number }> {
  return ctx.db.tx(async (w) => {
    const c = await cardFor(w, i.id)
    if (c.status === 'returned') throw rule(`门禁卡 ${c.cardNo} 已退卡,押金已退,不能重复退`, 'id')
    if (c.status === 'lost') throw rule(`门禁卡 ${c.cardNo} 已挂失,不能退卡(卡已不在手上)`, 'id')
    const held = await depositHeld(w, c.id)
    await addEvent(w, ctx, c.id, 'returned', c.holderName, i.note)
    await ledger(w, ctx, c.id, 'refund', 'deposit', held, null, '退卡退押金')
    await audit(w, ctx, { action: 'card.return', entity: 'card', entityId: c.id, summary: `退卡 ${c.cardNo}(${c.unitLabel} ${c.holderName}),退押金 ${fenToYuanText(held)} 元` })
    return { ...(await cardRow(w, c.id))!, refundedFen: held }
  })
}
