import { maskIdNumber, maskPhone } from '../../../shared/mask'
import { unitLabel } from '../../../shared/registry/schema'
import { collectorStatus, type CollectorRef, type OwnerRef } from '../../../shared/spareKeys/rules'
import type { SpareKeyCollector, SpareKeyDeposit, SpareKeyMove, SpareKeyState, UnitSpareKeys } from '../../../shared/spareKeys/schema'
import { localDate } from '../../../shared/time/zone'
import type { Reader } from '../db/connection'

/**
 * A deposit's state is derived from its facts, never stored: closed once a 'close' move exists; out
 * while its latest release/return move (by time, then id) is a release; held otherwise. After a LAN
 * sync merges several terminals' moves, every terminal derives the same state from the same union.
 */
const LAST_MOVE = `(SELECT m.id FROM spare_key_moves m WHERE m.deposit_id = d.id AND m.move IN ('release', 'return') ORDER BY m.at DESC, m.id DESC LIMIT 1)`

const DEPOSIT_SELECT = `
  SELECT d.id, d.receipt_no AS receiptNo, d.unit_id AS unitId, b.code AS bcode, u.entrance, u.room,
         d.owner_resident_id AS ownerResidentId, d.owner_name AS ownerName, d.description, d.key_count AS keyCount,
         COALESCE((SELECT m.bag_no FROM spare_key_moves m WHERE m.deposit_id = d.id AND m.move = 'return' AND m.bag_no IS NOT NULL ORDER BY m.at DESC, m.id DESC LIMIT 1), d.bag_no) AS bagNo,
         d.deposited_at AS depositedAt, s.name AS depositedBy, d.note,
         lm.move AS lastMove, lm.person_name AS lastPerson, lm.at AS lastAt,
         (SELECT MIN(m.at) FROM spare_key_moves m WHERE m.deposit_id = d.id AND m.move = 'close') AS closedAt
    FROM spare_key_deposits d
    JOIN units u ON u.id = d.unit_id
    JOIN buildings b ON b.id = u.building_id
    JOIN staff s ON s.id = d.staff_id
    LEFT JOIN spare_key_moves lm ON lm.id = ${LAST_MOVE}`

interface DepositRaw {
  id: string
  receiptNo: string
  unitId: string
  bcode: string
  entrance: string
  room: string
  ownerResidentId: string
  ownerName: string
  description: string
  keyCount: number
  bagNo: string
  depositedAt: string
  depositedBy: string
  note: string | null
  lastMove: 'release' | 'return' | null
  lastPerson: string | null
  lastAt: string | null
  closedAt: string | null
}

function toDeposit(x: DepositRaw): SpareKeyDeposit {
  const state: SpareKeyState = x.closedAt ? 'closed' : x.lastMove === 'release' ? 'out' : 'held'
  return {
    id: x.id,
    receiptNo: x.receiptNo,
    unitId: x.unitId,
    unitLabel: unitLabel(x.bcode, x.entrance, x.room),
    ownerResidentId: x.ownerResidentId,
    ownerName: x.ownerName,
    description: x.description,
    keyCount: x.keyCount,
    bagNo: x.bagNo,
    depositedAt: x.depositedAt,
    depositedBy: x.depositedBy,
    note: x.note,
    state,
    outTo: state === 'out' ? x.lastPerson : null,
    outSince: state === 'out' ? x.lastAt : null,
    closedAt: x.closedAt,
  }
}

export async function depositById(r: Reader, id: string): Promise<SpareKeyDeposit | null> {
  const x = await r.get<DepositRaw>(`${DEPOSIT_SELECT} WHERE d.id = ?`, [id])
  return x ? toDeposit(x) : null
}

/** Deposits, open ones (held and out) unless closed ones are asked for too; newest first. */
export async function listDeposits(r: Reader, opts: { unitId?: string; includeClosed?: boolean } = {}): Promise<SpareKeyDeposit[]> {
  const rows = await r.all<DepositRaw>(`${DEPOSIT_SELECT} ${opts.unitId ? 'WHERE d.unit_id = ?' : ''} ORDER BY d.deposited_at DESC, d.id DESC`, opts.unitId ? [opts.unitId] : [])
  return rows.map(toDeposit).filter((d) => opts.includeClosed || d.state !== 'closed')
}

/**
 * Keys on the hooks at the desk now: deposited, not out, not closed (the handover's custody line for
 * spare keys). Counted in SQL so the handover reads it in one query however long the history.
 */
export async function spareKeysHeld(r: Reader): Promise<number> {
  const row = await r.get<{ n: number | null }>(
    `SELECT SUM(d.key_count) AS n FROM spare_key_deposits d
      WHERE NOT EXISTS (SELECT 1 FROM spare_key_moves c WHERE c.deposit_id = d.id AND c.move = 'close')
        AND COALESCE((SELECT m.move FROM spare_key_moves m WHERE m.deposit_id = d.id AND m.move IN ('release', 'return') ORDER BY m.at DESC, m.id DESC LIMIT 1), 'return') = 'return'`,
  )
  return row?.n ?? 0
}

interface CollectorRaw {
  ownerGone: number
  id: string
  unitId: string
  ownerName: string
  name: string
  idNumber: string
  phone: string
  relation: string
  validFrom: string
  validTo: string
  note: string | null
  endedAt: string | null
  endReason: string | null
  enteredBy: string
}

const COLLECTOR_SELECT = `
  SELECT c.id, c.unit_id AS unitId, c.owner_name AS ownerName, c.name, c.id_number AS idNumber, c.phone, c.relation,
         c.valid_from AS validFrom, c.valid_to AS validTo, c.note, s.name AS enteredBy,
         NOT EXISTS (SELECT 1 FROM residents o WHERE o.id = c.owner_resident_id AND o.unit_id = c.unit_id AND o.kind = 'owner' AND o.deleted_at IS NULL) AS ownerGone,
         (SELECT MIN(e.created_at) FROM spare_key_collector_ends e WHERE e.collector_id = c.id) AS endedAt,
         (SELECT e.reason FROM spare_key_collector_ends e WHERE e.collector_id = c.id ORDER BY e.created_at, e.id LIMIT 1) AS endReason
    FROM spare_key_collectors c
    JOIN staff s ON s.id = c.staff_id`

/** The collectors of a unit as the registry's facts hold them, full ID numbers (for the check, never for a list). */
export async function collectorRefs(r: Reader, unitId: string, tz: string): Promise<CollectorRef[]> {
  const rows = await r.all<CollectorRaw>(`${COLLECTOR_SELECT} WHERE c.unit_id = ?`, [unitId])
  return rows.map((c) => ({ id: c.id, name: c.name, idNumber: c.idNumber, validFrom: c.validFrom, validTo: c.validTo, endedOn: c.endedAt ? localDate(c.endedAt, tz) : null, ownerGone: !!c.ownerGone, ownerName: c.ownerName }))
}

export async function ownerRefs(r: Reader, unitId: string): Promise<OwnerRef[]> {
  return r.all<OwnerRef>("SELECT id, name, id_number AS idNumber FROM residents WHERE unit_id = ? AND kind = 'owner' AND deleted_at IS NULL ORDER BY name", [unitId])
}

/** Collectors of a unit for lists: masked ID and phone, their standing today, their files (no content). */
export async function listCollectors(r: Reader, unitId: string, now: Date, tz: string, id?: string): Promise<SpareKeyCollector[]> {
  const rows = await r.all<CollectorRaw>(`${COLLECTOR_SELECT} WHERE ${id ? 'c.id = ?' : 'c.unit_id = ?'} ORDER BY c.valid_to DESC, c.id`, [id ?? unitId])
  const today = localDate(now, tz)
  const out: SpareKeyCollector[] = []
  for (const c of rows) {
    const files = await r.all<SpareKeyCollector['files'][number]>(
      'SELECT id, label, file_name AS fileName, mime, size_bytes AS sizeBytes FROM spare_key_files WHERE collector_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
      [c.id],
    )
    out.push({
      id: c.id,
      unitId: c.unitId,
      ownerName: c.ownerName,
      name: c.name,
      idNumber: maskIdNumber(c.idNumber),
      phone: maskPhone(c.phone),
      relation: c.relation,
      validFrom: c.validFrom,
      validTo: c.validTo,
      note: c.note,
      status: collectorStatus({ ...c, ownerGone: !!c.ownerGone }, today),
      endedAt: c.endedAt,
      endReason: c.endReason,
      enteredBy: c.enteredBy,
      files,
    })
  }
  // Those who may collect today first, then not yet valid, then expired and ended.
  const rank = { valid: 0, notYet: 1, expired: 2, ownerGone: 3, ended: 4 } as const
  return out.sort((a, b) => rank[a.status] - rank[b.status])
}

/** spareKey.forUnit: what the unit page shows — open deposits and who may collect them. */
export async function forUnit(r: Reader, unitId: string, now: Date, tz: string): Promise<UnitSpareKeys> {
  const deposits = await listDeposits(r, { unitId })
  return {
    deposits,
    collectors: await listCollectors(r, unitId, now, tz),
    keysHeld: deposits.filter((d) => d.state === 'held').reduce((s, d) => s + d.keyCount, 0),
  }
}

interface MoveRaw {
  id: string
  depositId: string
  receiptNo: string
  bcode: string
  entrance: string
  room: string
  move: SpareKeyMove['move']
  at: string
  personName: string
  personRole: SpareKeyMove['personRole']
  idNumber: string | null
  entry: SpareKeyMove['entry']
  keyCount: number | null
  bagNo: string | null
  reason: string | null
  staffName: string
}

/** The history of a deposit or of a unit's deposits: the deposit itself, then every movement, refusals included; oldest first. */
export async function history(r: Reader, by: { depositId?: string; unitId?: string }): Promise<SpareKeyMove[]> {
  const where = by.depositId ? 'd.id = ?' : 'd.unit_id = ?'
  const arg = by.depositId ?? by.unitId
  const rows = await r.all<MoveRaw>(
    `SELECT d.id AS id, d.id AS depositId, d.receipt_no AS receiptNo, b.code AS bcode, u.entrance, u.room, 'deposit' AS move, d.deposited_at AS at,
            d.owner_name AS personName, 'owner' AS personRole, NULL AS idNumber, NULL AS entry, d.key_count AS keyCount, d.bag_no AS bagNo, d.note AS reason, s.name AS staffName
       FROM spare_key_deposits d JOIN units u ON u.id = d.unit_id JOIN buildings b ON b.id = u.building_id JOIN staff s ON s.id = d.staff_id
      WHERE ${where}
     UNION ALL
     SELECT m.id, d.id, d.receipt_no, b.code, u.entrance, u.room, m.move, m.at, m.person_name, m.person_role, m.id_number, m.entry, m.key_count, m.bag_no, m.reason, s.name
       FROM spare_key_moves m JOIN spare_key_deposits d ON d.id = m.deposit_id JOIN units u ON u.id = d.unit_id JOIN buildings b ON b.id = u.building_id JOIN staff s ON s.id = m.staff_id
      WHERE ${where}
     ORDER BY at, id`,
    [arg, arg],
  )
  return rows.map((m) => ({
    id: m.id,
    depositId: m.depositId,
    receiptNo: m.receiptNo,
    unitLabel: unitLabel(m.bcode, m.entrance, m.room),
    move: m.move,
    at: m.at,
    personName: m.personName,
    personRole: m.personRole,
    idNumber: m.idNumber ? maskIdNumber(m.idNumber) : null,
    entry: m.entry,
    keyCount: m.keyCount,
    bagNo: m.bagNo,
    reason: m.reason,
    staffName: m.staffName,
  }))
}
