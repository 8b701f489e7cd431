import { keyApi } from '../../../shared/keys/api'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { implement } from '../methods'
import { keyBookDoc, keyRegisterDoc } from '../print/docs/keys'
import { renderPdf } from '../print/pdf'
import { getSite } from '../site/service'
import { lendKey, loansInRange, loansOut, reportLost, returnKey, staffOptions } from './loans'
import { createKey, listKeys, removeKey, updateKey } from './register'

async function printed(ctx: Ctx, what: string, fileName: string, pdf: Buffer) {
  await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity: what, entityId: null, summary: `打印 ${fileName}` }))
  return { fileName, pdfBase64: pdf.toString('base64') }
}

async function printSite(ctx: Ctx) {
  const site = await getSite(ctx)
  return { ...site, phone: site.permit.serviceCenterPhone }
}

export const keyMethods = implement(keyApi, {
  'key.list': (_i, ctx) => listKeys(ctx.db.read),
  'key.create': (i, ctx) => createKey(ctx, i),
  'key.update': (i, ctx) => updateKey(ctx, i),
  'key.remove': (i, ctx) => removeKey(ctx, i),
  'key.printRegister': async (_i, ctx) => {
    const site = await printSite(ctx)
    const now = ctx.now()
    const pdf = await renderPdf(keyRegisterDoc(site, await listKeys(ctx.db.read), now, await loansOut(ctx)))
    return printed(ctx, 'keyRegister', `公共钥匙登记表.pdf`, pdf)
  },
  'keyLoan.staffOptions': (_i, ctx) => staffOptions(ctx),
  'keyLoan.lend': (i, ctx) => lendKey(ctx, i),
  'keyLoan.return': (i, ctx) => returnKey(ctx, i),
  'keyLoan.reportLost': (i, ctx) => reportLost(ctx, i),
  'keyLoan.out': (_i, ctx) => loansOut(ctx),
  'keyLoan.list': (i, ctx) => loansInRange(ctx, i.from, i.to),
  'keyLoan.print': async (i, ctx) => {
    const site = await printSite(ctx)
    const pdf = await renderPdf(keyBookDoc(site, i.from, i.to, await loansInRange(ctx, i.from, i.to), ctx.now()))
    return printed(ctx, 'keyBook', `钥匙借用登记表-${i.from === i.to ? i.from : `${i.from}至${i.to}`}.pdf`, pdf)
  },
})
