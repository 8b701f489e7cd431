import type { OverdueKeyAck } from '../../../shared/duty/handoverSchema'
import { overdueAtHandover } from '../../../shared/duty/handoverRules'
import { overdueMinutes } from '../../../shared/keys/rules'
import type { Reader } from '../db/connection'

interface LoanRecord {
  loanId: string
  tagNo: string
  keyName: string
  hook: string | null
  borrowerName: string
  company: string | null
  purpose: string
  lentAt: string
  dueAt: string
  closed: number
}

const LOANS = `SELECT l.id AS loanId, k.tag_no AS tagNo, k.name AS keyName, k.hook, l.borrower_name AS borrowerName, l.company, l.purpose,
    l.lent_at AS lentAt, l.due_at AS dueAt,
    (EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id) OR EXISTS (SELECT 1 FROM key_losses x WHERE x.loan_id = l.id)) AS closed
  FROM key_loans l JOIN keys k ON k.id = l.key_id`

/**
 * The overdue keys of a handover. Only a custody handover passes them on: the key board is one of
 * the desk's items, held by its custodian, so a clerk handing over without custody has none to pass.
 * While it can still change (a draft, or a closing waiting for the morning) the list is the loans
 * overdue at `now` — the acceptance of a closing lists what is overdue in the morning; once signed,
 * the loans the incoming clerk acknowledged (the acknowledgements are append-only facts).
 */
export async function overdueKeysOf(
  r: Reader,
  h: { id: string; status: string; withCustody: number | boolean; incomingStaffId: string | null },
  now: Date,
): Promise<OverdueKeyAck[]> {
  if (!h.withCustody) return []
  const loans =
    h.status === 'signed'
      ? await r.all<LoanRecord>(`${LOANS} WHERE l.id IN (SELECT loan_id FROM handover_key_acks WHERE handover_id = ? AND staff_id = ?) ORDER BY l.due_at, l.id`, [
          h.id,
          h.incomingStaffId,
        ])
      : overdueAtHandover(
          await r.all<LoanRecord>(
            `${LOANS} WHERE k.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM key_returns r WHERE r.loan_id = l.id)
               AND NOT EXISTS (SELECT 1 FROM key_losses x WHERE x.loan_id = l.id) AND l.due_at < ? ORDER BY l.due_at, l.id`,
            [now.toISOString()],
          ),
          now,
        )
  // Acknowledgements count only for the clerk now taking over (as for open items).
  const acks = await r.all<{ loanId: string; at: string; staffId: string; staffName: string; note: string | null }>(
    `SELECT a.loan_id AS loanId, a.at, a.staff_id AS staffId, s.name AS staffName, a.note FROM handover_key_acks a JOIN staff s ON s.id = a.staff_id
      WHERE a.handover_id = ? AND a.staff_id = ?`,
    [h.id, h.incomingStaffId],
  )
  return loans.map((l) => {
    const a = acks.find((x) => x.loanId === l.loanId)
    return { ...l, closed: !!l.closed, overdueMinutes: overdueMinutes(l.dueAt, a ? new Date(a.at) : now), ack: a ? { at: a.at, staffId: a.staffId, staffName: a.staffName, note: a.note } : null }
  })
}
