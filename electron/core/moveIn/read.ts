import type { MoveInRow } from '../../../shared/moveIn/schema'
import { unitLabel } from '../../../shared/registry/schema'
import type { Reader } from '../db/connection'

interface Raw {
  id: string
  serial: string
  unitId: string
  code: string
  entrance: string
  room: string
  ownerResidentId: string
  ownerName: string
  doorKeys: number
  electricityCards: number
  waterCards: number
  mailboxKeys: number
  documents: string
  note: string | null
  startedAt: string
  staffName: string
  signedAt: string | null
  signedByName: string | null
  drawn: number
}

const SELECT = `SELECT m.id, m.serial, m.unit_id AS unitId, b.code, u.entrance, u.room, m.owner_resident_id AS ownerResidentId,
  r.name AS ownerName, m.door_keys AS doorKeys, m.electricity_cards AS electricityCards, m.water_cards AS waterCards,
  m.mailbox_keys AS mailboxKeys, m.documents, m.note, m.created_at AS startedAt, st.name AS staffName,
  sg.signed_at AS signedAt, sg.owner_name AS signedByName, sg.drawn IS NOT NULL AS drawn
  FROM move_ins m JOIN units u ON u.id = m.unit_id JOIN buildings b ON b.id = u.building_id
  JOIN residents r ON r.id = m.owner_resident_id JOIN staff st ON st.id = m.staff_id
  LEFT JOIN move_in_signatures sg ON sg.move_in_id = m.id`

export async function moveInRows(r: Reader, where = '1=1', params: unknown[] = [], limit = 200): Promise<MoveInRow[]> {
  const rows = await r.all<Raw>(`${SELECT} WHERE m.deleted_at IS NULL AND ${where} ORDER BY m.created_at DESC, m.id DESC LIMIT ${Math.trunc(limit)}`, params)
  if (!rows.length) return []
  const cards = await r.all<{ moveInId: string; cardId: string; cardNo: string; kindName: string; holderName: string; issuedAt: string }>(
    `SELECT mc.move_in_id AS moveInId, c.id AS cardId, c.card_no AS cardNo, k.name AS kindName, c.holder_name AS holderName, c.created_at AS issuedAt
     FROM move_in_cards mc JOIN cards c ON c.id = mc.card_id JOIN card_kinds k ON k.id = c.kind_id
     WHERE mc.move_in_id IN (${rows.map(() => '?').join(',')}) ORDER BY c.created_at, c.id`,
    rows.map((x) => x.id),
  )
  return rows.map((x) => ({
    id: x.id,
    serial: x.serial,
    unitId: x.unitId,
    unitLabel: unitLabel(x.code, x.entrance, x.room),
    ownerResidentId: x.ownerResidentId,
    ownerName: x.ownerName,
    doorKeys: x.doorKeys,
    electricityCards: x.electricityCards,
    waterCards: x.waterCards,
    mailboxKeys: x.mailboxKeys,
    documents: JSON.parse(x.documents) as string[],
    note: x.note,
    cards: cards.filter((c) => c.moveInId === x.id).map(({ moveInId: _m, ...c }) => c),
    startedAt: x.startedAt,
    staffName: x.staffName,
    signedAt: x.signedAt,
    signedByName: x.signedByName,
    hasDrawnSignature: !!x.drawn,
  }))
}

export async function moveInRow(r: Reader, id: string): Promise<MoveInRow | undefined> {
  return (await moveInRows(r, 'm.id = ?', [id], 1))[0]
}
