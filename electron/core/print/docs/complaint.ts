import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { Bar, ComplaintAnalysis } from '../../../../shared/complaint/analysis'
import { complaintStage } from '../../../../shared/complaint/rules'
import {
  CALL_BACK_OUTCOME_LABELS,
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_SEVERITY_LABELS,
  type ComplaintDetail,
  type ComplaintRow,
  type ComplaintSlipRow,
} from '../../../../shared/complaint/schema'
import { localDateTime } from '../../../../shared/time/zone'
import { A4_LANDSCAPE, A4_PORTRAIT, A5_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, signatureRow } from '../layout'
import { registerTable, sectionTitle } from './table'

type PrintSite = { name: string; office: string; timeZone: string; phone?: string }

/**
 * 工作联系单 (A5): the desk's slip to the department concerned — serial and deadline in large type,
 * the complaint it answers, and boxes for the department to write what it did and sign, so the paper
 * comes back to the desk as the record of the follow-up.
 */
export function complaintSlipDoc(site: PrintSite, c: ComplaintDetail, slip: ComplaintSlipRow, printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const t = (at: string) => localDateTime(at, tz)
  return {
    ...pageSettings(A5_PORTRAIT),
    info: { title: `工作联系单 ${slip.serial}` },
    footer: footerWithPageNumbers(t(printedAt.toISOString()), '请于处理时限前将处理情况填写后交回客服中心前台'),
    defaultStyle: { fontSize: 10 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '工作联系单', serial: slip.serial, subtitle: `投诉编号 ${c.serial}` }),
      {
        columns: [
          { text: [{ text: '接收部门:', fontSize: 10 }, { text: slip.department, fontSize: 14, bold: true }] },
          { text: [{ text: '处理时限:', fontSize: 10 }, { text: t(slip.deadlineAt), fontSize: 14, bold: true, color: '#b00000' }], alignment: 'right' },
        ],
        margin: [0, 0, 0, 6],
      },
      fieldTable(
        [
          ['发单时间', t(slip.issuedAt)],
          ['发单人', slip.issuedByName],
          ['投诉人', c.complainant],
          ['房号', c.unitLabel ?? '—'],
          ['投诉方式', COMPLAINT_CHANNEL_LABELS[c.channel]],
          ['类别', `${c.category}${c.severity === 'major' ? '(重大)' : ''}`],
          ['投诉内容', c.summary, 'full'],
          ['联系事项', { text: slip.request, bold: true }, 'full'],
          ['处理情况', { text: ' ', margin: [0, 0, 0, 60] }, 'full'],
        ],
        2,
      ),
      signatureRow(['接收部门签收', '处理人', '客服中心确认']),
    ],
  }
}

const t = (at: string | null, tz: string) => (at ? localDateTime(at, tz).slice(5) : '')

/** 客户投诉登记表 for a period (A4 landscape): one row per complaint with its result, call-back, validity and closure. */
export function complaintRegisterDoc(site: PrintSite, from: string, to: string, rows: ComplaintRow[], printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const range = from === to ? from : `${from} 至 ${to}`
  return {
    ...pageSettings(A4_LANDSCAPE),
    info: { title: `客户投诉登记表 ${range}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), '电话已隐去部分数字'),
    defaultStyle: { fontSize: 8.5 },
    content: [
      docHeader({
        siteName: site.name,
        office: site.office,
        phone: site.phone,
        title: '客户投诉登记表',
        subtitle: `${range} · 共 ${rows.length} 件,重大 ${rows.filter((r) => r.severity === 'major').length} 件,有效 ${rows.filter((r) => r.valid).length} 件,已办结 ${rows.filter((r) => r.closedAt).length} 件`,
      }),
      rows.length
        ? registerTable(
            ['编号', '时间', '方式', '投诉人/房号', '责任部门', '类别', '投诉内容', '处理结果', '回访', '有效', '状态', '登记人'],
            [62, 44, 24, 62, 44, 44, '*', 120, 60, 28, 40, 34],
            rows.map((r) => [
              r.serial,
              t(r.receivedAt, tz),
              COMPLAINT_CHANNEL_LABELS[r.channel],
              [r.complainant, r.unitLabel, r.phone].filter(Boolean).join('\n'),
              r.department,
              r.severity === 'major' ? { text: `${r.category}\n(${COMPLAINT_SEVERITY_LABELS.major})`, color: '#b00000' } : r.category,
              r.summary,
              r.result ?? '',
              r.callBackOutcome ? `${CALL_BACK_OUTCOME_LABELS[r.callBackOutcome]}${r.callBackNote ? `\n${r.callBackNote}` : ''}` : '',
              r.valid == null ? '未判定' : r.valid ? '有效' : '无效',
              r.closedAt ? `已办结\n${t(r.closedAt, tz)}` : complaintStage(r),
              r.recordedByName,
            ]),
          )
        : { text: '该期间没有投诉', margin: [0, 8, 0, 8] },
      signatureRow(['登记人', '客服主管审阅']),
    ],
  }
}

const BAR_COLOR = '#3b6fb6'
const VALID_COLOR = '#c0392b'

/**
 * A horizontal bar chart drawn with pdfmake's canvas vectors (no chart library): one line per bar,
 * label on the left, the bar (its valid share darker red at the start) and the count on the right.
 */
export function barChart(title: string, bars: Bar[], width: number): Content {
  const max = Math.max(1, ...bars.map((b) => b.count))
  const labelW = 80
  const countW = 44
  const barW = width - labelW - countW - 12
  if (bars.length === 0) return { stack: [sectionTitle(title), { text: '无', color: '#555555' }] }
  return {
    stack: [
      sectionTitle(title),
      ...bars.map(
        (b): Content => ({
          columns: [
            // A long name is cut (one line per bar): 80 pt hold about nine characters at 8.5 pt.
            { text: b.label.length > 9 ? `${b.label.slice(0, 8)}…` : b.label, width: labelW, fontSize: 8.5, noWrap: true },
            {
              width: barW,
              canvas: [
                { type: 'rect', x: 0, y: 1, w: Math.max(1, (b.count / max) * barW), h: 9, color: BAR_COLOR },
                ...(b.valid ? [{ type: 'rect' as const, x: 0, y: 1, w: Math.max(1, (b.valid / max) * barW), h: 9, color: VALID_COLOR }] : []),
              ],
            },
            { text: b.valid ? `${b.count}(有效${b.valid})` : String(b.count), width: countW, fontSize: 8.5, alignment: 'right' },
          ],
          columnGap: 6,
          margin: [0, 1, 0, 1],
        }),
      ),
    ],
    unbreakable: true,
    margin: [0, 0, 0, 6],
  }
}

/** 投诉分析 for a period (A4 portrait): the totals, four bar charts and the recurring causes. */
export function complaintAnalysisDoc(site: PrintSite, from: string, to: string, a: ComplaintAnalysis, printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const range = from === to ? from : `${from} 至 ${to}`
  const w = A4_PORTRAIT.contentWidth
  const half = (w - 16) / 2
  return {
    ...pageSettings(A4_PORTRAIT),
    info: { title: `投诉分析 ${range}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz)),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '客户投诉统计分析', subtitle: range }),
      fieldTable(
        [
          ['投诉总数', a.total],
          ['重大投诉', a.major],
          ['有效投诉', a.valid],
          ['未判定', a.undecided],
          ['已办结', a.closed],
          ['办结率', a.total ? `${((a.closed / a.total) * 100).toFixed(1)}%(${a.closed}/${a.total})` : '0/0(无投诉)'],
        ],
        3,
      ),
      { text: '图例:蓝色为投诉件数,红色为其中的有效投诉。', fontSize: 8, color: '#555555', margin: [0, 0, 0, 2] },
      { columns: [barChart('按类别', a.byCategory, half), barChart('按责任部门', a.byDepartment, half)], columnGap: 16 },
      { columns: [barChart('按楼栋', a.byBuilding, half), barChart('按月份', a.byMonth, half)], columnGap: 16 },
      sectionTitle(`重复投诉(同一房屋或同一类别,${a.recurDays}天内再次投诉)`),
      a.recurring.length
        ? registerTable(
            ['依据', '房屋/类别', '次数', '首次', '最近', '投诉编号'],
            [40, 80, 30, 60, 60, '*'],
            a.recurring.map((g) => [g.by === 'unit' ? '同一房屋' : '同一类别', g.label, String(g.count), t(g.first, tz), t(g.last, tz), g.serials.join('、')]),
          )
        : { text: '没有重复投诉', margin: [0, 2, 0, 6] },
      signatureRow(['分析人', '客服主管', '服务中心主任']),
    ],
  }
}
