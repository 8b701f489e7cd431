import { maskPhone } from '../../../shared/mask'
import { unitLabel } from '../../../shared/registry/schema'
import { repairClocks, type RepairTimes } from '../../../shared/repair/clocks'
import type { RepairBreach, RepairDetail, RepairPhoto, RepairRow, RepairState, RepairStep, RepairStepKind } from '../../../shared/repair/schema'
import type { Reader } from '../db/connection'

/**
 * Reading repair orders: an order's state and clocks are derived from its facts. Of each step the
 * earliest fact counts (two terminals recording the same step offline both keep theirs after a
 * merge, issue H); the order is closed by the first call-back that closes it.
 */
const first = (step: RepairStepKind, col = 'at', extra = '') =>
  `(SELECT ${col} FROM repair_steps s WHERE s.order_id = o.id AND s.step = '${step}'${extra} ORDER BY s.at, s.id LIMIT 1)`

export const ORDER_SELECT = `
  SELECT o.id, o.serial, o.unit_id AS unitId, b.code AS bcode, u.entrance, u.room, o.contact_name AS contactName, o.contact_phone AS contactPhone,
    o.category, o.content, o.urgent, o.appointment_at AS appointmentAt, o.received_at AS receivedAt, st.name AS staffName,
    o.forward_due_at AS forwardDueAt, o.on_site_due_at AS onSiteDueAt, o.done_due_at AS doneDueAt,
    ${first('forward')} AS forwardedAt, ${first('forward', 'who')} AS forwardedTo, ${first('arrive')} AS arrivedAt,
    ${first('complete')} AS completedAt, ${first('complete', 'callback_due_at')} AS callbackDueAt,
    ${first('callback', 'at', ' AND s.closes = 1')} AS closedAt
  FROM repair_orders o
  JOIN units u ON u.id = o.unit_id
  JOIN buildings b ON b.id = u.building_id
  JOIN staff st ON st.id = o.staff_id`

export interface OrderRecord extends RepairTimes {
  id: string
  serial: string
  unitId: string
  bcode: string
  entrance: string
  room: string
  contactName: string
  contactPhone: string
  category: string
  content: string
  urgent: number
  appointmentAt: string | null
  staffName: string
  forwardedTo: string | null
}

export function stateOf(o: RepairTimes): RepairState {
  if (o.closedAt) return 'closed'
  if (o.completedAt) return 'completed'
  if (o.arrivedAt) return 'onSite'
  if (o.forwardedAt) return 'forwarded'
  return 'toForward'
}

export function toRow(o: OrderRecord, now: Date, fullPhone = false): RepairRow {
  const clocks = repairClocks(o, now)
  return {
    id: o.id,
    serial: o.serial,
    unitId: o.unitId,
    unitLabel: unitLabel(o.bcode, o.entrance, o.room),
    contactName: o.contactName,
    contactPhone: fullPhone ? o.contactPhone : maskPhone(o.contactPhone),
    category: o.category,
    content: o.content,
    urgent: !!o.urgent,
    appointmentAt: o.appointmentAt,
    receivedAt: o.receivedAt,
    staffName: o.staffName,
    state: stateOf(o),
    forwardedTo: o.forwardedTo,
    clocks,
    late: clocks.some((c) => c.state === 'late' || c.state === 'breached'),
  }
}

export async function orderRecord(r: Reader, id: string): Promise<OrderRecord | undefined> {
  return r.get<OrderRecord>(`${ORDER_SELECT} WHERE o.id = ? AND o.deleted_at IS NULL`, [id])
}

/** The most urgent first: late clocks (longest late first), then the nearest due. */
function urgency(r: RepairRow): number {
  const running = r.clocks.filter((c) => c.state === 'running' || c.state === 'late')
  if (!running.length) return Number.MAX_SAFE_INTEGER
  return Math.min(...running.map((c) => c.leftMs))
}

/** Open orders (not closed by a call-back), most urgent first. */
export async function openOrders(r: Reader, now: Date): Promise<RepairRow[]> {
  const rows = await r.all<OrderRecord>(
    `${ORDER_SELECT} WHERE o.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM repair_steps c WHERE c.order_id = o.id AND c.step = 'callback' AND c.closes = 1) ORDER BY o.received_at, o.id`,
  )
  return rows
    .map((o) => toRow(o, now))
    .sort((a, b) => urgency(a) - urgency(b) || a.receivedAt.localeCompare(b.receivedAt))
}

/** 当日报修登记: orders received in [from, to) and those completed in it, in the order received. */
export async function ordersOfDay(r: Reader, range: { from: string; to: string }, now: Date): Promise<RepairRow[]> {
  const rows = await r.all<OrderRecord>(
    `${ORDER_SELECT} WHERE o.deleted_at IS NULL AND ((o.received_at >= ? AND o.received_at < ?)
       OR EXISTS (SELECT 1 FROM repair_steps c WHERE c.order_id = o.id AND c.step = 'complete' AND c.at >= ? AND c.at < ?))
     ORDER BY o.received_at, o.id`,
    [range.from, range.to, range.from, range.to],
  )
  return rows.map((o) => toRow(o, now))
}

interface StepRecord {
  id: string
  step: RepairStepKind
  at: string
  recordedAt: string
  staffName: string
  who: string | null
  note: string | null
  materials: string | null
  charges: string | null
  result: string | null
  reached: number | null
  satisfied: number | null
  closes: number
}

export async function orderDetail(r: Reader, id: string, now: Date): Promise<RepairDetail | null> {
  const o = await orderRecord(r, id)
  if (!o) return null
  const steps = await r.all<StepRecord>(
    `SELECT s.id, s.step, s.at, s.created_at AS recordedAt, st.name AS staffName, s.who, s.note, s.materials, s.charges, s.result, s.reached, s.satisfied, s.closes
       FROM repair_steps s JOIN staff st ON st.id = s.staff_id WHERE s.order_id = ? ORDER BY s.at, s.created_at, s.id`,
    [id],
  )
  const breaches = await r.all<RepairBreach>(
    'SELECT id, clock, due_at AS dueAt, stopped_at AS stoppedAt, over_ms AS overMs FROM repair_breaches WHERE order_id = ? ORDER BY stopped_at, id',
    [id],
  )
  const photos = await r.all<RepairPhoto>('SELECT id, label, file_name AS fileName, mime, size_bytes AS sizeBytes FROM repair_files WHERE order_id = ? AND deleted_at IS NULL ORDER BY created_at, id', [id])
  return {
    ...toRow(o, now, true),
    now: now.toISOString(),
    steps: steps.map<RepairStep>((s) => ({
      ...s,
      reached: s.reached === null ? null : !!s.reached,
      satisfied: s.satisfied === null ? null : !!s.satisfied,
      closes: !!s.closes,
    })),
    breaches,
    photos,
  }
}
