import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { z } from 'zod'
import type { KpiReportView, kpiPeriodInput } from '../../../shared/kpi/api'
import type { PdfFile } from '../../../shared/print/api'
import { kpiRateLabel, type KpiFigure } from '../../../shared/reception/kpi'
import { localDateTime } from '../../../shared/time/zone'
import type { Ctx } from '../context'
import { registerTable, sectionTitle } from '../print/docs/table'
import { A4_PORTRAIT, docHeader, footerWithPageNumbers, pageSettings } from '../print/layout'
import { renderPdf } from '../print/pdf'
import { getSiteRow } from '../site/service'
import { kpiReportOf } from './report'

const RED = '#c00000'
const GREEN = '#2e7d32'
const verdict = (f: KpiFigure): TableCell =>
  f.ok == null ? { text: '无记录', color: '#777777' } : f.ok ? { text: '达标', color: GREEN } : { text: '未达标', color: RED, bold: true }

/** Horizontal bars, one per rate (0–100%), with the 100% line: the chart of the monthly report. */
function rateChart(figures: KpiFigure[], width: number): Content {
  const rates = figures.filter((f) => f.code !== 'validComplaints')
  const labelW = 150
  const barW = width - labelW - 60
  const rowH = 18
  const rows: Content[] = rates.map((f) => {
    const pct = f.rate ?? 0
    return {
      columns: [
        { width: labelW, text: f.name, fontSize: 8.5, margin: [0, 3, 0, 0] },
        {
          width: barW,
          canvas: [
            { type: 'rect', x: 0, y: 2, w: barW, h: rowH - 6, color: '#eeeeee' },
            ...(f.rate == null ? [] : [{ type: 'rect' as const, x: 0, y: 2, w: Math.max(0.5, barW * pct), h: rowH - 6, color: f.ok ? '#4a7bd0' : RED }]),
            { type: 'line', x1: barW, y1: 0, x2: barW, y2: rowH - 2, lineWidth: 0.8, lineColor: '#333333' },
          ],
        },
        { width: 60, text: `${kpiRateLabel(f)} (${f.met}/${f.of})`, fontSize: 8, margin: [4, 3, 0, 0] },
      ],
      margin: [0, 0, 0, 1],
    }
  })
  return { stack: rows, unbreakable: true, margin: [0, 2, 0, 6] }
}

export function kpiDocument(v: KpiReportView, site: { name: string; office: string; timeZone: string }, printedAt: Date): TDocumentDefinitions {
  const p = A4_PORTRAIT
  const figureRows: TableCell[][] = v.all.map((f) => [f.name, f.basis, `${f.met} / ${f.of}`, kpiRateLabel(f), f.target, verdict(f)])
  const shiftFigures = v.all.filter((f) => f.code !== 'validComplaints')
  const shiftRows: TableCell[][] = v.byShift.map((s) => [s.shift, ...s.figures.filter((f) => f.code !== 'validComplaints').map((f) => `${kpiRateLabel(f)}\n${f.met}/${f.of}`)])
  const misses: Content[] = v.all
    .filter((f) => f.bad.length > 0)
    .map((f) => ({
      text: [{ text: `${f.name}(${f.bad.length}):`, bold: true }, f.bad.slice(0, 40).map((b) => b.label).join('、') + (f.bad.length > 40 ? ` 等${f.bad.length}条` : '')],
      fontSize: 8.5,
      margin: [0, 0, 0, 3],
    }))
  return {
    ...pageSettings(p),
    content: [
      docHeader({ siteName: site.name, office: site.office, title: '客户服务指标月度报告', subtitle: `统计期间 ${v.from} 至 ${v.to}(${v.periodDays}天) · 入住户数 ${v.households}` }),
      { text: `报修 ${v.counts.repairs} 单 · 投诉 ${v.counts.complaints} 件 · 家居服务 ${v.counts.homeServices} 次。无记录的指标显示为“—”,不计为达标。`, fontSize: 9, margin: [0, 0, 0, 4] },
      sectionTitle('一、指标汇总'),
      registerTable(['指标', '测定依据', '达标/总数', '结果', '承诺', '判定'], [110, '*', 52, 48, 40, 40], figureRows, 8.5),
      sectionTitle('二、达标率图'),
      rateChart(v.all, p.contentWidth),
      sectionTitle('三、按班次'),
      v.byShift.length === 0
        ? { text: '本期间无记录。', fontSize: 9 }
        : registerTable(['班次', ...shiftFigures.map((f) => f.name)], [50, ...shiftFigures.map(() => '*')], shiftRows, 8),
      sectionTitle('四、未达标记录'),
      misses.length === 0 ? { text: '无。', fontSize: 9 } : { stack: misses },
    ],
    footer: footerWithPageNumbers(localDateTime(printedAt, site.timeZone)),
  }
}

/** 客户服务指标月度报告 (A4): the figures, a bar chart, per shift, and the records that missed. */
export async function printKpi(ctx: Ctx, p: z.output<typeof kpiPeriodInput>): Promise<PdfFile> {
  const v = await kpiReportOf(ctx, p)
  const site = (await getSiteRow(ctx.db.read))!
  const pdf = await renderPdf(kpiDocument(v, site, ctx.now()))
  return { fileName: `客户服务指标-${v.from}至${v.to}.pdf`, pdfBase64: pdf.toString('base64') }
}
