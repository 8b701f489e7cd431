import type { Content, ContentTable, CustomTableLayout, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { maskIdNumber, maskPhone } from '../../../../shared/mask'
import { APPLICANT_ROLE_LABELS, kindDef } from '../../../../shared/permit/kinds'
import { canPrint, parseQrPayload } from '../../../../shared/permit/rules'
import { opinionText } from '../../../../shared/permit/opinion'
import type { PermitRecord } from '../../../../shared/permit/schema/record'
import type { PermitSettings } from '../../../../shared/permit/settings'
import type { LocalStamp } from '../../../../shared/time/calendar'
import { formatValidity } from '../../../../shared/permit/validity'
import { rule } from '../../errors'
import { A5_PORTRAIT, MM, fieldTable, footerWithPageNumbers, pageSettings, qrBlock, reprintMark, type FieldRow } from '../../print/layout'

/**
 * Blocks shared by the permit and pass layouts, on top of print/layout.ts. Sizes in pt (1 mm ≈ 2.83 pt).
 */

export interface PermitSite {
  /** 项目名称 */
  name: string
  /** 管理处 */
  office: string
  /** The permit settings the paper shows: 服务中心电话 on every document, 施工时间 on the 装修许可证. */
  settings?: Partial<Pick<PermitSettings, 'serviceCenterPhone' | 'workHours'>>
}

/** "服务中心电话:0755-86001234", or nothing when the site has not set it. */
export function phoneLine(site: PermitSite): string {
  const phone = site.settings?.serviceCenterPhone?.trim()
  return phone ? `服务中心电话:${phone}` : ''
}

/** A footer note with the service center's phone after it. */
export function footerNote(site: PermitSite, note: string): string {
  const phone = phoneLine(site)
  return phone ? `${note} · ${phone}` : note
}


export interface PermitPrintOptions {
  /** Prints before this one (the record's printCount): > 0 prints 补打(第N次). */
  reprintCount: number
  /** qrPayload(serial, checkCode(...)), made by the core with the site's secret. */
  qrPayload: string
  /** Now, local wall-clock `YYYY-MM-DD HH:mm`: printed on the paper and used to check validity. */
  printedAt: LocalStamp
}

const LINE = '#333333'
const MUTED = '#555555'
export const ACCENT = '#b00000'

/**
 * Refuses (a DeskError RULE with a Chinese message) to lay out a document that may not be printed now,
 * or whose QR payload belongs to another document.
 */
export function assertPrintable(record: PermitRecord, opts: PermitPrintOptions): void {
  const can = canPrint(record, opts.printedAt)
  if (!can.ok) throw rule(can.reason)
  if (!Number.isInteger(opts.reprintCount) || opts.reprintCount < 0) throw rule(`补打次数不正确: ${opts.reprintCount}`)
  const qr = parseQrPayload(opts.qrPayload)
  if (!qr || qr.code === null) throw rule('二维码内容不正确,应含编号和校验码')
  if (qr.serial !== record.serial) throw rule(`二维码编号 ${qr.serial} 与证件编号 ${record.serial} 不符`)
}

/**
 * Issuer line (kept to one line however long the site's names are), the title — letter-spaced when
 * short, as on a certificate — and `编号:` right under it. `width`: the page's content width.
 */
export function bigHeader(site: PermitSite, title: string, serial: string, titleSize: number, width: number, serialBeside = false): Content {
  const full = site.office.startsWith(site.name) ? site.office : `${site.name} ${site.office}`
  const size = fitSize(full, width, 12, 8)
  const issuer = clip(full, Math.floor(width / (size * 1.0)))
  const spaced = [...title].length <= 6 ? [...title].join(' ') : title
  const titleText: Content = { text: spaced, alignment: 'center', fontSize: titleSize, bold: true, margin: [0, 2, 0, 0] }
  const serialText: Content = { text: `编号:${serial}`, alignment: 'right', fontSize: 10, bold: true, noWrap: true }
  return {
    stack: [
      { text: issuer, alignment: 'center', fontSize: size, color: MUTED },
      ...(serialBeside
        ? [{ columns: [{ width: '*', text: '' }, { width: 'auto', ...titleText }, { width: '*', ...serialText, margin: [0, titleSize * 0.55, 0, 0] }] } as Content]
        : [titleText, serialText]),
    ],
    margin: [0, 0, 0, 6],
  }
}

/** The validity in large type, boxed: what the guard and the neighbours read first. */
export function validityBanner(label: string, value: string, size: number, note?: string): Content {
  const stack: Content[] = [
    { text: label, fontSize: Math.max(9, size * 0.45), color: MUTED, alignment: 'center' },
    { text: value, fontSize: size, bold: true, alignment: 'center', color: ACCENT },
  ]
  if (note) stack.push({ text: note, fontSize: Math.max(9, size * 0.42), bold: true, alignment: 'center', margin: [0, 1, 0, 0] })
  return {
    table: { widths: ['*'], body: [[{ stack }]] },
    layout: boxLayout(1.4, 4),
    margin: [0, 0, 0, 8],
  }
}

export function validityText(record: PermitRecord): string {
  return formatValidity(record.validFrom, record.validUntil)
}

export function boxLayout(width: number, pad: number): CustomTableLayout {
  return {
    hLineWidth: () => width,
    vLineWidth: () => width,
    hLineColor: () => LINE,
    vLineColor: () => LINE,
    paddingLeft: () => pad,
    paddingRight: () => pad,
    paddingTop: () => pad,
    paddingBottom: () => pad,
  }
}

const gridLayout = boxLayout(0.6, 4)

/** The approvals as recorded: step, reviewer, decision and opinion, time. */
export function approvalsTable(record: PermitRecord, fontSize = 9.5): Content {
  const steps = kindDef(record.kind).steps
  const head = ['审批环节', '审批人', '审批意见', '审批时间'].map(
    (t): TableCell => ({ text: t, bold: true, fillColor: '#eeeeee', fontSize }),
  )
  const rows: TableCell[][] = steps.map((s, i) => {
    const r = record.reviews.find((x) => x.step === i && x.decision === 'approve')
    return [
      { text: s.label, fontSize },
      { text: r?.staffName ?? '', fontSize, bold: true, noWrap: true },
      { text: r ? opinionText(r) : '', fontSize },
      { text: r?.at ?? '', fontSize, noWrap: true },
    ]
  })
  return {
    table: { widths: ['auto', 'auto', '*', 'auto'], body: [head, ...rows], dontBreakRows: true, headerRows: 1 },
    layout: { ...gridLayout, paddingTop: () => 3, paddingBottom: () => 3 },
    margin: [0, 0, 0, 8],
  }
}

/** A square for the office's round stamp (公章 ≈ 40 mm) with its label. */
export function stampBox(sizeMm: number, label = '管理处(盖章)'): Content {
  const size = sizeMm * MM
  return {
    table: {
      widths: [size],
      heights: [size],
      body: [[{ text: label, fontSize: 9, color: MUTED }]],
    },
    layout: boxLayout(0.8, 4),
  }
}

/** The QR with the serial spelled out under it, for a guard without a scanner. */
export function qrWithSerial(payload: string, serial: string, size: number): Content {
  return qrBlock(payload, `扫码核验 ${serial}`, size)
}

/** Bottom row: free content on the left, the stamp square and the QR on the right. */
export function stampAndQr(left: Content, payload: string, serial: string, stampMm: number, qrSize: number): Content {
  return {
    columns: [
      { width: '*', stack: [left] },
      { width: stampMm * MM + 9, stack: [stampBox(stampMm)] },
      { width: qrSize + 16, stack: [qrWithSerial(payload, serial, qrSize)] },
    ],
    columnGap: 10,
    unbreakable: true,
  }
}

/** A tick box (the font has no ☑/☐): a small bordered cell holding ✓ or nothing, then the label. */
export function checkItem(checked: boolean, label: string, fontSize = 9): Content {
  return {
    columns: [
      {
        width: 11,
        table: { widths: [7], body: [[{ text: checked ? '✓' : ' ', fontSize: 7, bold: true, alignment: 'center', lineHeight: 0.9 }]] },
        layout: { ...boxLayout(0.7, 0), paddingLeft: () => 0.5, paddingRight: () => 0.5 },
        margin: [0, 2, 0, 0],
      },
      { width: '*', text: label, fontSize },
    ],
    columnGap: 3,
    margin: [0, 0, 0, 2],
  }
}

/** "张三(业主)138****5678" */
export function applicantLine(record: PermitRecord, withPhone = true): string {
  const a = record.applicant
  return `${a.name}(${APPLICANT_ROLE_LABELS[a.role]})${withPhone ? ` ${maskPhone(a.phone)}` : ''}`
}

export const maskedId = (id: string | undefined) => (id ? maskIdNumber(id) : '')
export { maskPhone }

/** The 补打 mark when this is not the first print (print/layout.ts reprintMark). */
export function reprintContent(reprintCount: number): Content[] {
  return reprintCount > 0 ? [reprintMark(reprintCount)] : []
}

export const muted = (text: string, fontSize = 8.5): Content => ({ text, fontSize, color: MUTED })

/** A block (a fieldTable) with its values set in another size; labels keep theirs. */
export function sized(content: Content, fontSize: number): Content {
  return { ...(content as object), fontSize } as Content
}

/**
 * The A5 approval form (延期, 增加项目, 楼梯/电梯): header, the validity in large type, the fields, any
 * extra block, the approvals, then the stamp square and the QR beside the applicant's signature.
 */
export function a5ApprovalForm(
  site: PermitSite,
  record: PermitRecord,
  opts: PermitPrintOptions,
  form: { title: string; banner: { label: string; value: string; note?: string }; rows: FieldRow[]; extra?: Content[]; bottomNote?: string },
): TDocumentDefinitions {
  assertPrintable(record, opts)
  const serial = record.serial!
  return {
    ...pageSettings(A5_PORTRAIT),
    info: { title: `${form.title} ${serial}` },
    footer: footerWithPageNumbers(opts.printedAt, footerNote(site, '复印件存档,原件交申请人')),
    content: [
      ...reprintContent(opts.reprintCount),
      bigHeader(site, form.title, serial, 20, A5_PORTRAIT.contentWidth),
      validityBanner(form.banner.label, form.banner.value, 18, form.banner.note),
      compactTable(fieldTable(form.rows), 2.5),
      ...(form.extra ?? []),
      approvalsTable(record, 9),
      stampAndQr(
        {
          stack: [
            { text: '申请人签字:', fontSize: 9.5, bold: true, margin: [0, 4, 0, 20] },
            { text: '日期:      年    月    日', fontSize: 9, color: MUTED, preserveLeadingSpaces: true, margin: [0, 0, 0, 6] },
            ...(form.bottomNote ? [muted(form.bottomNote, 8)] : []),
          ],
        },
        opts.qrPayload,
        serial,
        28,
        64,
      ),
    ],
  }
}

/** The approvals as lines of text (where a table does not fit): 客服主管审批:赵赟 同意 2026-03-02 09:15 */
export function approvalLines(record: PermitRecord, fontSize = 9.5): Content {
  const steps = kindDef(record.kind).steps
  return {
    stack: steps.map((s, i) => {
      const r = record.reviews.find((x) => x.step === i && x.decision === 'approve')
      return {
        text: [
          { text: `${s.label}:`, bold: true },
          { text: r ? `${r.staffName}  ${opinionText(r)}  ${r.at}` : '' },
        ],
        fontSize,
        margin: [0, 0, 0, 3],
      }
    }),
  }
}

/**
 * A fieldTable with tighter cells, label columns fixed to their labels (pdfmake would otherwise widen an
 * 'auto' label column to make room for a long full-row value), and values that may break a line
 * anywhere: CJK text has no spaces, and a long licence or certificate number must wrap inside its cell
 * instead of pushing the table off the paper.
 */
export function compactTable(content: Content, pad: number): Content {
  const t = content as ContentTable
  const body = t.table.body as Array<Array<{ text?: unknown; fontSize?: number; fillColor?: string }>>
  const widths = t.table.widths
  const fixed = Array.isArray(widths)
    ? widths.map((w, i) => {
        if (w !== 'auto') return w
        let em = 0
        let size = 9.5
        for (const row of body) {
          const cell = row[i]
          if (cell?.fillColor && typeof cell.text === 'string') {
            em = Math.max(em, textWidthEm(cell.text))
            size = cell.fontSize ?? size
          }
        }
        return Math.ceil(em * size) + 1
      })
    : widths
  return {
    ...t,
    table: { ...t.table, widths: fixed },
    wordBreak: 'break-all',
    layout: { ...boxLayout(0.6, pad), paddingLeft: () => 4, paddingRight: () => 4 },
    margin: [0, 0, 0, 6],
  }
}

/** Approximate width of `s` in em: CJK 1, ASCII 0.6 (Noto Sans SC digits are ~0.55 em). */
export function textWidthEm(s: string): number {
  let w = 0
  for (const c of s) w += c.charCodeAt(0) < 0x2e80 ? 0.6 : 1
  return w
}

/** The largest size in [min, max] at which `s` fits `width` pt on `lines` lines. */
export function fitSize(s: string, width: number, max: number, min: number, lines = 1): number {
  const size = Math.floor(((width * lines) / Math.max(1, textWidthEm(s))) * 10) / 10
  return Math.max(min, Math.min(max, size))
}

/** Cuts `s` to `n` characters with an ellipsis (headers on a card, not data that must be whole). */
export function clip(s: string, n: number): string {
  return [...s].length <= n ? s : `${[...s].slice(0, n - 1).join('')}…`
}

/**
 * Value widths (pt) inside a two-pair fieldTable, conservative: a half cell and a full-row cell on A4
 * and A5. `one()` sets a short value on one line, shrinking it when long, so a maximal name or number
 * does not add lines to a form that must stay on one sheet.
 */
export const CELL = { a4Half: 180, a4Full: 430, a5Half: 100, a5Full: 265 } as const

export function one(value: string, width: number, size: number, min = 7.5): Content {
  return { text: value, fontSize: fitSize(value, width, size, min) }
}
