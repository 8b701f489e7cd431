import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { A5_PORTRAIT, fieldTable, footerWithPageNumbers, pageSettings, type FieldRow } from '../../print/layout'
import {
  ACCENT,
  applicantLine,
  approvalLines,
  bigHeader,
  assertPrintable,
  boxLayout,
  CELL,
  compactTable,
  one,
  maskedId,
  maskPhone,
  muted,
  reprintContent,
  stampAndQr,
  type PermitPrintOptions,
  type PermitSite,
  footerNote,
} from './common'

/**
 * 物品放行条: A5. The day in large type, 当日有效 · 单次有效; the items; the carrier; the owner (or
 * agent) as 办证人; the duty supervisor's approval; the stamp. The gate guard takes it back.
 */
export function buildReleaseSlip(site: PermitSite, record: PermitRecordOf<'releaseSlip'>, opts: PermitPrintOptions): TDocumentDefinitions {
  assertPrintable(record, opts)
  const f = record.fields
  const serial = record.serial!

  const head = ['序号', '物品名称', '数量', '备注'].map((t): TableCell => ({ text: t, bold: true, fillColor: '#eeeeee', fontSize: 9 }))
  const itemRows: TableCell[][] = f.items.map((it, i) => [
    { text: String(i + 1), fontSize: 9, alignment: 'center' },
    { text: it.name, fontSize: 9.5 },
    { text: String(it.quantity), fontSize: 9.5, alignment: 'right' },
    { text: it.note ?? '', fontSize: 8.5 },
  ])
  const total = f.items.reduce((n, it) => n + it.quantity, 0)
  itemRows.push([
    { text: '', fontSize: 9 },
    { text: `共 ${f.items.length} 项`, fontSize: 9, bold: true },
    { text: String(total), fontSize: 9.5, bold: true, alignment: 'right' },
    { text: '以下空白', fontSize: 8, color: '#777777' },
  ])
  const items: Content = {
    table: { widths: [22, '*', 34, 90], body: [head, ...itemRows], headerRows: 1, dontBreakRows: true },
    layout: { ...boxLayout(0.6, 1), paddingLeft: () => 4, paddingRight: () => 4 },
    wordBreak: 'break-all',
    margin: [0, 0, 0, 6],
  }

  const consent = record.ownerConsent ? '(经业主同意)' : ''
  const banner: Content = {
    table: {
      widths: ['*'],
      body: [
        [
          {
            text: [
              { text: '放行日期  ', fontSize: 10, color: '#555555' },
              { text: record.validFrom, fontSize: 20, bold: true, color: ACCENT },
              { text: '   当日有效 · 单次有效 · 门岗收回', fontSize: 10, bold: true },
            ],
            alignment: 'center',
          },
        ],
      ],
    },
    layout: boxLayout(1.4, 3),
    margin: [0, 0, 0, 6],
  }
  const rows: FieldRow[] = [
    ['房号', one(record.unitLabel, CELL.a5Half, 10)],
    ['办证人', one(`${applicantLine(record, false)}${consent}`, CELL.a5Half, 10)],
    ['搬运人', one(f.carrierName, CELL.a5Half, 10)],
    ['身份证号', maskedId(f.carrierIdNumber)],
    ['搬运人电话', one(f.carrierPhone ? maskPhone(f.carrierPhone) : '', CELL.a5Half, 10)],
    ['车牌号', one(f.vehiclePlate ?? '', CELL.a5Half, 10)],
  ]
  if (f.reason) rows.push(['搬出原因', f.reason, 'full'])
  return {
    ...pageSettings(A5_PORTRAIT),
    info: { title: `物品放行条 ${serial}` },
    footer: footerWithPageNumbers(opts.printedAt, footerNote(site, '门岗收回')),
    content: [
      ...reprintContent(opts.reprintCount),
      bigHeader(site, '物品放行条', serial, 20, A5_PORTRAIT.contentWidth, true),
      banner,
      compactTable(fieldTable(rows), 2.5),
      items,
      stampAndQr(
        {
          stack: [
            approvalLines(record, 9.5),
            { text: '办证人签字:', fontSize: 9.5, bold: true, margin: [0, 4, 0, 20] },
            { text: '门岗核验签字:', fontSize: 9.5, bold: true, margin: [0, 0, 0, 4] },
            muted('物品与清单不符的,门岗不予放行。', 8),
          ],
        },
        opts.qrPayload,
        serial,
        26,
        64,
      ),
    ],
  }
}
