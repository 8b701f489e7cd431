import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { PermitRecordOf } from '../../../../shared/permit/schema/record'
import { MM } from '../../print/layout'
import { rule } from '../../errors'
import { ACCENT, assertPrintable, clip, fitSize, footerNote, maskedId, type PermitPrintOptions, type PermitSite } from './common'

/**
 * 装修人员出入证: card size (ISO/IEC 7810 ID-1, 85.6 × 54 mm, fits the plastic sleeve), eight to an A4
 * sheet in a 2 × 4 grid with dashed cut lines. Each card: site, title, photo (or a box to glue the
 * one-inch photo in), name, masked ID number, unit, trade, validity in large type, serial, QR.
 */

export const CARD_W = 85.6 * MM
export const CARD_H = 54 * MM
export const PASSES_PER_SHEET = 8
const COLS = 2
const ROWS = 4
const PAGE_W = 595.28
const PAGE_H = 841.89
const GRID_X = (PAGE_W - COLS * CARD_W) / 2
const GRID_Y = (PAGE_H - ROWS * CARD_H) / 2
const PAD = 7
const MUTED = '#555555'

export interface WorkerPassPrintItem {
  record: PermitRecordOf<'workerPass'>
  /** Prints of this pass before this one (its printCount). */
  reprintCount: number
  qrPayload: string
}

function photoBox(photo: string | undefined): Content {
  const w = 56
  const h = 74
  if (photo) return { image: photo, fit: [w, h], alignment: 'center' }
  return {
    table: { widths: [w - 2], heights: [h - 2], body: [[{ text: '照片', fontSize: 8, color: MUTED, alignment: 'center', margin: [0, 28, 0, 0] }]] },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#888888',
      vLineColor: () => '#888888',
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
  }
}

function card(site: PermitSite, item: WorkerPassPrintItem, x: number, y: number): Content {
  const r = item.record
  const f = r.fields
  const inner = CARD_W - 2 * PAD
  // The middle column is ~104 pt, its labels ~17: long names and units shrink (to 7 pt, then wrap).
  const line = (label: string, value: string, size = 8, bold = false): Content => ({
    text: [{ text: `${label} `, color: MUTED, fontSize: 6.5 }, { text: value, fontSize: size, bold }],
    margin: [0, 0, 0, 1.5],
  })
  const VALUE_W = 86
  return {
    absolutePosition: { x: x + PAD, y: y + PAD - 1 },
    table: {
      widths: [inner],
      body: [
        [
          {
            stack: [
              {
                columns: [
                  { text: clip(site.name, 8), fontSize: 7, color: MUTED, width: 62, margin: [0, 3, 0, 0] },
                  { text: '装修人员出入证', fontSize: 12, bold: true, width: '*', alignment: 'center', noWrap: true },
                  {
                    text: item.reprintCount > 0 ? `补打(第${item.reprintCount}次)` : '',
                    fontSize: 6.5,
                    color: '#c00000',
                    bold: true,
                    alignment: 'right',
                    width: 62,
                    margin: [0, 3.5, 0, 0],
                  },
                ],
                columnGap: 4,
              },
              { canvas: [{ type: 'line', x1: 0, y1: 1, x2: inner, y2: 1, lineWidth: 0.6, lineColor: '#333333' }], margin: [0, 0, 0, 3] },
              {
                columns: [
                  { width: 58, stack: [photoBox(f.photo)] },
                  {
                    width: '*',
                    wordBreak: 'break-all',
                    stack: [
                      line('姓名', f.workerName, fitSize(f.workerName, VALUE_W, 12, 7), true),
                      line('身份证', maskedId(f.workerIdNumber), 7),
                      line('房号', r.unitLabel, fitSize(r.unitLabel, VALUE_W, 10, 7), true),
                      line('工种', f.trade ?? '', 8),
                    ],
                  },
                  {
                    width: 56,
                    stack: [
                      { qr: item.qrPayload, fit: 54, eccLevel: 'M', alignment: 'center' },
                      { text: r.serial!, fontSize: 6.5, alignment: 'center', bold: true, margin: [0, 1, 0, 0] },
                    ],
                  },
                ],
                columnGap: 5,
              },
              {
                text: [
                  { text: '有效期 ', fontSize: 7.5, color: MUTED },
                  { text: `${r.validFrom} 至 ${r.validUntil}`, fontSize: 13, bold: true, color: ACCENT },
                ],
                alignment: 'center',
                margin: [0, 1, 0, 0],
              },
              {
                text: site.settings?.serviceCenterPhone ? `服务中心 ${site.settings.serviceCenterPhone} · 本证限本人使用,不得转借、涂改` : `${clip(site.office, 16)} · 本证限本人使用,不得转借、涂改`,
                fontSize: 6,
                color: MUTED,
                alignment: 'center',
              },
            ],
          },
        ],
      ],
    },
    layout: 'noBorders',
  }
}

/** Dashed cut lines around the cells in use (shared edges drawn once), in page coordinates. */
function cutLines(count: number): Content {
  const edges = new Map<string, { x1: number; y1: number; x2: number; y2: number }>()
  const add = (x1: number, y1: number, x2: number, y2: number) => edges.set(`${x1},${y1},${x2},${y2}`, { x1, y1, x2, y2 })
  for (let i = 0; i < count; i++) {
    const x = (i % COLS) * CARD_W
    const y = Math.floor(i / COLS) * CARD_H
    add(x, y, x + CARD_W, y)
    add(x, y + CARD_H, x + CARD_W, y + CARD_H)
    add(x, y, x, y + CARD_H)
    add(x + CARD_W, y, x + CARD_W, y + CARD_H)
  }
  return {
    absolutePosition: { x: GRID_X, y: GRID_Y },
    canvas: [...edges.values()].map((l) => ({ type: 'line' as const, ...l, lineWidth: 0.5, lineColor: '#777777', dash: { length: 3, space: 2 } })),
  }
}

function unitsOf(chunk: WorkerPassPrintItem[]): string {
  const units = [...new Set(chunk.map((c) => c.record.unitLabel))]
  return units.length === 1 ? clip(units[0], 20) : `${clip(units[0], 20)} 等${units.length}户`
}

/** Worker passes, eight to a sheet; more than eight go on further sheets. */
export function buildWorkerPassSheet(site: PermitSite, items: WorkerPassPrintItem[], opts: { printedAt: string }): TDocumentDefinitions {
  if (items.length === 0) throw rule('没有要打印的出入证')
  for (const it of items) assertPrintable(it.record, { ...it, printedAt: opts.printedAt })
  const pages = Math.ceil(items.length / PASSES_PER_SHEET)
  const content: Content[] = []
  for (let p = 0; p < pages; p++) {
    const chunk = items.slice(p * PASSES_PER_SHEET, (p + 1) * PASSES_PER_SHEET)
    content.push({
      text: [
        { text: `${clip(site.office, 24)} · 装修人员出入证`, bold: true },
        { text: `    ${unitsOf(chunk)} · 本页 ${chunk.length} 张 · 沿虚线剪下,装入证件套` },
      ],
      fontSize: 9,
      color: MUTED,
      margin: [GRID_X - 36, 0, 0, 0],
      ...(p > 0 ? { pageBreak: 'before' as const } : {}),
    })
    chunk.forEach((it, i) => content.push(card(site, it, GRID_X + (i % COLS) * CARD_W, GRID_Y + Math.floor(i / COLS) * CARD_H)))
    content.push(cutLines(chunk.length))
  }
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 60, 36, 42],
    info: { title: `装修人员出入证 ${items.map((i) => i.record.serial).join(' ')}` },
    footer: (currentPage: number, pageCount: number): Content => ({
      columns: [
        { text: `打印时间:${opts.printedAt}    ${footerNote(site, '出入证仅在有效期内使用,日期不得涂改;退证退押金。')}`, width: '*' },
        { text: `第 ${currentPage} 页 / 共 ${pageCount} 页`, width: 'auto', alignment: 'right' },
      ],
      fontSize: 8,
      color: MUTED,
      margin: [GRID_X, 14, GRID_X, 0],
    }),
    content,
  }
}

/** One pass (a sheet with one card), for the common builder signature. */
export function buildWorkerPass(site: PermitSite, record: PermitRecordOf<'workerPass'>, opts: PermitPrintOptions): TDocumentDefinitions {
  return buildWorkerPassSheet(site, [{ record, reprintCount: opts.reprintCount, qrPayload: opts.qrPayload }], { printedAt: opts.printedAt })
}
