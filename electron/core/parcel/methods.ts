import { parcelApi } from '../../../shared/parcel/api'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { implement } from '../methods'
import { renderPdf } from '../print/pdf'
import { getSite } from '../site/service'
import { addDelegate, notifyParcel, parcelById, parcelsInRange, parcelsWaiting, pickUpParcel, receiveParcel } from './parcels'
import { parcelListDoc, parcelSlipDoc } from './print'
import { parcelSettings, saveParcelSettings } from './settings'

async function printSite(ctx: Ctx) {
  const site = await getSite(ctx)
  return { ...site, phone: site.permit.serviceCenterPhone }
}

async function signaturesOf(ctx: Ctx, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await ctx.db.read.all<{ parcel_id: string; signature: string }>(
    `SELECT parcel_id, signature FROM parcel_pickups WHERE signature IS NOT NULL AND parcel_id IN (${ids.map(() => '?').join(',')})`,
    ids,
  )
  return new Map(rows.map((r) => [r.parcel_id, r.signature]))
}

async function printed(ctx: Ctx, entity: string, entityId: string | null, fileName: string, pdf: Buffer) {
  await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity, entityId, summary: `打印 ${fileName}` }))
  return { fileName, pdfBase64: pdf.toString('base64') }
}

export const parcelMethods = implement(parcelApi, {
  'parcel.settings': (_i, ctx) => parcelSettings(ctx.db.read),
  'parcel.saveSettings': (i, ctx) => saveParcelSettings(ctx, i),
  'parcel.receive': (i, ctx) => receiveParcel(ctx, i),
  'parcel.notify': (i, ctx) => notifyParcel(ctx, i),
  'parcel.addDelegate': (i, ctx) => addDelegate(ctx, i),
  'parcel.pickUp': (i, ctx) => pickUpParcel(ctx, i),
  'parcel.waiting': (_i, ctx) => parcelsWaiting(ctx),
  'parcel.list': (i, ctx) => parcelsInRange(ctx, i.from, i.to),
  'parcel.print': async (i, ctx) => {
    const rows = await parcelsInRange(ctx, i.from, i.to)
    const { overdueDays } = await parcelSettings(ctx.db.read)
    const pdf = await renderPdf(parcelListDoc(await printSite(ctx), i.from, i.to, rows, await signaturesOf(ctx, rows.map((p) => p.id)), ctx.now(), overdueDays))
    return printed(ctx, 'parcelList', null, `邮件领取登记表-${i.from === i.to ? i.from : `${i.from}至${i.to}`}.pdf`, pdf)
  },
  'parcel.printSlip': async (i, ctx) => {
    const p = await parcelById(ctx, i.id)
    const pdf = await renderPdf(parcelSlipDoc(await printSite(ctx), p, (await signaturesOf(ctx, [p.id])).get(p.id), ctx.now()))
    return printed(ctx, 'parcelSlip', p.id, `邮件领取单-${p.serial}.pdf`, pdf)
  },
})
