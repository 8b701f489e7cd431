import type { TDocumentDefinitions } from 'pdfmake/interfaces'
import { HOME_SERVICE_STATUS_LABELS } from '../../../shared/homeService/schema'
import type { PdfFile } from '../../../shared/print/api'
import { spanLabel } from '../../../shared/reception/clock'
import { localDateTime, localDayRange } from '../../../shared/time/zone'
import { fenToYuanText } from '../../../shared/validate/money'
import type { Ctx } from '../context'
import { A4_LANDSCAPE, docHeader, footerWithPageNumbers, pageSettings } from '../print/layout'
import { registerTable } from '../print/docs/table'
import { renderPdf } from '../print/pdf'
import { printSite } from '../reception/printParts'
import { homeServiceRows } from './read'

const RED = '#c00000'

/** 家居服务登记表 (A4 landscape) for a period: one line per booking, the late call-backs in red. */
export async function printRegister(ctx: Ctx, from: string, to: string): Promise<PdfFile> {
  const r = ctx.db.read
  const site = await printSite(r)
  const tz = site.timeZone
  const range = localDayRange(from, to, tz)
  const rows = (await homeServiceRows(r, tz, ctx.now(), 'h.booked_at >= ? AND h.booked_at < ?', [range.from, range.to], 10_000)).reverse()
  const t = (at: string | null) => (at ? localDateTime(at, tz).slice(5) : '')
  const body = rows.map((h) => {
    const late = h.callBack.view.state === 'breached' || h.callBack.view.state === 'late'
    return [
      h.serial,
      t(h.bookedAt),
      h.unitLabel,
      `${h.contact}${h.phone ? `\n${h.phone}` : ''}`,
      `${h.serviceName} ${h.quantity}${h.per}`,
      fenToYuanText(h.priceFen),
      t(h.wantedAt),
      late ? { text: `${t(h.calledBackAt) || '未回电'}\n超时${spanLabel(h.callBack.view.overMs)}`, color: RED } : t(h.calledBackAt),
      `${t(h.confirmedAt)}${h.worker ? `\n${h.worker}` : ''}`,
      t(h.doneAt),
      h.followedUpAt ? `${t(h.followedUpAt)}\n${h.satisfied ? '满意' : '不满意'}` : '',
      h.cancelledAt ? `已取消:${h.cancelReason ?? ''}` : HOME_SERVICE_STATUS_LABELS[h.status],
    ]
  })
  const inTime = rows.filter((h) => !h.cancelledAt && h.callBack.view.state === 'met').length
  const counted = rows.filter((h) => !h.cancelledAt).length
  const doc: TDocumentDefinitions = {
    ...pageSettings(A4_LANDSCAPE),
    content: [
      docHeader({ siteName: site.name, office: site.office, title: '家居服务登记表', subtitle: `${from} 至 ${to}`, phone: site.phone }),
      registerTable(
        ['单号', '登记时间', '房号', '联系人/电话', '服务项目', '金额(元)', '希望时间', '回电时间', '确认上门/人员', '完工时间', '回访', '状态'],
        [64, 50, 66, 64, '*', 40, 50, 56, 62, 50, 56, 52],
        body.length ? body : [[{ text: '本期间没有家居服务预约', colSpan: 12, alignment: 'center' }, '', '', '', '', '', '', '', '', '', '', '']],
      ),
      { text: `共 ${rows.length} 单(取消 ${rows.length - counted} 单);2小时内回电 ${inTime} / ${counted} 单`, fontSize: 9.5, margin: [0, 4, 0, 0] },
    ],
    footer: footerWithPageNumbers(localDateTime(ctx.now(), tz)),
  }
  const pdf = await renderPdf(doc)
  return { fileName: `家居服务登记表-${from}至${to}.pdf`, pdfBase64: pdf.toString('base64') }
}
