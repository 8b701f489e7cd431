import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PdfFile } from '../../../shared/print/api'
import { COLLECTOR_STATUS_LABELS } from '../../../shared/spareKeys/schema'
import { localDateTime } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { A5_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, reprintMark, signatureRow } from '../print/layout'
import { renderPdf } from '../print/pdf'
import { getSite } from '../site/service'
import { mustDeposit } from './custody'
import { listCollectors } from './read'

/**
 * 业主钥匙寄存回执 (A5, half an A4 sheet): what the desk holds for the owner — keys, count, sealed bag —
 * who may collect them as of printing, the terms, and the owner's signature line. A second print says
 * 补打(第N次) so a copy never passes for the original.
 */
export async function printReceipt(ctx: Ctx, id: string): Promise<PdfFile> {
  const d = await mustDeposit(ctx, id)
  const site = await getSite(ctx)
  const earlier = (await ctx.db.read.get<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'spareKey.print' AND entity_id = ?", [id]))!.n
  const collectors = (await listCollectors(ctx.db.read, d.unitId, ctx.now(), site.timeZone)).filter((c) => c.status === 'valid' || c.status === 'notYet')
  const who: Content = collectors.length
    ? {
        table: {
          widths: ['auto', 'auto', '*', 'auto'],
          body: [
            ['姓名', '关系', '身份证号', '有效期'].map((t) => ({ text: t, bold: true, fontSize: 9 })),
            ...collectors.map((c) => [c.name, c.relation, c.idNumber, `${c.validFrom} 至 ${c.validTo}${c.status === 'valid' ? '' : `(${COLLECTOR_STATUS_LABELS[c.status]})`}`].map((t) => ({ text: t, fontSize: 9 }))),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 6],
      }
    : { text: '(未登记授权领取人:仅业主本人凭身份证领取)', fontSize: 9, margin: [0, 0, 0, 6] }
  const doc: TDocumentDefinitions = {
    ...pageSettings(A5_PORTRAIT),
    content: [
      ...(earlier > 0 ? [reprintMark(earlier)] : []),
      docHeader({ siteName: site.name, office: site.office, title: '业主钥匙寄存回执', serial: d.receiptNo, subtitle: d.unitLabel, phone: site.permit.serviceCenterPhone }),
      fieldTable([
        ['房号', d.unitLabel],
        ['业主', d.ownerName],
        ['钥匙说明', d.description, 'full'],
        ['钥匙数量', `${d.keyCount} 把`],
        ['封袋编号', d.bagNo],
        ['寄存时间', localDateTime(d.depositedAt, site.timeZone)],
        ['经办', d.depositedBy],
        ...(d.note ? ([['备注', d.note, 'full']] as const) : []),
      ] as never),
      { text: '授权领取人', bold: true, fontSize: 10, margin: [0, 0, 0, 3] },
      who,
      {
        text: '说明:钥匙封袋保管于服务中心。领取时须出示身份证,仅业主本人或业主书面授权且在有效期内的领取人可领取,服务中心核对身份证号后交付并登记;增加或终止授权领取人须业主书面办理。领出期间钥匙不在服务中心保管。业主取回全部钥匙时凭本回执结束寄存。',
        fontSize: 8.5,
        margin: [0, 2, 0, 6],
      },
      signatureRow(['业主签名', '经办人签名']),
    ],
    footer: footerWithPageNumbers(localDateTime(ctx.now(), site.timeZone)),
  }
  const pdf = await renderPdf(doc)
  await ctx.db.tx((w) => audit(w, ctx, { action: 'spareKey.print', entity: 'spareKey', entityId: id, summary: `打印业主钥匙寄存回执 ${d.receiptNo}${earlier ? `(补打第${earlier}次)` : ''}` }))
  return { fileName: `业主钥匙寄存回执-${d.receiptNo}.pdf`, pdfBase64: pdf.toString('base64') }
}
