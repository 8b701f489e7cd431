import type { Content, TableCell } from 'pdfmake/interfaces'

/**
 * A compact register table (值班记录, 待跟进, 清点): grey header row repeated on every page, thin
 * grid, small type so a normal shift fits on one A4 page.
 */
const cell = (c: TableCell, fontSize: number): TableCell =>
  typeof c === 'object' && c !== null && !Array.isArray(c) ? ({ fontSize, ...c } as TableCell) : { text: String(c ?? ''), fontSize }

export function registerTable(headers: string[], widths: Array<number | string>, rows: TableCell[][], fontSize = 8.5): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      dontBreakRows: true,
      body: [headers.map((h) => ({ text: h, bold: true, fillColor: '#eeeeee', fontSize })), ...rows.map((r) => r.map((c) => cell(c, fontSize)))],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#444444',
      vLineColor: () => '#444444',
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    margin: [0, 2, 0, 6],
  }
}

export const sectionTitle = (text: string): Content => ({ text, bold: true, fontSize: 10.5, margin: [0, 6, 0, 2] })
