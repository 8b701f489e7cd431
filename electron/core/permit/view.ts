import type { PermitPrintRow, PermitView } from '../../../shared/permit/apiSchema'
import { maskIdNumber, maskPhone } from '../../../shared/mask'
import { PERMIT_KIND_LABELS, PERMIT_STATE_LABELS } from '../../../shared/permit/kinds'
import { canPrint, canReview, effectiveState, missingApprovals, nextStep } from '../../../shared/permit/rules'
import type { PermitRecord } from '../../../shared/permit/schema/record'
import type { Ctx } from '../context'
import type { Reader } from '../db/connection'
import { attachmentsOf } from './files'
import { chainOf, ledgerRows, totalsOf } from './ledger'
import { permitRowOf, permitRows } from './list'
import { loadRecord } from './records'
import { checkSeal } from './seal'
import { brokenSealMessage } from '../../../shared/permit/seal'
import { localNow, payloadOf, permitSite } from './site'

/** The permit screen's whole picture of one application / document, as of now, for the caller. */

/** ID numbers and phones masked wherever they sit in the record (applicant, lead, worker, welder, carrier …). */
export function maskRecord(record: PermitRecord): PermitRecord {
  const mask = (o: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => {
        if (typeof v !== 'string') return [k, v]
        if (k === 'idNumber' || k.endsWith('IdNumber')) return [k, maskIdNumber(v)]
        if (k === 'phone' || k.endsWith('Phone')) return [k, maskPhone(v)]
        return [k, v]
      }),
    )
  return { ...record, applicant: mask(record.applicant as never) as never, fields: mask(record.fields as never) as never }
}

async function printsOf(r: Reader, id: string): Promise<PermitPrintRow[]> {
  return r.all<PermitPrintRow>(
    `SELECT pp.at, s.name AS staffName, pp.terminal_id AS terminalId, pp.reprint
       FROM permit_prints pp JOIN staff s ON s.id = pp.staff_id WHERE pp.permit_id = ? ORDER BY pp.reprint`,
    [id],
  )
}

const check = (c: { ok: true } | { ok: false; reason: string }) => (c.ok ? { ok: true } : { ok: false, reason: c.reason })

export async function buildView(ctx: Ctx, id: string): Promise<PermitView> {
  const r = ctx.db.read
  const site = await permitSite(r)
  const now = localNow(ctx, site)
  const { row, record } = await loadRecord(r, id)
  const state = effectiveState(record, now)
  const seal = await checkSeal(r, id, site.secret)
  const what = `${PERMIT_KIND_LABELS[record.kind]} ${row.serial}`
  const replacedBy = await r.get<{ id: string; serial: string }>('SELECT id, serial FROM permits WHERE replaces_id = ?', [id])
  let ledger: PermitView['ledger'] = []
  if (record.kind === 'workerPass') {
    const ids = await chainOf(r, id)
    ledger = await ledgerRows(r, `l.pass_id IN (${ids.map(() => '?').join(',')})`, ids)
  } else if (record.kind === 'renovation') ledger = await ledgerRows(r, 'l.renovation_id = ?', [id])
  else ledger = await ledgerRows(r, 'l.pass_id = ?', [id])
  return {
    id,
    record: maskRecord(record),
    kindName: PERMIT_KIND_LABELS[record.kind],
    effectiveState: state,
    stateLabel: PERMIT_STATE_LABELS[state],
    nextStep: nextStep(record),
    missingApprovals: missingApprovals(record),
    printable: seal.ok ? check(canPrint(record, now)) : { ok: false, reason: brokenSealMessage(what, seal, '打印') },
    reviewable: check(canReview(record, ctx.staff?.roles ?? [], ctx.staff?.id)),
    reviews: record.reviews,
    prints: await printsOf(r, id),
    renovation: row.renovationId ? await permitRowOf(r, now, row.renovationId) : null,
    children: record.kind === 'renovation' ? await permitRows(r, now, 'p.renovation_id = ?', [id], 'ORDER BY p.submitted_at DESC, p.serial DESC') : [],
    replaces: row.replacesId && row.replacesSerial ? { id: row.replacesId, serial: row.replacesSerial } : null,
    replacedBy: replacedBy ?? null,
    ledger,
    deposit: totalsOf(ledger),
    attachments: await attachmentsOf(r, id, record.kind, ctx.staff?.roles ?? []),
    verifyPayload: payloadOf(site, record, Math.max(0, record.printCount - 1)),
    seal,
  }
}
