import { printApi } from '../../../shared/print/api'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { listShifts } from '../duty/dutyShift'
import { getRoster } from '../duty/roster'
import { verifyOne } from '../duty/handoverChain'
import { buildView } from '../duty/handoverView'
import { listEntries } from '../duty/logQuery'
import { rule } from '../errors'
import { implement } from '../methods'
import { localDateTime } from '../../../shared/time/zone'
import { getSite } from '../site/service'
import { dayLogDoc } from './docs/dayLog'
import { handoverDoc } from './docs/handover'
import { rosterDoc } from './docs/roster'
import { renderPdf } from './pdf'

/** Every print is recorded in the audit trail (who printed what, when, on which terminal). */
async function logged(ctx: Ctx, what: string, entityId: string | null, fileName: string, pdf: Buffer, tampered = false) {
  const summary = `打印 ${fileName}${tampered ? '(校验不符,已在纸面注明)' : ''}`
  await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity: what, entityId, summary }))
  return { fileName, pdfBase64: pdf.toString('base64') }
}

/** Site name, office, zone and the service center's phone, as every printed document heads itself. */
async function printSite(ctx: Ctx) {
  const site = await getSite(ctx)
  return { ...site, phone: site.permit.serviceCenterPhone }
}

export const printMethods = implement(printApi, {
  'print.handover': async (i, ctx) => {
    const site = await printSite(ctx)
    const v = await buildView(ctx.db.read, i.id, ctx.now())
    const pdf = await renderPdf(handoverDoc(site, v, ctx.now()))
    return logged(ctx, 'handover', v.id, `交接班记录表-${v.outgoingShift.date}-${v.outgoingShift.shiftName}.pdf`, pdf, v.integrity?.ok === false)
  },
  'print.dayLog': async (i, ctx) => {
    const site = await printSite(ctx)
    const shifts = (await listShifts(ctx, { from: i.date, to: i.date })).filter((s) => s.date === i.date)
    const entries: Awaited<ReturnType<typeof listEntries>>['rows'] = []
    for (const s of shifts) entries.push(...(await listEntries(ctx, { shiftId: s.id, from: undefined, to: undefined, page: 1, pageSize: 200 })).rows)
    entries.sort((a, b) => a.at.localeCompare(b.at))
    // A shift whose signed handover no longer verifies: its entries may have been changed behind the app.
    const broken: string[] = []
    for (const s of shifts) {
      const signed = await ctx.db.read.all<{ id: string }>("SELECT id FROM handovers WHERE outgoing_shift_id = ? AND status = 'signed'", [s.id])
      for (const h of signed) if ((await verifyOne(ctx.db.read, h.id))?.ok === false) broken.push(`${s.shiftName}(${s.staffName})`)
    }
    const pdf = await renderPdf(dayLogDoc(site, i.date, shifts, entries, ctx.now(), broken))
    return logged(ctx, 'dayLog', null, `值班记录表-${i.date}.pdf`, pdf, broken.length > 0)
  },
  'print.roster': async (i, ctx) => {
    const site = await printSite(ctx)
    const view = await getRoster(ctx, i.month)
    if (view.status !== 'published') throw rule('只有已发布的排班表可以打印', 'month')
    const pdf = await renderPdf(rosterDoc(site, view, localDateTime(ctx.now(), site.timeZone)))
    return logged(ctx, 'roster', null, `排班表-${i.month}.pdf`, pdf)
  },
})
