import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import { maskPhone } from '../../../shared/mask'
import type { PdfFile } from '../../../shared/print/api'
import { spanLabel } from '../../../shared/reception/clock'
import { REPAIR_CLOCK_LABELS } from '../../../shared/repair/clocks'
import { REPAIR_STATE_LABELS, type RepairDetail } from '../../../shared/repair/schema'
import { localDateTime } from '../../../shared/time/zone'
import { audit } from '../audit/service'
import type { Ctx } from '../context'
import { A4_LANDSCAPE, A5_PORTRAIT, docHeader, fieldTable, footerWithPageNumbers, pageSettings, signatureRow } from '../print/layout'
import { registerTable, sectionTitle } from '../print/docs/table'
import { renderPdf } from '../print/pdf'
import { getSite } from '../site/service'

type PrintSite = { name: string; office: string; timeZone: string; phone?: string }

async function printSite(ctx: Ctx): Promise<PrintSite> {
  const s = await getSite(ctx)
  return { name: s.name, office: s.office, timeZone: s.timeZone, phone: s.permit.serviceCenterPhone }
}

const RED = '#b00000'
/** The 维修单 at 9 pt so that a full order, its steps and the call-back fit on one A5 sheet. */
const small = (c: Content): Content => ({ ...(c as object), fontSize: 9, margin: [0, 0, 0, 5] }) as Content

/** 维修单 (A5): what the desk took down, the steps so far, and blank room for engineering to fill and the owner to sign. */
export function repairOrderDoc(site: PrintSite, o: RepairDetail, printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const t = (at: string | null | undefined) => (at ? localDateTime(at, tz) : '')
  const step = (k: string) => o.steps.find((s) => s.step === k)
  const fwd = step('forward')
  const arr = step('arrive')
  const done = step('complete')
  const back = [...o.steps].reverse().find((s) => s.step === 'callback')
  const told = o.steps.filter((s) => s.step === 'told')
  const content: Content[] = [
    docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '维修单', serial: o.serial, subtitle: `${o.urgent ? '急修 · ' : ''}${REPAIR_STATE_LABELS[o.state]}` }),
    small(fieldTable([
      ['房号', o.unitLabel],
      ['报修类别', o.category],
      ['联系人', o.contactName],
      ['联系电话', o.contactPhone],
      ['报修时间', t(o.receivedAt)],
      ['预约时间', o.appointmentAt ? t(o.appointmentAt) : '尽快'],
      ['报修内容', o.urgent ? { text: [{ text: '【急修】', bold: true, color: RED }, o.content] } : o.content, 'full'],
      ['登记人', o.staffName],
      ['转工程部', fwd ? `${t(fwd.at)} ${fwd.who}` : ''],
      ...(told.length ? ([['告知业主/管家', told.map((s) => `${t(s.at)} 管家${s.who}:${s.note}`).join('\n'), 'full']] as const) : []),
    ] as never)),
    ...(o.breaches.length
      ? [{ text: `超时:${o.breaches.map((b) => `${REPAIR_CLOCK_LABELS[b.clock]}超时${spanLabel(b.overMs)}(应于 ${t(b.dueAt)})`).join(';')}`, color: RED, fontSize: 9, margin: [0, -4, 0, 4] } as Content]
      : []),
    sectionTitle('工程部填写'),
    small(fieldTable([
      ['到场时间', arr ? `${t(arr.at)} ${arr.who}` : ''],
      ['完工时间', done ? t(done.at) : ''],
      ['维修人员', done?.who ?? ''],
      ['收费', done?.charges ?? ''],
      ['材料', done?.materials ?? '', 'full'],
      ['维修结果', done?.result ?? { text: ' ', margin: [0, 0, 0, 12] }, 'full'],
    ] as never)),
    signatureRow(['维修人员签名', '业主确认签名']),
    small(fieldTable([
      ['回访时间', back ? t(back.at) : ''],
      ['回访结果', back ? (back.reached ? `业主${back.satisfied ? '满意' : '不满意'}` : '未联系上') : '□满意 □不满意 □未联系上'],
      ['回访备注', back?.note ?? '', 'full'],
    ] as never)),
  ]
  return {
    ...pageSettings(A5_PORTRAIT),
    info: { title: `维修单 ${o.serial}` },
    defaultStyle: { fontSize: 10 },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz)),
    content,
  }
}

/** 当日报修登记 (A4 landscape): every order received that day and every one completed that day, with its steps and clocks. */
export function repairDayDoc(site: PrintSite, date: string, rows: RepairDetail[], printedAt: Date): TDocumentDefinitions {
  const tz = site.timeZone
  const t = (at: string | null | undefined) => (at ? localDateTime(at, tz).slice(5) : '')
  const received = rows.filter((r) => localDateTime(r.receivedAt, tz).startsWith(date)).length
  const completed = rows.filter((r) => r.steps.some((s) => s.step === 'complete' && localDateTime(s.at, tz).startsWith(date))).length
  const late = rows.filter((r) => r.breaches.length || r.clocks.some((c) => c.state === 'late')).length
  const body = rows.map((r) => {
    const s = (k: string) => r.steps.find((x) => x.step === k)
    const back = [...r.steps].reverse().find((x) => x.step === 'callback')
    const lateText = [
      ...r.breaches.map((b) => `${REPAIR_CLOCK_LABELS[b.clock]}超${spanLabel(b.overMs)}`),
      ...r.clocks.filter((c) => c.state === 'late').map((c) => `${c.label}已超${spanLabel(c.overMs)}`),
    ].join('\n')
    return [
      r.serial,
      t(r.receivedAt),
      r.unitLabel,
      `${r.contactName}\n${maskPhone(r.contactPhone)}`,
      r.category,
      r.urgent ? { text: `【急修】${r.content}`, color: RED } : r.content,
      s('forward') ? `${t(s('forward')!.at)}\n${s('forward')!.who}` : '',
      s('arrive') ? `${t(s('arrive')!.at)}\n${s('arrive')!.who}` : '',
      s('complete') ? `${t(s('complete')!.at)} ${s('complete')!.who}\n${s('complete')!.result}` : '',
      back ? `${t(back.at)}\n${back.reached ? (back.satisfied ? '满意' : '不满意') : '未联系上'}` : '',
      lateText ? { text: lateText, color: RED } : '',
      r.staffName,
    ]
  })
  return {
    ...pageSettings(A4_LANDSCAPE),
    info: { title: `当日报修登记 ${date}` },
    footer: footerWithPageNumbers(localDateTime(printedAt, tz), '电话已隐去部分数字'),
    defaultStyle: { fontSize: 9 },
    content: [
      docHeader({ siteName: site.name, office: site.office, phone: site.phone, title: '当日报修登记', subtitle: `${date} · 报修 ${received} 单,完工 ${completed} 单,超时 ${late} 单` }),
      rows.length
        ? registerTable(
            ['编号', '报修时间', '房号', '联系人/电话', '类别', '报修内容', '转工程部', '到场', '完工/结果', '回访', '超时', '登记人'],
            [58, 46, 60, 60, 30, '*', 52, 52, 90, 44, 64, 30],
            body,
          )
        : { text: '当天没有报修,也没有完工的维修单', margin: [0, 8, 0, 8] },
      signatureRow(['值班员', '工程部接单人', '客服主管审阅']),
    ],
  }
}

export async function printOrder(ctx: Ctx, o: RepairDetail): Promise<PdfFile> {
  const pdf = await renderPdf(repairOrderDoc(await printSite(ctx), o, ctx.now()))
  return printed(ctx, o.id, `维修单-${o.serial}.pdf`, pdf)
}

export async function printDay(ctx: Ctx, date: string, rows: RepairDetail[]): Promise<PdfFile> {
  const pdf = await renderPdf(repairDayDoc(await printSite(ctx), date, rows, ctx.now()))
  return printed(ctx, null, `当日报修登记-${date}.pdf`, pdf)
}

async function printed(ctx: Ctx, id: string | null, fileName: string, pdf: Buffer): Promise<PdfFile> {
  await ctx.db.tx((w) => audit(w, ctx, { action: 'print', entity: 'repair', entityId: id, summary: `打印 ${fileName}` }))
  return { fileName, pdfBase64: pdf.toString('base64') }
}
