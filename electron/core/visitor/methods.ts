import { visitorApi } from '../../../shared/visitor/api'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { implement } from '../methods'
import { renderPdf } from '../print/pdf'
import { getSite } from '../site/service'
import { localDate } from '../../../shared/time/zone'
import { cancelExpected, expectedOfDay, expectVisitor } from './expected'
import { visitDayDoc, visitorSlipDoc } from './print'
import { saveVisitorSettings, visitorSettings } from './settings'
import { signIn, signOut, updateVisit, visitById, visitorsInside, visitsOfDay } from './visits'

async function printSite(ctx: Ctx) {
  const site = await getSite(ctx)
  return { ...site, phone: site.permit.serviceCenterPhone }
}

export const visitorMethods = implement(visitorApi, {
  'visitor.settings': (_i, ctx) => visitorSettings(ctx.db.read),
  'visitor.saveSettings': (i, ctx) => saveVisitorSettings(ctx, i),
  'visitor.signIn': (i, ctx) => signIn(ctx, i),
  'visitor.update': (i, ctx) => updateVisit(ctx, i),
  'visitor.signOut': (i, ctx) => signOut(ctx, i),
  'visitor.inside': (_i, ctx) => visitorsInside(ctx),
  'visitor.day': (i, ctx) => visitsOfDay(ctx.db.read, i.date),
  'visitor.expect': (i, ctx) => expectVisitor(ctx, i),
  'visitor.cancelExpected': (i, ctx) => cancelExpected(ctx, i),
  'visitor.expected': async (i, ctx) => expectedOfDay(ctx.db.read, i.date ?? localDate(ctx.now(), (await getSite(ctx)).timeZone)),
  'visitor.printSlip': async (i, ctx) => {
    const v = await visitById(ctx.db.read, i.id)
    // Printed before (the audit trail holds every print): this one says 补打. The QR is the same —
    // the slip is good for its day only, so a second paper adds no lasting risk.
    const before = await ctx.db.read.get<{ n: number }>("SELECT count(*) AS n FROM audit_events WHERE action = 'print' AND entity = 'visitorSlip' AND entity_id = ?", [v.id])
    const pdf = await renderPdf(visitorSlipDoc(await printSite(ctx), v, ctx.now(), (before?.n ?? 0) > 0))
    await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity: 'visitorSlip', entityId: v.id, summary: `打印访客单 ${v.serial}(${v.visitorName})` }))
    return { fileName: `访客单-${v.serial}.pdf`, pdfBase64: pdf.toString('base64') }
  },
  'visitor.printDay': async (i, ctx) => {
    const pdf = await renderPdf(visitDayDoc(await printSite(ctx), i.date, await visitsOfDay(ctx.db.read, i.date), ctx.now()))
    await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity: 'visitBook', entityId: null, summary: `打印 业户访问记录-${i.date}.pdf` }))
    return { fileName: `业户访问记录-${i.date}.pdf`, pdfBase64: pdf.toString('base64') }
  },
})
