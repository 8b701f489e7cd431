import { z } from 'zod'
import { method } from '../api/contract'
import { READS_DUTY } from '../duty/kinds'
import { month } from '../duty/fields'
import { entityId, isoDate } from '../validate/fields'

/** A PDF made by the core: host mode downloads it, Electron can print it or open it. */
export interface PdfFile {
  fileName: string
  pdfBase64: string
}

export const printApi = {
  'print.handover': method<PdfFile>()(z.object({ id: entityId('交接班') }), READS_DUTY),
  'print.dayLog': method<PdfFile>()(z.object({ date: isoDate('日期') }), READS_DUTY),
  'print.roster': method<PdfFile>()(z.object({ month: month() }), READS_DUTY),
}
