import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { VisitRow } from '../../../shared/visitor/schema'
import { localDateTime } from '../../../shared/time/zone'
import { A4_LANDSCAPE, docHeader, footerWithPageNumbers, MM, pageSettings, qrBlock, signatureRow } from '../print/layout'
import { registerTable } from '../print/docs/table'

export type PrintSite = { name: string; office: string; timeZone: string; phone?: string }

/** Small receipt-printer paper: 80 mm wide, as long as the slip needs. */
const SLIP_WIDTH = 80 * MM
const SLIP_MARGIN = 4 * MM

/**
 * 访客单 (80 mm roll): who, which unit, time in, the day it is good for, and the QR the gate's verify
 * screen reads (serial + check code; the day is one of the signed fields, so a slip kept for tomorrow
 * verifies as expired). Phone and ID number are masked.
 */
export function visitorSlipDoc(site: PrintSite, v: VisitRow, printedAt: Date, reprint: boolean): TDocumentDefinitions {
  const tz = site.timeZone
  const inAt = localDateTime(v.signedInAt, tz)
  const line = (label: string, value: string | null | undefined): Content => ({
    columns: [
      { text: label, width: 48, color: '#555555' },
      { text: value ?? '', width: '*', bold: label === '来访房屋' || label === '访客' },
    ],
    columnGap: 4,
    margin: [0, 1, 0, 1],
  })
  const issuer = site.office.startsWith(site.name) ? site.office : `${site.name} ${site.office}`
  return {
    pageSize: { width: SLIP_WIDTH, height: 'auto' },
    pageMargins: [SLIP_MARGIN, SLIP_MARGIN, SLIP_MARGIN, SLIP_MARGIN],
    info: { title: `访客单 ${v.serial}` },
    defaultStyle: { fontSize: 9 },
    content: [
      { text: issuer, alignment: 'center', fontSize: 8.5, color: '#555555' },
      { text: '访 客 单', alignment: 'center', fontSize: 15, bold: true, margin: [0, 2, 0, 2] },
      { columns: [{ text: `编号:${v.serial}`, fontSize: 8.5 }, reprint ? { text: '补打', color: '#c00000', bold: true, alignment: 'right', fontSize: 9 } : { text: '' }] },
      { canvas: [{ type: 'line', x1: 0, y1: 2, x2: SLIP_WIDTH - 2 * SLIP_MARGIN, y2: 2, lineWidth: 0.6, dash: { length: 2 } }], margin: [0, 0, 0, 3] },
      line('访客', `${v.visitorName}${v.people > 1 ? `(共${v.people}人)` : ''}`),
      line('来访房屋', v.unitLabel),
      ...(v.hostName ? [line('被访人', v.hostName)] : []),
      line('来访事由', v.purpose),
      ...(v.carPlate ? [line('车牌', v.carPlate)] : []),
      line('电话', v.phone),
      ...(v.idNumber ? [line('身份证', v.idNumber)] : []),
      line('签到时间', inAt),
      { text: `仅限 ${inAt.slice(0, 10)} 当天有效`, bold: true, fontSize: 11, alignment: 'center', margin: [0, 5, 0, 3] },
      qrBlock(v.slipPayload, `门岗扫码核验 ${v.serial}`, 96),
      { text: '离开时请到前台或门岗签离。', fontSize: 8, alignment: 'center', margin: [0, 4, 0, 0] },
      { text: `${site.phone ? `服务中心电话 ${site.phone} · ` : ''}经办 ${v.signedInBy} · 打印 ${localDateTime(printedAt, tz).slice(11)}`, fontSize: 7.5, color: '#555555', alignment: 'center', margin: [0, 2, 0, 0] },
    ],
  }
}

/** 业户访问记录 of a day (A4 landscape): one row per visit, signed out or still in; phone and ID masked. */
export function visitDayDoc(site: PrintSite, day: string, visits: VisitRow[], printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const t = (at: string | null) => (at ? localDateTime(at, tz).slice(11) : '')
  const inside = visits.filter((v) => !v.signedOutAt).length
  return {
    ...pageSettings(A4_LANDSCAPE),
    info: { title: `业户访问记录 ${day}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), '证件号码、电话已隐去部分数字'),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '业户访问记录', subtitle: `${day} · 共 ${visits.length} 批来访${inside ? `,${inside} 批未签离` : ''}` }),
      visits.length
        ? registerTable(
            ['序号', '访客单号', '访客', '人数', '电话 / 证件', '来访房屋', '被访人', '来访事由', '车牌', '签到', '签离', '经办'],
            [22, 62, 46, 22, 92, 72, 40, '*', 52, 32, 40, 40],
            visits.map((v, i) => [
              String(i + 1),
              v.serial,
              v.visitorName,
              String(v.people),
              [v.phone, v.idNumber].filter(Boolean).join('\n'),
              v.unitLabel,
              v.hostName ?? '',
              v.purpose,
              v.carPlate ?? '',
              t(v.signedInAt),
              v.signedOutAt ? t(v.signedOutAt) : { text: '未签离', color: '#b00000' },
              v.signedOutBy && v.signedOutBy !== v.signedInBy ? `${v.signedInBy}/${v.signedOutBy}` : v.signedInBy,
            ]),
          )
        : { text: '当天没有访客登记', margin: [0, 8, 0, 8] },
      signatureRow(['值班员', '客服主管审阅']),
    ],
  }
}
