import type { Content, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { LeaveRow, RosterView } from '../../../../shared/duty/rosterSchema'
import { dayOfWeek } from '../../../../shared/time/calendar'
import { localDateTime } from '../../../../shared/time/zone'
import type { ShiftPattern } from '../../../../shared/site/schema'
import { A4_LANDSCAPE, docHeader, footerWithPageNumbers, pageSettings, signatureRow } from '../layout'

/**
 * 排班表 as printed and posted at the desk: A4 landscape, staff × every day of the month with the
 * short shift name (早/中/晚/夜), weekends shaded, cells changed by an approved request marked
 * (请/调/替/换), the shift legend with times, who published it and when, and the two signatures.
 * 31 days + the name column fit the page width at 7.5 pt.
 */

const LINE = '#333333'
const HEAD_FILL = '#eeeeee'
const WEEKEND_FILL = '#f3f3f3'
const MUTED = '#555555'

const NAME_WIDTH = 50
const TOTAL_WIDTH = 20
/** Horizontal padding each side of a cell, and the line width. */
const PAD = 1
const RULE = 0.5

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六']

/** Thin grid, tight sideways so 31 days fit; roomier rows when the desk is small (≤ 10 people). */
const grid = (roomy: boolean): CustomTableLayout => ({
  hLineWidth: (i, node) => (i === 0 || i === 2 || i === node.table.body.length ? 0.9 : RULE),
  vLineWidth: (i, node) => (i === 0 || i === 1 || i === (node.table.widths?.length ?? 0) ? 0.9 : RULE),
  hLineColor: () => LINE,
  vLineColor: () => LINE,
  paddingLeft: () => PAD,
  paddingRight: () => PAD,
  paddingTop: (i) => (roomy && i > 1 ? 4 : 2),
  paddingBottom: (i) => (roomy && i > 1 ? 3.5 : 1.5),
})

/** Same rule as the screen: first character of the name, two when first characters collide. */
function shortNames(shifts: ShiftPattern[]): Map<string, string> {
  const first = new Map<string, number>()
  for (const p of shifts) first.set(p.name.charAt(0), (first.get(p.name.charAt(0)) ?? 0) + 1)
  return new Map(shifts.map((p) => [p.code, first.get(p.name.charAt(0))! > 1 ? p.name.slice(0, 2) : p.name.charAt(0)]))
}

const BADGE = { leave: '请', timeOff: '调', cover: '替', swap: '换' } as const

/** `${staffId}|${date}` → 请/调/替/换 for cells an approved request emptied or filled. */
function changeMarks(view: RosterView): Map<string, string> {
  const byId = new Map<string, LeaveRow>(view.changes.map((c) => [c.id, c]))
  const marks = new Map<string, string>()
  for (const c of view.changes) {
    marks.set(`${c.staffId}|${c.date}`, BADGE[c.kind])
    if (c.kind === 'swap' && c.substituteId && c.swapDate) marks.set(`${c.substituteId}|${c.swapDate}`, '换')
  }
  for (const s of view.slots) if (s.leaveId) marks.set(`${s.staffId}|${s.date}`, byId.get(s.leaveId)?.kind === 'swap' ? '换' : '替')
  return marks
}

const timeSpan = (p: ShiftPattern) => `${p.start}–${p.end <= p.start ? '次日' : ''}${p.end}`

export function rosterDoc(site: { name: string; office: string; timeZone?: string; phone?: string }, view: RosterView, printedAt: string): TDocumentDefinitions {
  if (view.status !== 'published') throw new Error(`${view.month} 排班表尚未发布,发布后才能打印`)
  const page = A4_LANDSCAPE
  const days = view.dates.length
  // What is left for the day columns once names, totals, padding and lines are paid for.
  const columns = days + 2
  const overhead = columns * 2 * PAD + (columns + 1) * RULE + 1.5
  const dayWidth = Math.floor(((page.contentWidth - NAME_WIDTH - TOTAL_WIDTH - overhead) / days) * 10) / 10

  const shorts = shortNames(view.shifts)
  const marks = changeMarks(view)
  const byCell = new Map(view.slots.map((s) => [`${s.staffId}|${s.date}`, s]))
  const weekend = (d: string) => dayOfWeek(d) === 0 || dayOfWeek(d) === 6
  const fill = (d: string) => (weekend(d) ? WEEKEND_FILL : undefined)

  const head1: TableCell[] = [
    { text: '姓名', rowSpan: 2, bold: true, alignment: 'center', fillColor: HEAD_FILL, margin: [0, 5, 0, 0] },
    ...view.dates.map((d): TableCell => ({ text: String(Number(d.slice(8))), bold: true, alignment: 'center', fillColor: weekend(d) ? '#dddddd' : HEAD_FILL })),
    { text: '班数', rowSpan: 2, bold: true, alignment: 'center', fillColor: HEAD_FILL, margin: [0, 5, 0, 0] },
  ]
  const head2: TableCell[] = [
    {},
    ...view.dates.map((d): TableCell => ({ text: WEEKDAYS[dayOfWeek(d)], alignment: 'center', fontSize: 6.5, color: weekend(d) ? '#b00000' : MUTED, fillColor: weekend(d) ? '#dddddd' : HEAD_FILL })),
    {},
  ]
  const perDay = new Map<string, number>()
  const rows: TableCell[][] = view.staff.map((person) => {
    let n = 0
    const cells = view.dates.map((d): TableCell => {
      const slot = byCell.get(`${person.id}|${d}`)
      const mark = marks.get(`${person.id}|${d}`)
      if (slot) {
        n++
        perDay.set(d, (perDay.get(d) ?? 0) + 1)
      }
      const text = slot ? (shorts.get(slot.shiftCode) ?? slot.shiftCode) : ''
      // A filled cell carries a small mark (who took over); an emptied one shows the mark itself.
      return {
        text: mark ? (slot ? [{ text }, { text: mark, fontSize: 5, color: MUTED }] : { text: mark, color: MUTED, fontSize: 6.5 }) : text,
        alignment: 'center',
        fillColor: fill(d),
        noWrap: true,
      }
    })
    return [{ text: person.name, fontSize: 8, margin: [2, 0, 0, 0] }, ...cells, { text: String(n), alignment: 'center' }]
  })
  const totals: TableCell[] = [
    { text: '当日人数', noWrap: true, fontSize: 6.5, color: MUTED, margin: [2, 0, 0, 0] },
    ...view.dates.map((d): TableCell => ({ text: String(perDay.get(d) ?? 0), alignment: 'center', fontSize: 6.5, color: perDay.get(d) ? MUTED : '#b00000', fillColor: fill(d) })),
    { text: String(view.slots.length), alignment: 'center', fontSize: 6.5, color: MUTED },
  ]

  const table: Content = {
    table: {
      headerRows: 2,
      dontBreakRows: true,
      widths: [NAME_WIDTH, ...view.dates.map(() => dayWidth), TOTAL_WIDTH],
      body: [head1, head2, ...rows, totals],
    },
    layout: grid(view.staff.length <= 10),
    fontSize: 7.5,
    margin: [0, 0, 0, 8],
  }

  const legend: Content = {
    text: [
      { text: '班次:', bold: true },
      ...view.shifts.flatMap((p) => [{ text: shorts.get(p.code) ?? p.code, bold: true }, { text: ` = ${p.name} ${timeSpan(p)}     ` }]),
      { text: '空白', bold: true },
      { text: ' = 休息' },
    ],
    fontSize: 8.5,
    margin: [0, 0, 0, 3],
  }
  const marksLegend: Content = {
    text: '变更:请 = 请假  调 = 调休  替 = 替班  换 = 换班,均经客服主管审批,按审批后的实际安排印出;班次后的小字表示顶班,单独的小字表示原排班人让出的班次。任何值班人员不得擅自安排替值/换值班。',
    fontSize: 7.5,
    color: MUTED,
    margin: [0, 0, 0, 3],
  }
  const publishedAt = view.publishedAt ? localDateTime(view.publishedAt, site.timeZone ?? 'Asia/Shanghai') : ''
  const published: Content = {
    text: `发布人:${view.publishedByName ?? ''}    发布时间:${publishedAt}    排班 ${view.slots.length} 班次,${view.staff.length} 人`,
    fontSize: 8.5,
    margin: [0, 0, 0, 4],
  }

  return {
    ...pageSettings(page),
    info: { title: `${site.name} ${view.month} 排班表` },
    footer: footerWithPageNumbers(printedAt, `${site.office}存档`),
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: `${view.month} 排班表`, subtitle: `客户服务中心前台 · ${view.month.replace('-', '年')}月 · 共 ${days} 天` }),
      table,
      legend,
      marksLegend,
      published,
      signatureRow(['编制人', '审核人(客服主管)']),
    ],
  }
}
