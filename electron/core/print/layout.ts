import type {
  Content,
  CustomTableLayout,
  DynamicContent,
  PageOrientation,
  PredefinedPageSize,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces'

/**
 * Reusable pdfmake building blocks for the desk's printed forms (handover record, day log, permits,
 * passes). Every block styles itself inline, so a form needs no `styles` dictionary; fonts come from
 * `renderPdf` (Noto Sans SC). All sizes are PDF points (1 pt = 1/72 in, 1 mm ≈ 2.83 pt).
 */

// ───────────────────────────── pages ─────────────────────────────

/** Points per millimetre, for forms specified in mm. */
export const MM = 72 / 25.4

/**
 * One margin set for every page size: [left, top, right, bottom] ≈ 12.7 mm sides. The footer is drawn
 * inside the bottom margin and cannot see the margins (pdfmake gives it the full page width), so it uses
 * these same numbers; 42 pt leaves room for one 8 pt footer line plus air above it.
 */
export const PAGE_MARGINS: [number, number, number, number] = [36, 32, 36, 42]

export interface PageSetup {
  pageSize: PredefinedPageSize
  pageOrientation: PageOrientation
  pageMargins: [number, number, number, number]
  /** Usable width between the side margins, for canvas lines and fixed table widths. */
  contentWidth: number
}

function page(pageSize: PredefinedPageSize, pageOrientation: PageOrientation, width: number): PageSetup {
  return { pageSize, pageOrientation, pageMargins: PAGE_MARGINS, contentWidth: width - PAGE_MARGINS[0] - PAGE_MARGINS[2] }
}

/** A4 210×297 mm = 595.28×841.89 pt: day log, handover record. */
export const A4_PORTRAIT = page('A4', 'portrait', 595.28)
/** A4 sideways: wide tables (roster, key register). */
export const A4_LANDSCAPE = page('A4', 'landscape', 841.89)
/** A5 148×210 mm = 419.53×595.28 pt: permits and passes, two per A4 sheet. */
export const A5_PORTRAIT = page('A5', 'portrait', 419.53)

/** The page part of a document definition: `{ ...pageSettings(A5_PORTRAIT), content }`. */
export function pageSettings(p: PageSetup): Pick<TDocumentDefinitions, 'pageSize' | 'pageOrientation' | 'pageMargins'> {
  return { pageSize: p.pageSize, pageOrientation: p.pageOrientation, pageMargins: p.pageMargins }
}

// ───────────────────────────── shared look ─────────────────────────────

const LINE = '#333333'
const LABEL_FILL = '#eeeeee'
const MUTED = '#555555'
const REPRINT_RED = '#c00000'

/** Thin dark grid with room around the text: handwriting on the printout must fit in value cells. */
const gridLayout: CustomTableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => LINE,
  vLineColor: () => LINE,
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 4,
  paddingBottom: () => 4,
}

// ───────────────────────────── blocks ─────────────────────────────

export interface DocHeaderInput {
  /** 项目名称, e.g. 阳光花园 */
  siteName: string
  /** 管理处, e.g. 阳光花园物业服务中心 */
  office: string
  /** Form title, e.g. 交接班记录 */
  title: string
  /** Document number printed top right, e.g. HB-20250101-001 */
  serial?: string
  /** Small centered line under the title, e.g. the shift or date */
  subtitle?: string
  /** 服务中心电话 (site setting): every document the desk prints says how to reach it. */
  phone?: string
}

/**
 * Issuer line (site + office) centered, the big bold title, then the subtitle on the left and
 * "编号:" on the right of one line, as paper forms at a Chinese desk are laid out.
 */
export function docHeader({ siteName, office, title, serial, subtitle, phone }: DocHeaderInput): Content {
  // The office name usually already starts with the site name (阳光花园物业服务中心): print it once.
  const issuer = office.startsWith(siteName) ? office : `${siteName} ${office}`
  const stack: Content[] = [
    { text: phone?.trim() ? `${issuer} · 服务中心电话:${phone.trim()}` : issuer, alignment: 'center', fontSize: 11, color: MUTED },
    { text: title, alignment: 'center', fontSize: 18, bold: true, margin: [0, 4, 0, 6] },
  ]
  if (subtitle || serial) {
    stack.push({
      columns: [
        { text: subtitle ?? '', fontSize: 9, color: MUTED },
        { text: serial ? `编号:${serial}` : '', fontSize: 9, alignment: 'right' },
      ],
      columnGap: 8,
    })
  }
  return { stack, margin: [0, 0, 0, 8] }
}

/**
 * Footer for `TDocumentDefinitions.footer`: printed time (and an optional note) on the left,
 * "第 X 页 / 共 Y 页" on the right, so loose sheets of a multi-page record can be put back in order.
 * `sideMargin` must match the document's side margins (pdfmake draws footers across the full page).
 */
export function footerWithPageNumbers(printedAt: string, note?: string, sideMargin = PAGE_MARGINS[0]): DynamicContent {
  const left = note ? `打印时间:${printedAt}  ${note}` : `打印时间:${printedAt}`
  return (currentPage: number, pageCount: number): Content => ({
    columns: [
      { text: left, width: '*' },
      { text: `第 ${currentPage} 页 / 共 ${pageCount} 页`, width: 'auto', alignment: 'right' },
    ],
    columnGap: 8,
    fontSize: 8,
    color: MUTED,
    margin: [sideMargin, 14, sideMargin, 0],
  })
}

/** A value in a field table: text, a number, or any pdfmake content; null/undefined print as blank. */
export type FieldValue = string | number | Content | null | undefined
/** [label, value] or [label, value, 'full'] for a field spanning the whole row (事由, 备注). */
export type FieldRow = [label: string, value: FieldValue] | [label: string, value: FieldValue, span: 'full']

/**
 * Bordered label/value grid, `columns` pairs per line, labels on a grey ground and never wrapped.
 * Fields fill left to right; a 'full' field takes a line of its own, and the last value of a short
 * line stretches over the missing pairs so the grid stays rectangular.
 */
export function fieldTable(rows: FieldRow[], columns = 2): Content {
  if (!Number.isInteger(columns) || columns < 1) throw new Error(`fieldTable: columns must be ≥ 1, got ${columns}`)
  const lines: FieldRow[][] = []
  let line: FieldRow[] = []
  for (const row of rows) {
    const full = row[2] === 'full'
    if (full && line.length > 0) lines.push(line)
    if (full) line = []
    line.push(row)
    if (full || line.length === columns) {
      lines.push(line)
      line = []
    }
  }
  if (line.length > 0) lines.push(line)
  if (lines.length === 0) return { text: '' }

  const body: TableCell[][] = lines.map((fields) => {
    const cells: TableCell[] = []
    fields.forEach(([label, value], i) => {
      cells.push({ text: label, fillColor: LABEL_FILL, noWrap: true, fontSize: 9.5 })
      const span = i === fields.length - 1 ? (columns - fields.length) * 2 + 1 : 1
      const text = value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : value
      cells.push({ stack: [text], colSpan: span })
      for (let k = 1; k < span; k++) cells.push({})
    })
    return cells
  })
  const widths: Array<'auto' | '*'> = []
  for (let i = 0; i < columns; i++) widths.push('auto', '*')
  return { table: { widths, body, dontBreakRows: true }, layout: gridLayout, fontSize: 10, margin: [0, 0, 0, 8] }
}

/**
 * One line of signature boxes (交班人 / 接班人 / 主管…): the label, blank room to sign by hand, and a
 * date line to fill in. Kept unbreakable so a signature never lands on a page without its form.
 */
export function signatureRow(labels: string[], drawn: ReadonlyArray<{ image: string; date: string } | null> = []): Content {
  if (labels.length === 0) return { text: '' }
  const cells: TableCell[] = labels.map((label, i) => ({
    stack: drawn[i]
      ? [
          // A signature drawn on the screen (sites that use them) in place of the blank room, same height.
          { text: label, fontSize: 9.5, bold: true },
          { image: drawn[i]!.image, fit: [180, 36] as [number, number], margin: [0, 1, 0, 1] },
          { text: `日期:${drawn[i]!.date}`, fontSize: 9, color: MUTED },
        ]
      : [
          { text: label, fontSize: 9.5, bold: true },
          // Blank room for a signature: ~12 mm, enough for a pen name at normal size.
          { text: ' ', fontSize: 9.5, margin: [0, 0, 0, 26] },
          { text: '日期:          年      月      日', fontSize: 9, color: MUTED, preserveLeadingSpaces: true },
        ],
  }))
  return {
    table: { widths: labels.map(() => '*'), body: [cells], dontBreakRows: true },
    layout: gridLayout,
    unbreakable: true,
    margin: [0, 4, 0, 8],
  }
}

/** Red "补打(第N次)" marker so a reprint can never pass for the original. */
/**
 * The record on paper failed its seal check (changed outside the app): said at the top, in red, so
 * the paper can never pass for a valid record while the screen warns.
 */
export function tamperWarning(what: string, reason: string | null): Content {
  return {
    table: {
      widths: ['*'],
      body: [[{ text: `${what}校验不符:可能在系统外被改动${reason ? `(${reason})` : ''}。本打印件不能作为有效记录,请报客服主管。`, color: REPRINT_RED, bold: true, fontSize: 10, margin: [4, 3, 4, 3] }]],
    },
    layout: { hLineColor: () => REPRINT_RED, vLineColor: () => REPRINT_RED },
    margin: [0, 0, 0, 8],
  }
}

export function reprintMark(count: number): Content {
  if (!Number.isInteger(count) || count < 1) throw new Error(`reprintMark: count must be a positive integer, got ${count}`)
  return { text: `补打(第${count}次)`, color: REPRINT_RED, bold: true, fontSize: 12, alignment: 'right' }
}

/** Printable ASCII only: raw UTF-8 without an ECI header is misread by some scanners. */
const QR_SAFE = /^[\x20-\x7e]+$/

/**
 * QR code with a caption underneath. The payload must be printable ASCII (a serial + check code, or
 * percent-encoded text); anything else throws here rather than printing a code that scans as garbage.
 */
export function qrBlock(payload: string, caption: string, size = 84): Content {
  if (!QR_SAFE.test(payload)) {
    throw new Error(`二维码内容只能是 ASCII 可打印字符(QR payload must be printable ASCII): ${JSON.stringify(payload)}`)
  }
  return {
    stack: [
      { qr: payload, fit: size, eccLevel: 'M', alignment: 'center' },
      { text: caption, fontSize: 8, color: MUTED, alignment: 'center', margin: [0, 2, 0, 0] },
    ],
    unbreakable: true,
  }
}
