import { complaintApi } from '../../../shared/complaint/api'
import { analyseComplaints } from '../../../shared/complaint/analysis'
import { localDayRange } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { DeskError } from '../errors'
import { implement } from '../methods'
import { complaintAnalysisDoc, complaintRegisterDoc, complaintSlipDoc } from '../print/docs/complaint'
import { renderPdf } from '../print/pdf'
import { getSite } from '../site/service'
import { complaintDetail, complaintsReceived, openComplaints, undecidedComplaints } from './read'
import { callBack, closeComplaint, createComplaint, decideValidity, followUpComplaint, issueSlip, recordResult } from './register'
import { complaintSettings, saveComplaintSettings } from './settings'

async function printed(ctx: Ctx, what: string, fileName: string, pdf: Buffer) {
  await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity: what, entityId: null, summary: `打印 ${fileName}` }))
  return { fileName, pdfBase64: pdf.toString('base64') }
}

async function printSite(ctx: Ctx) {
  const site = await getSite(ctx)
  return { ...site, phone: site.permit.serviceCenterPhone }
}

async function inRange(ctx: Ctx, from: string, to: string) {
  const range = localDayRange(from, to, (await getSite(ctx)).timeZone)
  return complaintsReceived(ctx.db.read, range.from, range.to, ctx.now())
}

async function analysis(ctx: Ctx, from: string, to: string) {
  const [rows, site, settings] = await Promise.all([inRange(ctx, from, to), getSite(ctx), complaintSettings(ctx.db.read)])
  return analyseComplaints(rows, site.timeZone, settings.recurDays)
}

const rangeName = (from: string, to: string) => (from === to ? from : `${from}至${to}`)

export const complaintMethods = implement(complaintApi, {
  'complaint.settings': (_i, ctx) => complaintSettings(ctx.db.read),
  'complaint.saveSettings': (i, ctx) => saveComplaintSettings(ctx, i),
  'complaint.create': (i, ctx) => createComplaint(ctx, i),
  'complaint.get': async (i, ctx) => {
    const d = await complaintDetail(ctx.db.read, i.id, ctx.now())
    if (!d) throw new DeskError('NOT_FOUND', '投诉记录不存在', 'id')
    return d
  },
  'complaint.open': (_i, ctx) => openComplaints(ctx.db.read, ctx.now()),
  'complaint.list': (i, ctx) => inRange(ctx, i.from, i.to),
  'complaint.issueSlip': (i, ctx) => issueSlip(ctx, i),
  'complaint.followUp': (i, ctx) => followUpComplaint(ctx, i),
  'complaint.result': (i, ctx) => recordResult(ctx, i),
  'complaint.callBack': (i, ctx) => callBack(ctx, i),
  'complaint.close': (i, ctx) => closeComplaint(ctx, i),
  'complaint.decideValidity': (i, ctx) => decideValidity(ctx, i),
  'complaint.queue': async (_i, ctx) => ({
    major: (await openComplaints(ctx.db.read, ctx.now())).filter((c) => c.severity === 'major'),
    undecided: await undecidedComplaints(ctx.db.read, ctx.now()),
  }),
  'complaint.analysis': (i, ctx) => analysis(ctx, i.from, i.to),
  'complaint.printSlip': async (i, ctx) => {
    const s = await ctx.db.read.get<{ complaint_id: string }>('SELECT complaint_id FROM complaint_slips WHERE id = ?', [i.slipId])
    if (!s) throw new DeskError('NOT_FOUND', '工作联系单不存在', 'slipId')
    const c = (await complaintDetail(ctx.db.read, s.complaint_id, ctx.now()))!
    const slip = c.slips.find((x) => x.id === i.slipId)!
    const pdf = await renderPdf(complaintSlipDoc(await printSite(ctx), c, slip, ctx.now()))
    return printed(ctx, 'complaintSlip', `工作联系单-${slip.serial}.pdf`, pdf)
  },
  'complaint.printRegister': async (i, ctx) => {
    const pdf = await renderPdf(complaintRegisterDoc(await printSite(ctx), i.from, i.to, await inRange(ctx, i.from, i.to), ctx.now()))
    return printed(ctx, 'complaintRegister', `客户投诉登记表-${rangeName(i.from, i.to)}.pdf`, pdf)
  },
  'complaint.printAnalysis': async (i, ctx) => {
    const pdf = await renderPdf(complaintAnalysisDoc(await printSite(ctx), i.from, i.to, await analysis(ctx, i.from, i.to), ctx.now()))
    return printed(ctx, 'complaintAnalysis', `投诉统计分析-${rangeName(i.from, i.to)}.pdf`, pdf)
  },
})
