import type { CardRow, CardStatus, CardKind, CardStock } from '../../../shared/cards/schema'
import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'

/**
 * A card's state is derived from its facts (cards + card_events), never stored: after a LAN sync
 * merges the facts of several terminals, every terminal derives the same state.
 */
const CARD_SELECT = `
  SELECT c.id, c.card_no AS cardNo, c.kind_id AS kindId, k.name AS kindName, c.unit_id AS unitId,
         b.code AS bcode, u.entrance, u.room, c.holder_resident_id AS holderResidentId, c.holder_name AS holderName,
         c.holder_kind AS holderKind, c.created_at AS issuedAt, s.name AS issuedBy,
         (SELECT created_at FROM card_events e WHERE e.card_id = c.id AND e.event = 'lost') AS lostAt,
         (SELECT created_at FROM card_events e WHERE e.card_id = c.id AND e.event = 'returned') AS returnedAt,
         (SELECT card_no FROM cards p WHERE p.id = c.replaces_card_id) AS replacesCardNo,
         (SELECT card_no FROM cards n WHERE n.replaces_card_id = c.id) AS replacedByCardNo,
         c.replaces_card_id AS replacesCardId,
         (SELECT SUM(CASE l.kind WHEN 'charge' THEN l.amount_fen ELSE -l.amount_fen END) FROM card_ledger l
           WHERE l.card_id = c.id AND l.item = 'deposit') AS ownDeposit
    FROM cards c
    JOIN card_kinds k ON k.id = c.kind_id
    JOIN units u ON u.id = c.unit_id
    JOIN buildings b ON b.id = u.building_id
    JOIN staff s ON s.id = c.staff_id`

interface Raw {
  id: string
  cardNo: string
  kindId: string
  kindName: string
  unitId: string
  bcode: string
  entrance: string
  room: string
  holderResidentId: string
  holderName: string
  holderKind: string
  issuedAt: string
  issuedBy: string
  lostAt: string | null
  returnedAt: string | null
  replacesCardNo: string | null
  replacedByCardNo: string | null
  replacesCardId: string | null
  ownDeposit: number | null
}

/** Returned wins over lost (a returned card can no longer be reported lost; see rules in issue.ts). */
export function statusOf(x: { lostAt: string | null; returnedAt: string | null; issuedAt: string }): { status: CardStatus; since: string } {
  if (x.returnedAt) return { status: 'returned', since: x.returnedAt }
  if (x.lostAt) return { status: 'lost', since: x.lostAt }
  return { status: 'active', since: x.issuedAt }
}

async function toRows(r: Reader, raws: Raw[], withDeposit: boolean): Promise<CardRow[]> {
  const out: CardRow[] = []
  for (const x of raws) {
    out.push({
      id: x.id,
      cardNo: x.cardNo,
      kindId: x.kindId,
      kindName: x.kindName,
      unitId: x.unitId,
      unitLabel: unitLabel(x.bcode, x.entrance, x.room),
      holderResidentId: x.holderResidentId,
      holderName: x.holderName,
      holderKind: x.holderKind,
      ...statusOf(x),
      // Only a replacement carries money booked on other cards (its chain); every other card's is its own.
      depositHeldFen: withDeposit && x.replacesCardId ? await depositHeld(r, x.id) : Math.max(0, x.ownDeposit ?? 0),
      replacesCardNo: x.replacesCardNo,
      replacedByCardNo: x.replacedByCardNo,
      issuedAt: x.issuedAt,
      issuedBy: x.issuedBy,
    })
  }
  return out
}

/** `withDeposit` false (the gate export): a replacement's deposit carried from its chain is not looked up. */
export async function cardRows(r: Reader, where = '1=1', params: unknown[] = [], limit = -1, withDeposit = true): Promise<CardRow[]> {
  return toRows(r, await r.all<Raw>(`${CARD_SELECT} WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${Math.trunc(limit)}`, params as never), withDeposit)
}

export async function cardRow(r: Reader, id: string): Promise<CardRow | undefined> {
  return (await cardRows(r, 'c.id = ?', [id]))[0]
}

/** The card and every card it replaces (a replacement carries the deposit of the lost card). */
export async function chainOf(r: Reader, cardId: string): Promise<string[]> {
  const rows = await r.all<{ id: string }>(
    `WITH RECURSIVE up(id, rid) AS (SELECT id, replaces_card_id FROM cards WHERE id = ?
       UNION ALL SELECT c.id, c.replaces_card_id FROM cards c JOIN up ON c.id = up.rid) SELECT id FROM up`,
    [cardId],
  )
  return rows.map((x) => x.id)
}

/** Deposit charged − refunded over the card's chain. */
export async function depositHeld(r: Reader, cardId: string): Promise<number> {
  const ids = await chainOf(r, cardId)
  const row = await r.get<{ held: number | null }>(
    `SELECT SUM(CASE kind WHEN 'charge' THEN amount_fen ELSE -amount_fen END) AS held FROM card_ledger
      WHERE item = 'deposit' AND card_id IN (${ids.map(() => '?').join(',')})`,
    ids,
  )
  return Math.max(0, row?.held ?? 0)
}

export async function listKinds(r: Reader): Promise<CardKind[]> {
  return r.all<CardKind>(
    'SELECT id, code, name, deposit_fen AS depositFen, fee_fen AS feeFen, replace_fee_fen AS replaceFeeFen FROM card_kinds WHERE deleted_at IS NULL ORDER BY code',
  )
}

/** Stock per kind from its movements (append-only; sums merge across terminals). */
export async function stockOf(r: Reader): Promise<CardStock[]> {
  return r.all<CardStock>(
    `SELECT k.id AS kindId, k.name AS kindName,
            COALESCE(SUM(CASE m.move WHEN 'received' THEN m.count END), 0) AS received,
            COALESCE(SUM(CASE m.move WHEN 'issued' THEN m.count END), 0) AS issued,
            COALESCE(SUM(CASE m.move WHEN 'spoiled' THEN m.count END), 0) AS spoiled,
            COALESCE(SUM(CASE m.move WHEN 'received' THEN m.count ELSE -m.count END), 0) AS onHand
       FROM card_kinds k LEFT JOIN card_stock m ON m.kind_id = k.id
      WHERE k.deleted_at IS NULL GROUP BY k.id ORDER BY k.code`,
  )
}
