import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PdfFile } from '../../../shared/print/api'
import { SPECIAL_EVENT_READER_LABELS, SPECIAL_EVENT_READERS } from '../../../shared/specialEvent/schema'
import { localDateTime } from '../../../shared/time/zone'
import type { Ctx } from '../context'
import { notFound } from '../errors'
import { A4_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings } from '../print/layout'
import { renderPdf } from '../print/pdf'
import { printSite, signatureCell } from '../reception/printParts'
import { specialEventRow } from './read'

/** 特殊事件报告 (A4): the report as filed, and a box per reader with their 批示 (or room to write one). */
export async function printSpecialEvent(ctx: Ctx, id: string): Promise<PdfFile> {
  const r = ctx.db.read
  const e = await specialEventRow(r, id)
  if (!e) throw notFound('特殊事件报告')
  const site = await printSite(r)
  const tz = site.timeZone
  const readBox = (role: (typeof SPECIAL_EVENT_READERS)[number]) => {
    const read = e.reads.find((x) => x.role === role)
    return {
      stack: [
        { text: `${SPECIAL_EVENT_READER_LABELS[role]}阅示`, bold: true, fontSize: 9.5 },
        { text: read ? `${read.staffName} ${localDateTime(read.at, tz)} 已阅` : '', fontSize: 9 },
        { text: `批示:${read?.remark ?? ''}`, fontSize: 9, margin: [0, 2, 0, read?.remark ? 8 : 30] as [number, number, number, number] },
        { text: '签名:                日期:        年    月    日', fontSize: 8.5, color: '#555555', preserveLeadingSpaces: true },
      ],
    }
  }
  const doc: TDocumentDefinitions = {
    ...pageSettings(A4_PORTRAIT),
    content: [
      docHeader({ siteName: site.name, office: site.office, title: '特殊事件报告', serial: e.serial, subtitle: `报告时间 ${localDateTime(e.reportedAt, tz)}`, phone: site.phone }),
      fieldTable([
        ['事件', e.title, 'full'],
        ['发生时间', localDateTime(e.occurredAt, tz)],
        ['地点', `${e.place}${e.unitLabel ? `(${e.unitLabel})` : ''}`],
        ['事件经过', e.whatHappened, 'full'],
        ['已通知', e.toldWhom, 'full'],
        ['处理措施', e.actions, 'full'],
        ['报告人', e.reportedByName],
        ['报告时间', localDateTime(e.reportedAt, tz)],
      ]),
      {
        table: { widths: ['*', '*', '*'], body: [[signatureCell('报告人签字', e.reportedByName, null, null), readBox('supervisor'), readBox('director')]], dontBreakRows: true },
        unbreakable: true,
        margin: [0, 6, 0, 0],
      },
    ],
    footer: footerWithPageNumbers(localDateTime(ctx.now(), tz)),
  }
  const pdf = await renderPdf(doc)
  return { fileName: `特殊事件报告-${e.serial}.pdf`, pdfBase64: pdf.toString('base64') }
}
